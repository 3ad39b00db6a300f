/**
 * Birth dates as they appear in municipal CSV exports and on screens, to ISO "YYYY-MM-DD":
 *   西暦  1980-02-17, 1980/2/17, 1980.2.17, 1980年2月17日, 19800217
 *   和暦  昭和55年2月17日, 昭和元年12月25日, 昭55.2.17, S55.2.17, s55/2/17, R2/2/24, H1-1-8
 *   住基  3550217 (era digit 1 明治 … 5 令和, then YYMMDD)
 * Full-width digits and letters are accepted (NFKC). A date that does not exist (2月30日) or lies
 * outside its era (昭和64年2月1日, 平成31年5月1日) is refused with its own reason.
 */
import { ERAS, findEra, fromWareki, toIsoDate, type Era } from '../util/wareki.ts';

export type BirthDateResult = { ok: true; iso: string } | { ok: false; reason: 'BAD_DATE' | 'NO_SUCH_DATE' };

const WESTERN_RE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_RE =
  /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\.?(元|\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?$/;
const JUKI_RE = /^([1-5])(\d{2})(\d{2})(\d{2})$/;

function western(y: number, m: number, d: number): BirthDateResult {
  try {
    return { ok: true, iso: toIsoDate(y, m, d) };
  } catch {
    return { ok: false, reason: 'NO_SUCH_DATE' };
  }
}

function wareki(era: Era, y: number, m: number, d: number): BirthDateResult {
  try {
    return { ok: true, iso: fromWareki(era.key, y, m, d) };
  } catch {
    return { ok: false, reason: 'NO_SUCH_DATE' };
  }
}

export function parseBirthDate(input: string): BirthDateResult {
  const s = input.normalize('NFKC').replace(/\s/g, '');
  let m = WESTERN_RE.exec(s) ?? COMPACT_RE.exec(s);
  if (m) return western(Number(m[1]), Number(m[2]), Number(m[3]));
  m = ERA_RE.exec(s);
  if (m) {
    const era = findEra(m[1]!);
    if (!era) return { ok: false, reason: 'BAD_DATE' };
    const year = m[2] === '元' ? 1 : Number(m[2]);
    return wareki(era, year, Number(m[3]), Number(m[4]));
  }
  m = JUKI_RE.exec(s);
  if (m) {
    const era = ERAS.find((e) => e.jpkiDigit === Number(m![1]));
    if (!era) return { ok: false, reason: 'BAD_DATE' };
    return wareki(era, Number(m[2]), Number(m[3]), Number(m[4]));
  }
  return { ok: false, reason: 'BAD_DATE' };
}

/** Sex as written in rolls: 男/女, 男性/女性, 1/2 (住基 coding), M/F. */
export function parseSex(input: string): 'M' | 'F' | undefined {
  const s = input.normalize('NFKC').trim().toUpperCase();
  if (s === '男' || s === '男性' || s === '1' || s === 'M') return 'M';
  if (s === '女' || s === '女性' || s === '2' || s === 'F') return 'F';
  return undefined;
}
