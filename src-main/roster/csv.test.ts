import { describe, expect, it } from 'vitest';
import { CsvError, CsvParser, parseCsv, type CsvRecord } from './csv.ts';
import { prng } from '../../test/helpers/prng.ts';

describe('CSV parser', () => {
  it('parses quoted fields with commas, doubled quotes and newlines, keeping file line numbers', () => {
    const text = 'a,b,c\r\n"x,1","say ""hi""",z\r\n\r\n"multi\r\nline",2,3\n4,5,6\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x,1', 'say "hi"', 'z'] },
      { line: 4, fields: ['multi\r\nline', '2', '3'] },
      { line: 6, fields: ['4', '5', '6'] },
    ]);
  });

  it('accepts LF, CRLF and CR line ends, empty fields and a missing final newline', () => {
    expect(parseCsv('a,,c\rd,e,\nf')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['d', 'e', ''] },
      { line: 3, fields: ['f'] },
    ]);
    expect(parseCsv('"",x')).toEqual([{ line: 1, fields: ['', 'x'] }]);
  });

  it('gives the same records however the text is cut into chunks (property)', () => {
    const rnd = prng(9);
    const cells = ['a', '', '"q,1"', '"x""y"', '"l1\r\nl2"', '漢字', '"\n"', 'z z'];
    for (let trial = 0; trial < 200; trial++) {
      const rows = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () =>
        Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => cells[Math.floor(rnd() * cells.length)]).join(
          ',',
        ),
      );
      const eol = ['\n', '\r\n', '\r'][Math.floor(rnd() * 3)]!;
      const text = rows.join(eol) + (rnd() < 0.5 ? eol : '');
      const whole = parseCsv(text);
      const pieces: CsvRecord[] = [];
      const p = new CsvParser((r) => pieces.push(r));
      let i = 0;
      while (i < text.length) {
        const n = 1 + Math.floor(rnd() * 4);
        p.push(text.slice(i, i + n));
        i += n;
      }
      p.end();
      expect(pieces).toEqual(whole);
    }
  });

  it('reports an unterminated quote with the line it starts on', () => {
    expect(() => parseCsv('a,b\n"open,c\nd\n')).toThrow(CsvError);
    try {
      parseCsv('a,b\n"open,c\nd\n');
    } catch (e) {
      expect((e as CsvError).line).toBe(2);
    }
  });
});
