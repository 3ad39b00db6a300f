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
import { z } from 'zod';
import { ageOn } from '../../util/wareki.ts';
import type { Store } from '../../store/store.ts';
import { parseBirthDate, parseSex } from './birth-date.ts';
import { CsvError, CsvParser, type CsvRecord } from './csv.ts';
import { ElectionError } from './errors.ts';
import { isKana, normalizeAddress, normalizeKana, normalizeName, normalizeRollNumber } from './normalize.ts';
import { VOTER_INDEX_NAMES, VOTER_INDEXES } from './schema.ts';
import { openTextFile, type TextEncoding, type TextEncodingChoice } from './text-file.ts';

/** The roll's fields, named as in the default header row. */
export const ROLL_FIELDS = ['名簿番号', '投票区', '氏名', 'ふりがな', '生年月日', '性別', '住所'] as const;
export type RollField = (typeof ROLL_FIELDS)[number];
const REQUIRED: readonly RollField[] = ['名簿番号', '投票区', '氏名', '生年月日', '性別'];

/** `--map MAP.json`: {"名簿番号": "選挙人番号", …} — our field → the header text in the file. */
export const ColumnMapSchema = z
  .partialRecord(z.enum(ROLL_FIELDS), z.string().min(1))
  .refine(
    (m) => new Set(Object.values(m)).size === Object.values(m).length,
    'two fields are mapped to the same column',
  );
export type ColumnMap = z.infer<typeof ColumnMapSchema>;

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

export interface RejectedLine {
  line: number;
  code: RejectCode;
  /** Japanese, for the election office. */
  reason: string;
  column?: RollField;
}

export interface ImportOptions {
  encoding?: TextEncodingChoice;
  map?: ColumnMap;
  allowRejected?: boolean;
  /** Replace an existing roll (votes are kept: they refer to roll numbers). */
  replace?: boolean;
  /** Election day (ISO): rows under 18 on the day after it are rejected. */
  electionDate?: string;
}

export interface ImportReport {
  imported: number;
  rejected: RejectedLine[];
  /** Count of rejected lines (the list is capped at MAX_REPORTED_REJECTS). */
  rejectedTotal: number;
  encoding: TextEncoding;
  records: number;
  /** SHA-256 of the file, shared with peers to spot terminals loaded with another roll. */
  digest: string;
  durationMs: number;
  committed: boolean;
}

export const MAX_REPORTED_REJECTS = 10_000;

const ROLL_NUMBER_RE = /^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$/;

function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const MESSAGES: Record<RejectCode, (col?: string, extra?: string) => string> = {
  COLUMN_COUNT: (_c, extra) => `列の数が見出し行と違います（${extra}）`,
  MISSING_VALUE: (c) => `「${c}」が空です`,
  BAD_ROLL_NUMBER: (_c, extra) => `名簿番号の形式が正しくありません: ${extra}`,
  BAD_DATE: (_c, extra) => `生年月日を読み取れません: ${extra}`,
  NO_SUCH_DATE: (_c, extra) => `存在しない日付です: ${extra}`,
  BAD_SEX: (_c, extra) => `性別は 男/女/1/2 のいずれかです: ${extra}`,
  BAD_KANA: (_c, extra) => `ふりがなにかな以外の文字があります: ${extra}`,
  UNDER_18: (_c, extra) => `選挙期日の翌日までに18歳になりません: ${extra}`,
  DUPLICATE_ROLL_NUMBER: (_c, extra) => `名簿番号が重複しています（${extra}）`,
};

function resolveColumns(header: string[], map: ColumnMap | undefined): Map<RollField, number> {
  const clean = header.map((h) => h.normalize('NFKC').trim());
  const cols = new Map<RollField, number>();
  const missing: string[] = [];
  for (const field of ROLL_FIELDS) {
    const name = (map?.[field] ?? field).normalize('NFKC').trim();
    const idx = clean.indexOf(name);
    if (idx >= 0) cols.set(field, idx);
    else if (REQUIRED.includes(field) || map?.[field] !== undefined) missing.push(name);
  }
  if (missing.length > 0) {
    throw new ElectionError('BAD_HEADER', `the header row lacks column(s): ${missing.join(', ')}`, {
      missing,
      header: clean,
    });
  }
  return cols;
}

function show(value: string): string {
  const v = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(v);
}

