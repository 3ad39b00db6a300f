/**
 * Values the card derives from its persona: 照合番号A/B, the Kenkaku birth-date key, and the
 * JPKI encodings of sex and birth date. Test data of the virtual card only.
 */
import { eraOf, parseIsoDate, toWareki } from '../../util/wareki.ts';
import type { Persona } from './persona.ts';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** YYMMDD of the birth date as 照合番号B uses it (和暦 YY, or Gregorian YY when the persona says so). */
export function birthYYMMDD(persona: Persona): string {
  const { year, month, day } = parseIsoDate(persona.resident.birthDate);
  const yy =
    persona.card.codeBBirthYear === 'gregorian' ? year % 100 : toWareki(persona.resident.birthDate).year;
  return pad2(yy) + pad2(month) + pad2(day);
}

/** 照合番号B: birth YYMMDD + card expiry year + security code (14 digits). */
export function codeB(persona: Persona): string {
  return birthYYMMDD(persona) + persona.card.expiryDate.slice(0, 4) + persona.card.securityCode;
}

/** 照合番号A is the My Number itself. */
export function codeA(persona: Persona): string {
  return persona.resident.myNumber;
}

/** The Kenkaku birth-date key: the first six digits of 照合番号B. */
export function birthDateKey(persona: Persona): string {
  return birthYYMMDD(persona);
}

/** JPKI birth date `EYYYYMMDD` (E = era digit 1 明治 … 5 令和, date Gregorian). */
export function jpkiBirthDate(iso: string): string {
  return String(eraOf(iso).jpkiDigit) + iso.replace(/-/g, '');
}

/** JPKI sex code: 1 male, 2 female, 3 unknown (every other Kenhojo code). */
export function jpkiSex(sexCode: Persona['resident']['sexCode']): string {
  return sexCode === '1' ? '1' : sexCode === '2' ? '2' : '3';
}

/** Per-character substitution flags: '1' where the certificate text differs from the card text. */
export function substitutionFlags(cardText: string, certText: string): string {
  const card = [...cardText];
  return [...certText].map((c, i) => (card[i] === c ? '0' : '1')).join('');
}
