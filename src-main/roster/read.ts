/**
 * Reading a roster file (the voter roll, a shelter's household list, a fare registry): CSV in
 * UTF-8 or Shift_JIS (detected, or chosen), a header row whose columns are found by name (or by a
 * column map), and every data line turned into a row by the caller's parser — or rejected with its
 * line number (as an editor shows it) and a reason. Nothing here decides what a rejected line
 * means: the caller imports inside its own transaction and commits only when `rejectedTotal` is
 * zero, unless the operator asked for --allow-rejected (all-or-nothing by default).
 *
 * Synchronous and streaming: constant memory whatever the file size.
 */
import { hasControlOrBidi, terminalSafe } from '../util/terminal-text.ts';
import { z } from 'zod';
import { CsvError, CsvParser, type CsvRecord } from './csv.ts';
import { RosterError } from './errors.ts';
import { openTextFile, type TextEncoding, type TextEncodingChoice } from './text-file.ts';

/** A roster's columns, named as in its default header row. */
export interface RosterSpec<F extends string> {
  fields: readonly F[];
  /** Columns every line must fill (and the header must have). */
  required: readonly F[];
}

/** A line that could not be used: which line, why (Japanese, for staff), which column. */
export interface RosterReject<C extends string = string, F extends string = string> {
  line: number;
  code: C;
  reason: string;
  column?: F;
}

/** What the caller's parser says about one line: a reject (code, reason, column) or nothing. */
export type LineVerdict<C extends string, F extends string> = Omit<RosterReject<C, F>, 'line'> | undefined;

export type RosterLineCode = 'COLUMN_COUNT' | 'MISSING_VALUE' | 'CONTROL_CHARACTER' | 'TOO_LONG';

/** The longest value any column may hold (a long address is about 100 characters). */
export const MAX_VALUE_LENGTH = 300;

export interface RosterReadOptions<F extends string> {
  encoding?: TextEncodingChoice;
  /** Our field → the header text in the file ({"名簿番号": "選挙人番号"}). */
  map?: Partial<Record<F, string>>;
}

export interface RosterReadReport<C extends string, F extends string> {
  /** Data lines seen (the header excluded). */
  records: number;
  rejected: RosterReject<C | RosterLineCode, F>[];
  /** Count of rejected lines (the list is capped at MAX_REPORTED_REJECTS). */
  rejectedTotal: number;
  encoding: TextEncoding;
  /** SHA-256 of the file (terminals compare it to spot one loaded with another roster). */
  digest: string;
}

export const MAX_REPORTED_REJECTS = 10_000;

/** The column map's schema for a roster: known fields only, each mapped to a distinct column. */
export function columnMapSchema<F extends string>(fields: readonly [F, ...F[]]) {
  return z
    .partialRecord(z.enum(fields), z.string().min(1))
    .refine(
      (m) => new Set(Object.values(m)).size === Object.values(m).length,
      'two fields are mapped to the same column',
    );
}

function resolveColumns<F extends string>(
  spec: RosterSpec<F>,
  header: string[],
  map: Partial<Record<F, string>> | undefined,
): Map<F, number> {
  const clean = header.map((h) => h.normalize('NFKC').trim());
  const cols = new Map<F, number>();
  const missing: string[] = [];
  for (const field of spec.fields) {
    const name = (map?.[field] ?? field).normalize('NFKC').trim();
    const idx = clean.indexOf(name);
    if (idx >= 0) cols.set(field, idx);
    else if (spec.required.includes(field) || map?.[field] !== undefined) missing.push(name);
  }
  if (missing.length > 0) {
    throw new RosterError('BAD_HEADER', `the header row lacks column(s): ${missing.join(', ')}`, {
      missing,
      header: clean,
    });
  }
  return cols;
}

/** A value for a reject reason: quoted, cut at 40 characters, control characters escaped. */
export function showValue(value: string): string {
  const v = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return terminalSafe(JSON.stringify(v));
}

/**
 * Reads the file at `path`; `onLine` gets each data line's trimmed values by field and its line
 * number, and answers a reject or nothing. Lines with too few or extra filled columns, or an empty
 * required value, are rejected before `onLine` sees them.
 */
export function readRoster<F extends string, C extends string>(
  path: string,
  spec: RosterSpec<F>,
  opts: RosterReadOptions<F>,
  onLine: (get: (field: F) => string, line: number) => LineVerdict<C, F>,
): RosterReadReport<C, F> {
  const file = openTextFile(path, opts.encoding ?? 'auto');
  const rejected: RosterReject<C | RosterLineCode, F>[] = [];
  let rejectedTotal = 0;
  let records = 0;
  let cols: Map<F, number> | undefined;
  let width = 0;

  const reject = (line: number, verdict: Omit<RosterReject<C | RosterLineCode, F>, 'line'>) => {
    rejectedTotal++;
    if (rejected.length < MAX_REPORTED_REJECTS) rejected.push({ line, ...verdict });
  };

  const onRecord = (r: CsvRecord) => {
    if (!cols) {
      cols = resolveColumns(spec, r.fields, opts.map);
      width = r.fields.length;
      return;
    }
    records++;
    const f = r.fields;
    if (f.length < width || f.slice(width).some((x) => x.trim() !== '')) {
      reject(r.line, {
        code: 'COLUMN_COUNT',
        reason: `列の数が見出し行と違います（${f.length} / ${width}）`,
      });
      return;
    }
    const get = (field: F) => {
      const i = cols!.get(field);
      return i === undefined ? '' : (f[i] ?? '').trim();
    };
    for (const field of cols!.keys()) {
      const v = get(field);
      if (hasControlOrBidi(v)) {
        reject(r.line, {
          code: 'CONTROL_CHARACTER',
          reason: `「${field}」に制御文字があります: ${showValue(v)}`,
          column: field,
        });
        return;
      }
      if (v.length > MAX_VALUE_LENGTH) {
        reject(r.line, {
          code: 'TOO_LONG',
          reason: `「${field}」が${MAX_VALUE_LENGTH}文字を超えています（${v.length}文字）`,
          column: field,
        });
        return;
      }
    }
    const empty = spec.required.find((field) => get(field) === '');
    if (empty !== undefined) {
      reject(r.line, { code: 'MISSING_VALUE', reason: `「${empty}」が空です`, column: empty });
      return;
    }
    const verdict = onLine(get, r.line);
    if (verdict) reject(r.line, verdict);
  };

  const parser = new CsvParser(onRecord);
  try {
    for (const text of file.chunks()) parser.push(text);
    parser.end();
  } catch (e) {
    if (e instanceof CsvError)
      throw new RosterError('BAD_CSV', `line ${e.line}: ${e.message}`, { line: e.line });
    throw e;
  }
  if (!cols) throw new RosterError('EMPTY', 'the file is empty');
  return { records, rejected, rejectedTotal, encoding: file.encoding, digest: file.digest() };
}
