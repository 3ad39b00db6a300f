/**
 * Importing the municipality's resident list with households (住民基本台帳 export):
 * `世帯番号,氏名,ふりがな,生年月日,性別,住所,続柄`, UTF-8 or Shift_JIS, through the shared roster
 * reader. One transaction: any rejected line → nothing imported and every rejected line reported
 * with its number, unless `allowRejected`. A person's id is derived from the household, the
 * normalised name and the birth date, so every laptop that loads the same list names the same
 * person the same way (events from several shelters then meet on one id).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Store } from '../../store/store.ts';
import { parseBirthDate, parseSex } from '../../roster/birth-date.ts';
import { RosterError } from '../../roster/errors.ts';
import {
  isKana,
  normalizeAddress,
  normalizeId,
  normalizeKana,
  normalizeName,
} from '../../roster/normalize.ts';
import {
  columnMapSchema,
  readRoster,
  showValue,
  type LineVerdict,
  type RosterReadReport,
  type RosterReject,
} from '../../roster/read.ts';
import type { TextEncodingChoice } from '../../roster/text-file.ts';
import { ShelterError } from './errors.ts';
import { RESIDENT_INDEX_NAMES, RESIDENT_INDEXES } from './schema.ts';

export const RESIDENT_FIELDS = ['世帯番号', '氏名', 'ふりがな', '生年月日', '性別', '住所', '続柄'] as const;
export type ResidentField = (typeof RESIDENT_FIELDS)[number];
const LIST = { fields: RESIDENT_FIELDS, required: ['世帯番号', '氏名', '生年月日'] } as const;

/** `--map MAP.json`: {"世帯番号": "世帯コード", …}. */
export const ResidentMapSchema = columnMapSchema(RESIDENT_FIELDS);
export type ResidentMap = z.infer<typeof ResidentMapSchema>;

export type ResidentRejectCode =
  'BAD_HOUSEHOLD' | 'BAD_DATE' | 'NO_SUCH_DATE' | 'BAD_SEX' | 'BAD_KANA' | 'DUPLICATE_PERSON';

export type ResidentReject = RosterReject<string, ResidentField>;

export interface ResidentImportOptions {
  encoding?: TextEncodingChoice;
  map?: ResidentMap;
  allowRejected?: boolean;
  /** Replace a list already loaded (events refer to person ids and stay). */
  replace?: boolean;
}

export interface ResidentImportReport extends RosterReadReport<ResidentRejectCode, ResidentField> {
  imported: number;
  households: number;
  committed: boolean;
  durationMs: number;
}

const HOUSEHOLD_RE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$/;

/** The id of a listed person: the same on every laptop that loaded the same list. */
export function listedPersonId(householdId: string, name: string, birthIso: string): string {
  const digest = createHash('sha256')
    .update(`${householdId}\n${normalizeName(name)}\n${birthIso}`)
    .digest('hex');
  return `r-${digest.slice(0, 16)}`;
}

const MESSAGES: Record<ResidentRejectCode, (extra: string) => string> = {
  BAD_HOUSEHOLD: (x) => `世帯番号の形式が正しくありません: ${x}`,
  BAD_DATE: (x) => `生年月日を読み取れません: ${x}`,
  NO_SUCH_DATE: (x) => `存在しない日付です: ${x}`,
  BAD_SEX: (x) => `性別は 男/女/1/2 のいずれかです: ${x}`,
  BAD_KANA: (x) => `ふりがなにかな以外の文字があります: ${x}`,
  DUPLICATE_PERSON: (x) => `同じ世帯に同じ氏名・生年月日の方がいます（${x}）`,
};

const rejectAs = (
  code: ResidentRejectCode,
  column: ResidentField,
  extra: string,
): LineVerdict<ResidentRejectCode, ResidentField> => ({ code, reason: MESSAGES[code](extra), column });

export function importResidents(
  store: Store,
  path: string,
  opts: ResidentImportOptions = {},
): ResidentImportReport {
  const started = Date.now();
  const db = store.db;
  let imported = 0;
  const insert = db.prepare(
    `INSERT INTO shelter_residents
       (person_id, household_id, name, kana, birth_date, sex, address, relation, name_key, kana_key, address_key, line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const firstLineOf = db.prepare('SELECT line FROM shelter_residents WHERE person_id = ?').pluck();

  const onLine = (
    get: (f: ResidentField) => string,
    line: number,
  ): LineVerdict<ResidentRejectCode, ResidentField> => {
    const household = normalizeId(get('世帯番号'));
    if (!HOUSEHOLD_RE.test(household))
      return rejectAs('BAD_HOUSEHOLD', '世帯番号', showValue(get('世帯番号')));
    const birth = parseBirthDate(get('生年月日'));
    if (!birth.ok) return rejectAs(birth.reason, '生年月日', showValue(get('生年月日')));
    const sexText = get('性別');
    const sex = sexText === '' ? null : parseSex(sexText);
    if (sex === undefined) return rejectAs('BAD_SEX', '性別', showValue(sexText));
    const kana = get('ふりがな');
    if (kana !== '' && !isKana(kana)) return rejectAs('BAD_KANA', 'ふりがな', showValue(kana));
    const name = get('氏名');
    const address = get('住所');
    const personId = listedPersonId(household, name, birth.iso);
    try {
      insert.run(
        personId,
        household,
        name,
        kana,
        birth.iso,
        sex,
        address,
        get('続柄'),
        normalizeName(name),
        normalizeKana(kana),
        normalizeAddress(address),
        line,
      );
      imported++;
      return undefined;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
      const first = firstLineOf.get(personId) as number | undefined;
      return rejectAs('DUPLICATE_PERSON', '氏名', first ? `${first}行目と同じ` : name);
    }
  };

  class Rejected extends Error {}
  let read: RosterReadReport<ResidentRejectCode, ResidentField> | undefined;
  let households = 0;
  try {
    db.transaction(() => {
      const existing = db.prepare('SELECT count(*) FROM shelter_residents').pluck().get() as number;
      if (existing > 0 && !opts.replace)
        throw new ShelterError('LIST_EXISTS', `a list of ${existing} residents is already imported`, {
          existing,
        });
      if (existing > 0) db.exec('DELETE FROM shelter_residents');
      for (const idx of RESIDENT_INDEX_NAMES) db.exec(`DROP INDEX IF EXISTS ${idx}`);
      try {
        read = readRoster(path, LIST, opts, onLine);
      } catch (e) {
        if (e instanceof RosterError) throw new ShelterError(e.code, e.message, e.details);
        throw e;
      }
      if (read.rejectedTotal > 0 && !opts.allowRejected) throw new Rejected();
      for (const sql of RESIDENT_INDEXES) db.exec(sql);
      households = db
        .prepare('SELECT count(DISTINCT household_id) FROM shelter_residents')
        .pluck()
        .get() as number;
      store.setMeta('shelter.list_digest', read.digest);
    }).immediate();
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    return {
      ...read!,
      imported: 0,
      households: 0,
      digest: '',
      durationMs: Date.now() - started,
      committed: false,
    };
  }
  return { ...read!, imported, households, durationMs: Date.now() - started, committed: true };
}
