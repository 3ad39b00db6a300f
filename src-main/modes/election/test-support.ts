/**
 * Helpers for election tests and the benchmark: roll CSV builders, quick terminal set-up, and the
 * roster's Shift_JIS encoder and the seeded PRNG passed on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from '../../card/secret.ts';
import { ElectionService, type InitOptions } from './service.ts';
import { prng } from '../../../test/helpers/prng.ts';
import { encodeShiftJis } from '../../roster/test-support.ts';

export { encodeShiftJis, prng };

export const DEFAULT_HEADER = '名簿番号,投票区,氏名,ふりがな,生年月日,性別,住所';

export function rollCsv(rows: string[], header = DEFAULT_HEADER): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}

export const PASSPHRASE = 'senkyo-kanri 2026';

export function secret(s = PASSPHRASE): Secret {
  return Secret.fromString(s);
}

export const BASE_ELECTION: Omit<InitOptions, 'terminalId' | 'stationId' | 'kind'> = {
  electionName: '第27回参議院議員通常選挙',
  date: '2026-07-19',
  // Every test terminal of this election is in one group: the same set-up code.
  groupSalt: '5e1ec7105e1ec7105e1ec7105e1ec710',
};

/**
 * A small roll: look-alike names (異体字, spaces), twins sharing name and birth date told apart
 * by address, two districts.
 */
export const SAMPLE_ROWS = [
  '0001,1,髙橋 一郎,たかはし いちろう,昭和55年2月17日,男,新潟県三条市旭町二丁目3番5号',
  '0002,1,山﨑　花子,ヤマサキ ハナコ,S60.4.1,女,新潟県三条市旭町2-4-1',
  '0003,2,渡邊 次郎,わたなべ じろう,1990-12-31,1,新潟県三条市東裏館1-1-1',
  '0004,2,齋藤 さくら,さいとう さくら,平成2年1月8日,2,新潟県三条市東裏館3-2-1',
  '0005,1,佐藤 太郎,さとう たろう,H1.1.8,男,新潟県三条市旭町1-1-1',
  '0006,2,佐藤 太郎,さとう たろう,H1.1.8,男,新潟県三条市東裏館5-5-5',
  '0007,1,濵田 ゆき,はまだ ゆき,S元.12.25,女,新潟県三条市旭町9-9-9',
  '0008,2,田中 ヨシ,たなか よし,大正14年5月5日,F,新潟県三条市東裏館7-1',
];

export interface Terminal {
  svc: ElectionService;
  path: string;
}

export async function initTerminal(
  dir: string,
  terminalId: string,
  opts: Partial<InitOptions> & { rows?: string[]; now?: () => number } = {},
): Promise<Terminal> {
  const path = join(dir, `${terminalId}.db`);
  const s = secret();
  const svc = await ElectionService.init(
    path,
    s,
    {
      ...BASE_ELECTION,
      kind: 'tojitsu',
      stationId: 'st1',
      stationName: '第1投票所',
      terminalId,
      ...opts,
    },
    opts.now ? { now: opts.now } : {},
  );
  s.dispose();
  const csv = join(dir, `${terminalId}-roll.csv`);
  writeFileSync(csv, rollCsv(opts.rows ?? SAMPLE_ROWS));
  const report = svc.importRoll(csv);
  if (!report.committed) throw new Error(`sample roll rejected: ${JSON.stringify(report.rejected)}`);
  return { svc, path };
}
