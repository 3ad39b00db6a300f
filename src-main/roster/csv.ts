/**
 * A streaming RFC 4180 CSV parser: text is pushed in chunks of any size (a chunk may end inside a
 * quoted field or between CR and LF) and each record is handed over with the file line it starts
 * on, so error reports name the line an official sees in an editor. Quoted fields may contain
 * commas, doubled quotes and newlines; CRLF, LF and lone CR all end a record; blank lines are
 * skipped (but counted).
 */

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Longest field accepted: a roll field is short; a runaway quote must not eat the whole file. */
const MAX_FIELD_CHARS = 4096;

export class CsvParser {
  #fields: string[] = [];
  #field = '';
  #inQuotes = false;
  /** The previous chunk ended on a quote inside a quoted field: escaped quote or closing? */
  #quotePending = false;
  #afterCr = false;
  #line = 1;
  #recordLine = 1;
  #fieldStarted = false;
  #quotedCr = false;

  constructor(private readonly onRecord: (r: CsvRecord) => void) {}

  push(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.#afterCr) {
        this.#afterCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (this.#quotePending) {
        this.#quotePending = false;
        if (c === QUOTE) {
          this.#field += '"';
          i++;
          continue;
        }
        this.#inQuotes = false;
      }
      if (this.#inQuotes) {
        // Copy the run up to the next quote in one slice.
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        const chunk = text.slice(i, end);
        this.#countNewlines(chunk);
        this.#field += chunk;
        if (this.#field.length > MAX_FIELD_CHARS) {
          throw new CsvError(this.#recordLine, 'a quoted field never ends (unbalanced quote)');
        }
        if (q === -1) return;
        i = q + 1;
        if (i < n) {
          if (text.charCodeAt(i) === QUOTE) {
            this.#field += '"';
            i++;
          } else this.#inQuotes = false;
        } else this.#quotePending = true;
        continue;
      }
      if (c === QUOTE && !this.#fieldStarted) {
        this.#inQuotes = true;
        this.#quotedCr = false;
        this.#fieldStarted = true;
        i++;
        continue;
      }
      if (c === COMMA) {
        this.#fields.push(this.#field);
        this.#field = '';
        this.#fieldStarted = false;
        i++;
        continue;
      }
      if (c === CR || c === LF) {
        this.#endRecord();
        this.#line++;
        this.#recordLine = this.#line;
        this.#afterCr = c === CR;
        i++;
        continue;
      }
      // Plain run up to the next delimiter.
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === COMMA || d === CR || d === LF) break;
        j++;
      }
      this.#field += text.slice(i, j);
      this.#fieldStarted = true;
      if (this.#field.length > MAX_FIELD_CHARS) throw new CsvError(this.#recordLine, 'field too long');
      i = j;
    }
  }

  end(): void {
    if (this.#inQuotes && !this.#quotePending) {
      throw new CsvError(this.#recordLine, 'the file ends inside a quoted field');
    }
    this.#quotePending = false;
    this.#inQuotes = false;
    this.#endRecord();
  }

  /** Counts line breaks inside quoted text; a CRLF split across chunks counts once. */
  #countNewlines(s: string): void {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === LF && !this.#quotedCr) this.#line++;
      else if (c === CR) this.#line++;
      this.#quotedCr = c === CR;
    }
  }

  #endRecord(): void {
    const blank = this.#fields.length === 0 && this.#field === '' && !this.#fieldStarted;
    if (!blank) {
      this.#fields.push(this.#field);
      this.onRecord({ line: this.#recordLine, fields: this.#fields });
    }
    this.#fields = [];
    this.#field = '';
    this.#fieldStarted = false;
  }
}

/** Parses a whole string (tests, small files). */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const p = new CsvParser((r) => out.push(r));
  p.push(text);
  p.end();
  return out;
}
