/**
 * The JPKI signing certificate's subjectAltName otherNames (spec §6): the holder's 4 attributes
 * as substituted into JIS level 1/2 characters, with per-character substitution flags.
 */
import { subjectAltNameOtherNames, type OtherName } from '../../crypto/x509.ts';
import { ERAS, isValidIsoDate } from '../../util/wareki.ts';

export const JPKI_SAN_OID = {
  name: '1.2.392.200149.8.5.5.1',
  nameFlags: '1.2.392.200149.8.5.5.2',
  sex: '1.2.392.200149.8.5.5.3',
  birthDate: '1.2.392.200149.8.5.5.4',
  address: '1.2.392.200149.8.5.5.5',
  addressFlags: '1.2.392.200149.8.5.5.6',
} as const;

export interface JpkiSubjectAltName {
  /** 氏名 (substituted characters flagged in nameFlags). */
  name?: string;
  /** One flag per character: '0' original, '1' substituted. */
  nameFlags?: string;
  /** '1' male, '2' female, '3' unknown. */
  sexCode?: string;
  sex?: 'male' | 'female' | 'unknown';
  /** ISO date (the Gregorian part of EYYYYMMDD). */
  birthDate?: string;
  /** The era digit E: 1 明治 … 5 令和. */
  birthEraDigit?: number;
  /** The era name for birthEraDigit, e.g. 昭和. */
  birthEra?: string;
  address?: string;
  addressFlags?: string;
}

/** Maps otherName entries to the JPKI fields; undefined when none of them is present. */
export function jpkiSanFromOtherNames(names: readonly OtherName[]): JpkiSubjectAltName | undefined {
  const get = (oid: string) => names.find((n) => n.oid === oid)?.value;
  const out: JpkiSubjectAltName = {};
  const name = get(JPKI_SAN_OID.name);
  if (name !== undefined) out.name = name;
  const nameFlags = get(JPKI_SAN_OID.nameFlags);
  if (nameFlags !== undefined) out.nameFlags = nameFlags;
  const sexCode = get(JPKI_SAN_OID.sex);
  if (sexCode !== undefined) {
    out.sexCode = sexCode;
    out.sex = sexCode === '1' ? 'male' : sexCode === '2' ? 'female' : 'unknown';
  }
  const birth = get(JPKI_SAN_OID.birthDate);
  const m = birth === undefined ? null : /^(\d)(\d{4})(\d{2})(\d{2})$/.exec(birth);
  if (m) {
    const iso = `${m[2]}-${m[3]}-${m[4]}`;
    if (isValidIsoDate(iso)) out.birthDate = iso;
    out.birthEraDigit = Number(m[1]);
    const era = ERAS.find((e) => e.jpkiDigit === out.birthEraDigit);
    if (era) out.birthEra = era.name;
  }
  const address = get(JPKI_SAN_OID.address);
  if (address !== undefined) out.address = address;
  const addressFlags = get(JPKI_SAN_OID.addressFlags);
  if (addressFlags !== undefined) out.addressFlags = addressFlags;
  return Object.keys(out).length ? out : undefined;
}

/** The JPKI fields of a certificate's subjectAltName, if any. */
export function jpkiSubjectAltName(certDer: Uint8Array): JpkiSubjectAltName | undefined {
  return jpkiSanFromOtherNames(subjectAltNameOtherNames(certDer));
}
