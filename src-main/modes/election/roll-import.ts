/**
 * Importing the 選挙人名簿 from CSV.
 *
 * One pass, one transaction: the file is read in chunks (constant memory), decoded, parsed and
 * validated, and good rows are inserted with one prepared statement while the roll's secondary
 * indexes are dropped (they are rebuilt once at the end). If any line is rejected, the whole
 * transaction is rolled back and the report names every rejected line (its line number as an
 * editor shows it, and why) — nothing is half-imported. `allowRejected` imports the good lines
 * anyway (the rejected ones are still reported); it is for deliberate use, e.g. a roll with a
 * few known-bad test rows.
 *
 * The whole import is synchronous on purpose: nothing else can run on the connection inside
 * the transaction (the kiosk imports the roll at set-up time, not while voters queue).
 */
import type { z } from 'zod';
import { ageOn } from '../../util/wareki.ts';
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
import { ElectionError } from './errors.ts';
import { VOTER_INDEX_NAMES, VOTER_INDEXES } from './schema.ts';

/** The roll's fields, named as in the default header row. */
export const ROLL_FIELDS = ['名簿番号', '投票区', '氏名', 'ふりがな', '生年月日', '性別', '住所'] as const;
export type RollField = (typeof ROLL_FIELDS)[number];
const ROLL = { fields: ROLL_FIELDS, required: ['名簿番号', '投票区', '氏名', '生年月日', '性別'] } as const;

/** `--map MAP.json`: {"名簿番号": "選挙人番号", …} — our field → the header text in the file. */
export const ColumnMapSchema = columnMapSchema(ROLL_FIELDS);
export type ColumnMap = z.infer<typeof ColumnMapSchema>;

/** Why a line of the roll is rejected (COLUMN_COUNT and MISSING_VALUE come from the roster reader). */
export type RejectCode =
  | 'COLUMN_COUNT'
  | 'MISSING_VALUE'
  | 'BAD_ROLL_NUMBER'
  | 'BAD_DATE'
  | 'NO_SUCH_DATE'
  | 'BAD_SEX'
  | 'BAD_KANA'
  | 'UNDER_18'
  | 'DUPLICATE_ROLL_NUMBER';

/** One rejected line: its number as an editor shows it, the reason in Japanese for the office. */
export type RejectedLine = RosterReject<RejectCode, RollField>;

export interface ImportOptions {
  encoding?: TextEncodingChoice;
  map?: ColumnMap;
  allowRejected?: boolean;
  /** Replace an existing roll (votes are kept: they refer to roll numbers). */
  replace?: boolean;
  /** Election day (ISO): rows under 18 on the day after it are rejected. */
  electionDate?: string;
}

export interface ImportReport extends RosterReadReport<RejectCode, RollField> {
  imported: number;
  durationMs: number;
  committed: boolean;
}

const ROLL_NUMBER_RE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$/;

function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

type LineCode = Exclude<RejectCode, 'COLUMN_COUNT' | 'MISSING_VALUE'>;
const MESSAGES: Record<LineCode, (extra: string) => string> = {
  BAD_ROLL_NUMBER: (extra) => `名簿番号の形式が正しくありません: ${extra}`,
  BAD_DATE: (extra) => `生年月日を読み取れません: ${extra}`,
  NO_SUCH_DATE: (extra) => `存在しない日付です: ${extra}`,
  BAD_SEX: (extra) => `性別は 男/女/1/2 のいずれかです: ${extra}`,
  BAD_KANA: (extra) => `ふりがなにかな以外の文字があります: ${extra}`,
  UNDER_18: (extra) => `選挙期日の翌日までに18歳になりません: ${extra}`,
  DUPLICATE_ROLL_NUMBER: (extra) => `名簿番号が重複しています（${extra}）`,
};

const rejectAs = (code: LineCode, column: RollField, extra: string): LineVerdict<RejectCode, RollField> => ({
  code,
  reason: MESSAGES[code](extra),
  column,
});

export function importRoll(store: Store, path: string, opts: ImportOptions = {}): ImportReport {
  const started = Date.now();
  const db = store.db;
  let imported = 0;
  const adult = opts.electionDate ? dayAfter(opts.electionDate) : undefined;

  const insert = db.prepare(
    `INSERT INTO election_voters
       (roll_number, district, name, kana, birth_date, sex, address, name_key, kana_key, address_key, line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const firstLineOf = db.prepare('SELECT line FROM election_voters WHERE roll_number = ?').pluck();

  const onLine = (get: (field: RollField) => string, line: number): LineVerdict<RejectCode, RollField> => {
    const rollNumber = normalizeId(get('名簿番号'));
    if (!ROLL_NUMBER_RE.test(rollNumber))
      return rejectAs('BAD_ROLL_NUMBER', '名簿番号', showValue(get('名簿番号')));
    const birth = parseBirthDate(get('生年月日'));
    if (!birth.ok) return rejectAs(birth.reason, '生年月日', showValue(get('生年月日')));
    if (adult && ageOn(birth.iso, adult) < 18) return rejectAs('UNDER_18', '生年月日', birth.iso);
    const sex = parseSex(get('性別'));
    if (!sex) return rejectAs('BAD_SEX', '性別', showValue(get('性別')));
    const kana = get('ふりがな');
    if (!isKana(kana)) return rejectAs('BAD_KANA', 'ふりがな', showValue(kana));
    const name = get('氏名');
    const address = get('住所');
    try {
      insert.run(
        rollNumber,
        get('投票区').normalize('NFKC'),
        name,
        kana,
        birth.iso,
        sex,
        address,
        normalizeName(name),
        normalizeKana(kana),
        normalizeAddress(address),
        line,
      );
      imported++;
      return undefined;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
      const first = firstLineOf.get(rollNumber) as number | undefined;
      return rejectAs(
        'DUPLICATE_ROLL_NUMBER',
        '名簿番号',
        first ? `${rollNumber}: ${first}行目と同じ` : rollNumber,
      );
    }
  };

  class Rejected extends Error {}
  let read: RosterReadReport<RejectCode, RollField> | undefined;
  try {
    db.transaction(() => {
      const existing = db.prepare('SELECT count(*) FROM election_voters').pluck().get() as number;
      if (existing > 0 && !opts.replace) {
        throw new ElectionError('ROLL_EXISTS', `a roll of ${existing} voters is already imported`, {
          existing,
        });
      }
      if (existing > 0) db.exec('DELETE FROM election_voters');
      for (const idx of VOTER_INDEX_NAMES) db.exec(`DROP INDEX IF EXISTS ${idx}`);
      try {
        read = readRoster(path, ROLL, opts, onLine);
      } catch (e) {
        // The roll's own codes say 名簿 (the election's messages); the details carry over.
        if (e instanceof RosterError)
          throw new ElectionError(e.code === 'EMPTY' ? 'BAD_HEADER' : e.code, e.message, e.details);
        throw e;
      }
      if (read.rejectedTotal > 0 && !opts.allowRejected) throw new Rejected();
      for (const sql of VOTER_INDEXES) db.exec(sql);
      db.prepare(
        `INSERT INTO store_meta (key, value) VALUES ('election.roll_digest', ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      ).run(read.digest);
    }).immediate();
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    return { ...read!, imported: 0, digest: '', durationMs: Date.now() - started, committed: false };
  }
  return { ...read!, imported, durationMs: Date.now() - started, committed: true };
}
