import { describe, expect, it } from 'vitest';
import { JPKI_SAN_OID, jpkiSanFromOtherNames } from './san.ts';

describe('JPKI subjectAltName fields', () => {
  it('maps the six OIDs, with the era digit and ISO birth date', () => {
    const san = jpkiSanFromOtherNames([
      { oid: JPKI_SAN_OID.name, value: '髙橋　一郎' },
      { oid: JPKI_SAN_OID.nameFlags, value: '10000' },
      { oid: JPKI_SAN_OID.sex, value: '1' },
      { oid: JPKI_SAN_OID.birthDate, value: '419890108' },
      { oid: JPKI_SAN_OID.address, value: '東京都' },
      { oid: JPKI_SAN_OID.addressFlags, value: '000' },
      { oid: '1.2.3.4', value: 'ignored' },
    ]);
    expect(san).toEqual({
      name: '髙橋　一郎',
      nameFlags: '10000',
      sexCode: '1',
      sex: 'male',
      birthDate: '1989-01-08',
      birthEraDigit: 4,
      birthEra: '平成',
      address: '東京都',
      addressFlags: '000',
    });
  });

  it("sex '3' is unknown; a malformed birth date is left out; no JPKI fields → undefined", () => {
    expect(jpkiSanFromOtherNames([{ oid: JPKI_SAN_OID.sex, value: '3' }])).toEqual({
      sexCode: '3',
      sex: 'unknown',
    });
    expect(jpkiSanFromOtherNames([{ oid: JPKI_SAN_OID.birthDate, value: '1980-02-17' }])).toBeUndefined();
    expect(jpkiSanFromOtherNames([])).toBeUndefined();
  });
});
