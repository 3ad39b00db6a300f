/**
 * Helpers for shelter tests and the benchmark: a resident list (the card persona `ordinary`'s
 * family of four among others), quick laptop set-up.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from '../../card/secret.ts';
import { ShelterService, type InitOptions } from './service.ts';

export const LIST_HEADER = '世帯番号,氏名,ふりがな,生年月日,性別,住所,続柄';

export function listCsv(rows: readonly string[], header = LIST_HEADER): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}

export const PASSPHRASE = 'hinanjo-uketsuke 2026';

export function secret(s = PASSPHRASE): Secret {
  return Secret.fromString(s);
}

/** Every test laptop is in one group: the same set-up code. */
export const GROUP_SALT = '5a1e17e55a1e17e55a1e17e55a1e17e5';

/**
 * The persona `ordinary` (山田 太郎, 1980-02-17, 横浜市中区日本大通) heads household 1001 of
 * four; a namesake with the same birth date lives elsewhere (the address tells them apart).
 */
export const SAMPLE_LIST = [
  '1001,山田 太郎,やまだ たろう,昭和55年2月17日,男,神奈川県横浜市中区日本大通1-2-304,世帯主',
  '1001,山田 花子,やまだ はなこ,S57.6.1,女,神奈川県横浜市中区日本大通1-2-304,妻',
  '1001,山田 一郎,やまだ いちろう,2019-04-02,男,神奈川県横浜市中区日本大通1-2-304,子',
  '1001,山田 ウメ,やまだ うめ,昭和15年3月3日,女,神奈川県横浜市中区日本大通1-2-304,母',
  '1002,山田 太郎,やまだ たろう,1980-02-17,男,神奈川県横浜市中区山下町5-5,世帯主',
  '1003,髙橋 さくら,たかはし さくら,H2.1.8,女,神奈川県横浜市中区本町3-1,世帯主',
  '1003,髙橋 蓮,たかはし れん,2024-08-20,男,神奈川県横浜市中区本町3-1,子',
  '1004,佐藤 ヨシ,さとう よし,大正14年5月5日,女,神奈川県横浜市中区元町2-2,世帯主',
];

export const ORDINARY_CARD = {
  name: '山田　太郎',
  birthDate: '1980-02-17',
  address: '神奈川県横浜市中区日本大通１－２－３０４',
} as const;

/** The persona `ordinary`'s 照合番号B: 昭和55年2月17日 → 550217, expiry 2035, security code 2285. */
export const ORDINARY_BNO = '55021720352285';

export async function initShelter(
  dir: string,
  terminalId: string,
  opts: Partial<InitOptions> & { rows?: readonly string[] | null; now?: () => number } = {},
): Promise<ShelterService> {
  const s = secret();
  const svc = await ShelterService.init(
    join(dir, `${terminalId}.db`),
    s,
    { shelterName: '中区立本町小学校体育館', capacity: 300, terminalId, groupSalt: GROUP_SALT, ...opts },
    opts.now ? { now: opts.now } : {},
  );
  s.dispose();
  if (opts.rows !== null) {
    const csv = join(dir, `${terminalId}-list.csv`);
    writeFileSync(csv, listCsv(opts.rows ?? SAMPLE_LIST));
    const report = svc.importResidents(csv);
    if (!report.committed) throw new Error(`sample list rejected: ${JSON.stringify(report.rejected)}`);
  }
  return svc;
}