export function importRoll(store: Store, path: string, opts: ImportOptions = {}): ImportReport {
  const started = Date.now();
  let file: ReturnType<typeof openTextFile> | undefined;
  const db = store.db;
  const rejected: RejectedLine[] = [];
  let rejectedTotal = 0;
  let imported = 0;
  let records = 0;
  const adult = opts.electionDate ? dayAfter(opts.electionDate) : undefined;

  const reject = (line: number, code: RejectCode, column?: RollField, extra?: string) => {
    rejectedTotal++;
    if (rejected.length < MAX_REPORTED_REJECTS) {
      rejected.push({ line, code, reason: MESSAGES[code](column, extra), ...(column ? { column } : {}) });
    }
  };

  const insert = db.prepare(
    `INSERT INTO election_voters
       (roll_number, district, name, kana, birth_date, sex, address, name_key, kana_key, address_key, line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const firstLineOf = db.prepare('SELECT line FROM election_voters WHERE roll_number = ?').pluck();

  let cols: Map<RollField, number> | undefined;
  let width = 0;

  const onRecord = (r: CsvRecord) => {
    if (!cols) {
      cols = resolveColumns(r.fields, opts.map);
      width = r.fields.length;
      return;
    }
    records++;
    const f = r.fields;
    if (f.length < width || f.slice(width).some((x) => x.trim() !== '')) {
      reject(r.line, 'COLUMN_COUNT', undefined, `${f.length} / ${width}`);
      return;
    }
    const get = (field: RollField) => {
      const i = cols!.get(field);
      return i === undefined ? '' : (f[i] ?? '').trim();
    };
    for (const field of REQUIRED) {
      if (get(field) === '') {
        reject(r.line, 'MISSING_VALUE', field);
        return;
      }
    }
    const rollNumber = normalizeRollNumber(get('名簿番号'));
    if (!ROLL_NUMBER_RE.test(rollNumber)) {
      reject(r.line, 'BAD_ROLL_NUMBER', '名簿番号', show(get('名簿番号')));
      return;
    }
    const birth = parseBirthDate(get('生年月日'));
    if (!birth.ok) {
      reject(r.line, birth.reason, '生年月日', show(get('生年月日')));
      return;
    }
    if (adult && ageOn(birth.iso, adult) < 18) {
      reject(r.line, 'UNDER_18', '生年月日', birth.iso);
      return;
    }
    const sex = parseSex(get('性別'));
    if (!sex) {
      reject(r.line, 'BAD_SEX', '性別', show(get('性別')));
      return;
    }
    const kana = get('ふりがな');
    if (!isKana(kana)) {
      reject(r.line, 'BAD_KANA', 'ふりがな', show(kana));
      return;
    }
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
        r.line,
      );
      imported++;
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        const first = firstLineOf.get(rollNumber) as number | undefined;
        reject(
          r.line,
          'DUPLICATE_ROLL_NUMBER',
          '名簿番号',
          first ? `${rollNumber}: ${first}行目と同じ` : rollNumber,
        );
        return;
      }
      throw e;
    }
  };

  class Rejected extends Error {}
  let committed = false;
  try {
    db.transaction(() => {
      const existing = db.prepare('SELECT count(*) FROM election_voters').pluck().get() as number;
      if (existing > 0 && !opts.replace) {
        throw new ElectionError('ROLL_EXISTS', `a roll of ${existing} voters is already imported`, {
          existing,
        });
      }
      if (existing > 0) db.exec('DELETE FROM election_voters');
      file = openTextFile(path, opts.encoding ?? 'auto');
      for (const idx of VOTER_INDEX_NAMES) db.exec(`DROP INDEX IF EXISTS ${idx}`);
      const parser = new CsvParser(onRecord);
      try {
        for (const text of file.chunks()) parser.push(text);
        parser.end();
      } catch (e) {
        if (e instanceof CsvError)
          throw new ElectionError('BAD_CSV', `line ${e.line}: ${e.message}`, { line: e.line });
        throw e;
      }
      if (!cols) throw new ElectionError('BAD_HEADER', 'the file is empty');
      if (rejectedTotal > 0 && !opts.allowRejected) throw new Rejected();
      for (const sql of VOTER_INDEXES) db.exec(sql);
      db.prepare(
        `INSERT INTO store_meta (key, value) VALUES ('election.roll_digest', ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      ).run(file.digest());
    }).immediate();
    committed = true;
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
  }
  return {
    imported: committed ? imported : 0,
    rejected,
    rejectedTotal,
    encoding: file!.encoding,
    records,
    digest: committed ? file!.digest() : '',
    durationMs: Date.now() - started,
    committed,
  };
}
