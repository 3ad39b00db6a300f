import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  X509Certificate,
  createHash,
  createPublicKey,
  verify as verifySig,
  constants,
  publicDecrypt,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AIDS } from './card-files.ts';
import { codeB } from './derived.ts';
import { loadPersonaKeys } from './persona-keys.ts';
import { loadPersona } from './personas.ts';
import {
  bytes,
  cardFor,
  children,
  hexOf,
  readAll,
  readTlv,
  selectAp,
  selectEf,
  send,
  verify,
} from './test-support.ts';
import { VirtualMyNumberCard } from './virtual-card.ts';

const SHA256_PREFIX = '3031300D060960864801650304020105000420';
const digestInfo = (msg: string) => bytes(SHA256_PREFIX + createHash('sha256').update(msg).digest('hex'));

function signApdu(p2: number, di: Uint8Array): Uint8Array {
  return Uint8Array.from([0x80, 0x2a, 0x00, p2, di.length, ...di, 0x00]);
}

describe('power and ATR', () => {
  it('answers the ATR on power-on and reset', () => {
    const card = cardFor('ordinary');
    expect(hexOf(card.powerOn())).toBe('3BE000FF8131FE4514');
    expect(hexOf(card.reset())).toBe(hexOf(card.atr));
  });
});

describe('SELECT', () => {
  it('selects all five APs by full AID', () => {
    const card = cardFor('ordinary');
    for (const ap of ['jpki', 'kenhojo', 'kenkaku', 'juki', 'common'] as const) {
      expect(selectAp(card, ap).swHex).toBe('9000');
    }
  });

  it('rejects partial and unknown AIDs with 6A82 and the MF with 6A86', () => {
    const card = cardFor('ordinary');
    expect(send(card, `00A4040C09${hexOf(AIDS.jpki.subarray(0, 9))}`).swHex).toBe('6A82');
    expect(send(card, '00A4040C0AD392F000260100000002').swHex).toBe('6A82');
    expect(send(card, '00A4000C023F00').swHex).toBe('6A86');
    expect(send(card, '00A40000023F00').swHex).toBe('6A86');
    expect(send(card, '00A4010C020001').swHex).toBe('6A86');
  });

  it('selects EFs only inside an AP and only existing ones', () => {
    const card = cardFor('ordinary');
    expect(selectEf(card, 0x0001).swHex).toBe('6A82');
    selectAp(card, 'kenhojo');
    expect(selectEf(card, 0x0002).swHex).toBe('9000');
    expect(selectEf(card, 0x0099).swHex).toBe('6A82');
    expect(send(card, '00A4020C0300').swHex).toBe('6700');
  });

  it('a card that is not a My Number Card answers 6A82 to every My Number AP', () => {
    const card = cardFor('not-mynumber');
    expect(selectAp(card, 'jpki').swHex).toBe('6A82');
    expect(selectAp(card, 'kenhojo').swHex).toBe('6A82');
    expect(send(card, '00B0860020').swHex).toBe('6A82');
  });
});

describe('Kenhojo access rules', () => {
  const persona = loadPersona('ordinary');
  const B = codeB(persona);

  it('6982 before any verification', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    for (const fid of [1, 2, 3]) {
      selectEf(card, fid);
      expect(send(card, '00B0000004').swHex, `EF ${fid}`).toBe('6982');
    }
    selectEf(card, 4);
    expect(send(card, '00B0000004').swHex).toBe('9000');
    selectEf(card, 5);
    expect(send(card, '00B0000004').swHex).toBe('9000');
  });

  it('the PIN opens 0001, 0002 and 0003', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    selectEf(card, 0x0011);
    expect(verify(card, '1234').swHex).toBe('9000');
    for (const fid of [1, 2, 3]) {
      selectEf(card, fid);
      expect(send(card, '00B0000004').swHex, `EF ${fid}`).toBe('9000');
    }
  });

  it('照合番号B opens 0002 and 0003 but NOT 0001', () => {
    const card = cardFor('ordinary');
    expect(B).toBe('55021720352285');
    selectAp(card, 'kenhojo');
    selectEf(card, 0x0015);
    expect(verify(card, B).swHex).toBe('9000');
    selectEf(card, 1);
    expect(send(card, '00B0000004').swHex).toBe('6982');
    selectEf(card, 2);
    expect(send(card, '00B0000004').swHex).toBe('9000');
    selectEf(card, 3);
    expect(send(card, '00B0000004').swHex).toBe('9000');
  });

  it('照合番号A opens 0001 and 0003 but not 0002', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    selectEf(card, 0x0014);
    expect(verify(card, persona.resident.myNumber).swHex).toBe('9000');
    selectEf(card, 1);
    expect(send(card, '00B0000004').swHex).toBe('9000');
    selectEf(card, 2);
    expect(send(card, '00B0000004').swHex).toBe('6982');
    selectEf(card, 3);
    expect(send(card, '00B0000004').swHex).toBe('9000');
  });

  it('key 0012 ships blocked', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    selectEf(card, 0x0012);
    expect(send(card, '00200080').swHex).toBe('63C0');
    expect(verify(card, '1234').swHex).toBe('6984');
  });
});

describe('Kenhojo file contents', () => {
  it('EF 0001 is FF 10 0C + 12 digits + FF FF (17 physical bytes)', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    verify(card, '1234', 0x91);
    selectEf(card, 1);
    const full = send(card, '00B0000011');
    expect(full.swHex).toBe('9000');
    expect(hexOf(full.data)).toBe(
      'FF100C' + Buffer.from('123456789018').toString('hex').toUpperCase() + 'FFFF',
    );
    const over = send(card, '00B0000020');
    expect(over.swHex).toBe('6282');
    expect(over.data.length).toBe(17);
    expect(send(card, '00B0001101').swHex).toBe('6B00');
  });

  it('EF 0002 has correct offsets, U+3000 in the name and FF filler', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    verify(card, '1234', 0x91);
    selectEf(card, 2);
    const file = readAll(card);
    expect(file.length).toBe(0x300);
    const outer = readTlv(file);
    expect(outer.tag).toBe(0xff20);
    expect(file.subarray(outer.total).every((b) => b === 0xff)).toBe(true);
    const kids = children(outer.value);
    expect(kids.map((k) => k.tag)).toEqual([0xdf21, 0xdf22, 0xdf23, 0xdf24, 0xdf25]);
    const table = kids[0]!.value;
    kids.slice(1).forEach((k, i) => {
      expect((table[2 * i]! << 8) | table[2 * i + 1]!).toBe(outer.header + k.offset);
    });
    const text = (v: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(v);
    expect(text(kids[1]!.value)).toBe('山田\u3000太郎');
    expect(text(kids[2]!.value)).toBe('神奈川県横浜市中区日本大通１－２－３０４');
    expect(text(kids[3]!.value)).toBe('19800217');
    expect(text(kids[4]!.value)).toBe('1');
  });

  it('a 200-character address makes EF 0002 longer than 256 bytes with long-form lengths', () => {
    const card = cardFor('long-address');
    selectAp(card, 'kenhojo');
    verify(card, '7391', 0x91);
    selectEf(card, 2);
    const head = send(card, '00B0000008');
    expect(head.data[2]).toBe(0x82); // FF 20 82 HH LL
    const file = readAll(card);
    const outer = readTlv(file);
    expect(outer.total).toBeGreaterThan(256);
    const address = children(outer.value)[2]!;
    expect(address.tag).toBe(0xdf23);
    expect(outer.value[address.offset + 2]).toBe(0x82); // DF 23 82 HH LL
    expect([...new TextDecoder().decode(address.value)].length).toBe(194);
    // a short read at a 16-bit offset past 256
    const tail = send(card, '00B0010010');
    expect(tail.swHex).toBe('9000');
    expect(hexOf(tail.data)).toBe(hexOf(file.subarray(0x100, 0x110)));
  });

  it('non-BMP characters are stored as 4-byte UTF-8', () => {
    const card = cardFor('gaiji');
    selectAp(card, 'kenhojo');
    verify(card, '2580', 0x91);
    selectEf(card, 2);
    const kids = children(readTlv(readAll(card)).value);
    expect(hexOf(kids[1]!.value).startsWith('F0A0AEB7')).toBe(true); // 𠮷
    expect(new TextDecoder().decode(kids[2]!.value)).toContain('齋藤髙﨑');
  });

  it('EF 0003 holds the digests and a signature by the EF 0004 key', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    verify(card, '1234', 0x91);
    selectEf(card, 1);
    const mn = send(card, '00B0000011').data;
    selectEf(card, 2);
    const attrs = readAll(card);
    selectEf(card, 3);
    const integrity = readTlv(readAll(card));
    const [d31, d32, d33] = children(integrity.value);
    expect(hexOf(d31!.value)).toBe(createHash('sha256').update(mn).digest('hex').toUpperCase());
    const attrsOuter = readTlv(attrs);
    const skipTable = attrsOuter.value.subarray(11, attrsOuter.length);
    expect(hexOf(d32!.value)).toBe(createHash('sha256').update(skipTable).digest('hex').toUpperCase());
    const issuer = createPublicKey(loadPersonaKeys('ordinary').cardIssuerKey);
    const signed = integrity.value.subarray(0, d33!.offset);
    expect(verifySig('sha256', signed, issuer, d33!.value)).toBe(true);
  });

  it('EF 0005 DF41 byte 2 tells extended APDU support', () => {
    for (const [id, expected] of [
      ['ordinary', 0x00],
      ['extended-apdu', 0x03],
    ] as const) {
      const card = cardFor(id);
      selectAp(card, 'kenhojo');
      const info = send(card, '00B0850000');
      const df41 = children(readTlv(info.data).value)[0]!;
      expect(df41.tag).toBe(0xdf41);
      expect(df41.value[1]).toBe(expected);
    }
  });
});

describe('VERIFY and retry counters', () => {
  it('counts down 63C2, 63C1, 63C0 then answers 6984; queries spend nothing', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    selectEf(card, 0x0011);
    expect(send(card, '00200080').swHex).toBe('63C3');
    expect(send(card, '00200080').swHex).toBe('63C3');
    expect(verify(card, '0000').swHex).toBe('63C2');
    expect(verify(card, '0001').swHex).toBe('63C1');
    expect(send(card, '00200080').swHex).toBe('63C1');
    expect(verify(card, '0002').swHex).toBe('63C0');
    expect(send(card, '00200080').swHex).toBe('63C0');
    expect(verify(card, '1234').swHex).toBe('6984');
    selectEf(card, 1);
    expect(send(card, '00B0000004').swHex).toBe('6982');
    expect(card.triesLeft('kenhojoPin')).toBe(0);
  });

  it('a correct value resets the counter; the query then answers 9000 until power-off', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    selectEf(card, 0x0018);
    expect(verify(card, '9999').swHex).toBe('63C2');
    expect(verify(card, '1234').swHex).toBe('9000');
    expect(send(card, '00200080').swHex).toBe('9000');
    card.powerOff();
    card.powerOn();
    selectAp(card, 'jpki');
    expect(send(card, '00200098').swHex).toBe('63C3');
  });

  it('counters persist across power cycles (card state)', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    selectEf(card, 0x0015);
    expect(verify(card, '00000000000000').swHex).toBe('63C9');
    card.powerOff();
    card.powerOn();
    selectAp(card, 'kenhojo');
    expect(send(card, '00200095').swHex).toBe('63C9');
  });

  it('compares exact bytes: extra digits and lower-case passwords are wrong', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    selectEf(card, 0x0011);
    expect(verify(card, '12345').swHex).toBe('63C2');
    selectAp(card, 'jpki');
    selectEf(card, 0x001b);
    expect(verify(card, 'abc123').swHex).toBe('63C4');
    expect(verify(card, 'ABC123').swHex).toBe('9000');
    expect(card.triesLeft('jpkiSignPassword')).toBe(5);
  });

  it('verification survives re-SELECT and warm reset, not power-off', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    verify(card, '1234', 0x91);
    selectAp(card, 'jpki');
    selectAp(card, 'kenhojo');
    expect(send(card, '00B0810004').swHex).toBe('9000');
    card.reset();
    selectAp(card, 'kenhojo');
    expect(send(card, '00B0810004').swHex).toBe('9000');
    card.powerOff();
    card.powerOn();
    selectAp(card, 'kenhojo');
    expect(send(card, '00B0810004').swHex).toBe('6982');
  });

  it('one-try-left and blocked personas start where they say', () => {
    const one = cardFor('one-try-left');
    selectAp(one, 'kenhojo');
    expect(send(one, '00200091').swHex).toBe('63C1');
    expect(send(one, '00200095').swHex).toBe('63C1');
    selectAp(one, 'jpki');
    expect(send(one, '00200098').swHex).toBe('63C1');
    expect(send(one, '0020009B').swHex).toBe('63C1');
    expect(verify(one, 'WRONG1', 0x9b).swHex).toBe('63C0');
    expect(verify(one, 'SUZUKI48', 0x9b).swHex).toBe('6984');

    const blocked = cardFor('blocked');
    selectAp(blocked, 'kenhojo');
    expect(send(blocked, '00200091').swHex).toBe('63C0');
    expect(verify(blocked, '9999', 0x91).swHex).toBe('6984');
    expect(send(blocked, '00200095').swHex).toBe('63C0');
    expect(send(blocked, '00200094').swHex).toBe('63CA');
    selectAp(blocked, 'jpki');
    expect(verify(blocked, '9999', 0x98).swHex).toBe('6984');
  });

  it('rejects VERIFY with bad P1/P2 and on non-key EFs', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'kenhojo');
    expect(send(card, '00200180').swHex).toBe('6A86');
    expect(send(card, '00200000').swHex).toBe('6A86');
    expect(send(card, '00200080').swHex).toBe('6986');
    expect(send(card, '0020009E').swHex).toBe('6A88');
    selectEf(card, 2);
    expect(send(card, '00200080').swHex).toBe('6981');
  });
});

describe('READ BINARY', () => {
  it('6B00 at or past the end, 6282 with the rest when Le runs past it, Le 00 = 256', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    selectEf(card, 0x000a);
    const all = readAll(card);
    expect(all.length).toBe(0x800);
    expect(send(card, '00B0080001').swHex).toBe('6B00');
    const end = send(card, '00B007F020');
    expect(end.swHex).toBe('6282');
    expect(end.data.length).toBe(16);
    const chunk = send(card, '00B0000000');
    expect(chunk.data.length).toBe(256);
    expect(chunk.swHex).toBe('9000');
  });

  it('rejects extended READ BINARY unless the persona supports it', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    selectEf(card, 0x000a);
    expect(send(card, '00B00000000000').swHex).toBe('6700');
    const ext = cardFor('extended-apdu');
    selectAp(ext, 'jpki');
    selectEf(ext, 0x000a);
    const whole = send(ext, '00B00000000000');
    expect(whole.data.length).toBe(0x800);
    expect(whole.swHex).toBe('6282');
    const exact = send(ext, '00B00000000800');
    expect(exact.swHex).toBe('9000');
    expect(hexOf(exact.data)).toBe(hexOf(whole.data));
  });

  it('SFI reads select the EF implicitly; later offset reads continue on it', () => {
    const card = cardFor('ordinary');
    const keys = loadPersonaKeys('ordinary');
    selectAp(card, 'jpki');
    const head = send(card, '00B08A0004');
    expect(hexOf(head.data).startsWith('3082')).toBe(true);
    const total = ((head.data[2]! << 8) | head.data[3]!) + 4;
    expect(total).toBe(keys.authCert.length);
    const rest: Uint8Array[] = [head.data];
    for (let off = 4; off < total;) {
      const n = Math.min(256, total - off);
      const a = send(card, Uint8Array.from([0x00, 0xb0, off >> 8, off & 0xff, n & 0xff]));
      expect(a.swHex).toBe('9000');
      rest.push(a.data);
      off += n;
    }
    expect(hexOf(Buffer.concat(rest))).toBe(hexOf(keys.authCert));
  });

  it('answers 6986 without a current EF, 6981 on key EFs, 6A82 for unknown SFIs', () => {
    const card = cardFor('ordinary');
    expect(send(card, '00B0000004').swHex).toBe('6986');
    selectAp(card, 'jpki');
    expect(send(card, '00B0000004').swHex).toBe('6986');
    expect(send(card, '00B0980004').swHex).toBe('6981');
    expect(send(card, '00B0830004').swHex).toBe('6A82');
    expect(send(card, '00B0800004').swHex).toBe('6A86');
  });
});

describe('JPKI', () => {
  const keys = loadPersonaKeys('ordinary');

  it('the token EF holds the 32-byte space-padded label', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    const t = send(card, '00B0860020');
    expect(t.swHex).toBe('9000');
    expect(Buffer.from(t.data).toString('ascii')).toBe('JPKIAPICCTOKEN2'.padEnd(32, ' '));
  });

  it('the signing certificate needs the signing password', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    expect(send(card, '00B0810004').swHex).toBe('6982');
    expect(verify(card, 'ABC123', 0x9b).swHex).toBe('9000');
    selectEf(card, 0x0001);
    const der = readAll(card).subarray(0, keys.signCert.length);
    expect(hexOf(der)).toBe(hexOf(keys.signCert));
    selectEf(card, 0x0002);
    expect(hexOf(readAll(card).subarray(0, keys.signCaCert.length))).toBe(hexOf(keys.signCaCert));
  });

  it('signs with the auth key after VERIFY 0018; the signature verifies with the cert key', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    selectEf(card, 0x0017);
    const di = digestInfo('challenge');
    expect(send(card, signApdu(0x80, di)).swHex).toBe('6982');
    selectEf(card, 0x0018);
    expect(verify(card, '1234').swHex).toBe('9000');
    selectEf(card, 0x0017);
    const sig = send(card, signApdu(0x80, di));
    expect(sig.swHex).toBe('9000');
    expect(sig.data.length).toBe(256);
    const pub = new X509Certificate(keys.authCert).publicKey;
    expect(verifySig('sha256', Buffer.from('challenge'), pub, sig.data)).toBe(true);
    const padded = publicDecrypt({ key: pub, padding: constants.RSA_PKCS1_PADDING }, sig.data);
    expect(hexOf(padded)).toBe(hexOf(di));
  });

  it('signs with the signing key through SFI addressing after VERIFY 001B', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    const di = digestInfo('document');
    expect(send(card, signApdu(0x9a, di)).swHex).toBe('6982');
    expect(verify(card, 'ABC123', 0x9b).swHex).toBe('9000');
    const sig = send(card, signApdu(0x9a, di));
    expect(sig.swHex).toBe('9000');
    const pub = new X509Certificate(keys.signCert).publicKey;
    expect(verifySig('sha256', Buffer.from('document'), pub, sig.data)).toBe(true);
    // the auth PIN does not unlock the signing key, nor the password the auth key
    expect(send(card, signApdu(0x97, di)).swHex).toBe('6982');
  });

  it('rejects signing on non-key EFs, with bad P1, and oversized input', () => {
    const card = cardFor('ordinary');
    selectAp(card, 'jpki');
    verify(card, '1234', 0x98);
    expect(send(card, signApdu(0x8a, digestInfo('x'))).swHex).toBe('6981');
    expect(send(card, Uint8Array.from([0x80, 0x2a, 0x01, 0x97, 1, 0, 0])).swHex).toBe('6A86');
    const big = new Uint8Array(246);
    expect(send(card, Uint8Array.from([0x80, 0x2a, 0x00, 0x97, 246, ...big, 0])).swHex).toBe('6A80');
    expect(send(card, Uint8Array.from([0x00, 0x2a, 0x00, 0x97, 1, 0, 0])).swHex).toBe('6E00');
  });

  it('certificates chain to the test roots; expired-cert is expired', () => {
    for (const id of ['ordinary', 'expired-cert']) {
      const k = loadPersonaKeys(id);
      const root = new X509Certificate(k.authCaCert);
      const auth = new X509Certificate(k.authCert);
      expect(auth.verify(root.publicKey)).toBe(true);
      expect(auth.checkIssued(root)).toBe(true);
      expect(auth.subject).toMatch(/^C=JP\nCN=TEST[0-9A-Z]{16}$/);
      const sign = new X509Certificate(k.signCert);
      expect(sign.verify(new X509Certificate(k.signCaCert).publicKey)).toBe(true);
      const expired = new Date(sign.validTo).getTime() < Date.now();
      expect(expired).toBe(id === 'expired-cert');
    }
  });
});

describe('Kenkaku', () => {
  it('birth-date key opens 0001; B opens 0002 but not 0005; A opens 0005', () => {
    const persona = loadPersona('reiwa-child');
    const card = cardFor('reiwa-child');
    selectAp(card, 'kenkaku');
    expect(send(card, '00B0810004').swHex).toBe('6982');
    expect(verify(card, codeB(persona).slice(0, 6), 0x91).swHex).toBe('9000');
    expect(codeB(persona).slice(0, 6)).toBe('020224');
    const age = readTlv(send(card, '00B0810000').data);
    expect(age.tag).toBe(0xff10);
    expect(send(card, '00B0820004').swHex).toBe('6982');
    expect(verify(card, codeB(persona), 0x92).swHex).toBe('9000');
    selectEf(card, 2);
    const face = children(readTlv(readAll(card)).value);
    expect(face.map((f) => f.tag)).toEqual([
      0xdf21, 0xdf22, 0xdf23, 0xdf24, 0xdf25, 0xdf26, 0xdf27, 0xdf28, 0xdf29, 0xdf2a,
    ]);
    expect(Buffer.from(face[1]!.value).toString()).toBe('20200224');
    expect(Buffer.from(face[8]!.value).toString()).toBe('20280224');
    expect(hexOf(face[4]!.value).startsWith('89504E47')).toBe(true);
    expect(send(card, '00B0850004').swHex).toBe('6982');
    expect(verify(card, persona.resident.myNumber, 0x93).swHex).toBe('9000');
    expect(send(card, '00B0850004').swHex).toBe('9000');
  });
});

describe('hostile input', () => {
  it('answers malformed APDUs with status words', () => {
    const card = cardFor('ordinary');
    expect(send(card, '').swHex).toBe('6700');
    expect(send(card, '00A404').swHex).toBe('6700');
    expect(send(card, '00A4040C0AD392').swHex).toBe('6700'); // Lc larger than the data
    expect(send(card, '00A4040C00').swHex).toBe('6700'); // case 2: no AID at all
    expect(send(card, '00CA000000').swHex).toBe('6D00');
    expect(send(card, '10A4040C0AD392F000260100000001').swHex).toBe('6E00');
    expect(send(card, '00B000000000').swHex).toBe('6700'); // 6 bytes: not a valid case
  });

  it('never throws on random input and always returns a status word', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const cards = [cardFor('ordinary'), cardFor('chaining-quirks'), cardFor('extended-apdu')];
    for (let i = 0; i < 3000; i++) {
      const len = rnd() % 24;
      const apdu = Uint8Array.from({ length: len }, rnd);
      if (len > 1 && i % 3 === 0) apdu[1] = [0xa4, 0xb0, 0x20, 0x2a, 0xc0][i % 5]!;
      if (len > 0 && i % 2 === 0) apdu[0] = i % 4 ? 0x00 : 0x80;
      for (const card of cards) {
        const r = card.transmit(apdu);
        expect(r.length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('transport quirks', () => {
  it('chaining: data comes through GET RESPONSE after 61xx', () => {
    const card = cardFor('chaining-quirks');
    expect(selectAp(card, 'jpki').swHex).toBe('6F00'); // first APDU after power-on
    expect(selectAp(card, 'jpki').swHex).toBe('9000');
    expect(send(card, '00B08A0004').swHex).toBe('6104');
    const got = send(card, '00C0000004');
    expect(got.swHex).toBe('9000');
    expect(hexOf(got.data).startsWith('3082')).toBe(true);
    expect(send(card, '00C0000004').swHex).toBe('6985'); // nothing pending
    // partial GET RESPONSE leaves the rest pending
    expect(send(card, '00B0000010').swHex).toBe('6110');
    const part = send(card, '00C0000008');
    expect(part.swHex).toBe('6108');
    expect(send(card, '00C0000008').swHex).toBe('9000');
    // a signature (256 bytes) announces 6100
    verify(card, '3690', 0x98);
    expect(send(card, signApdu(0x97, digestInfo('x'))).swHex).toBe('6100');
    expect(send(card, '00C0000000').data.length).toBe(256);
  });

  it('wrong Le: 6Cxx with the bytes left', () => {
    const card = cardFor('chaining-quirks');
    send(card, '00A4040C0A' + hexOf(AIDS.jpki)); // eats the 6F00
    selectAp(card, 'jpki');
    expect(send(card, '00B0860040').swHex).toBe('6C20');
    expect(send(card, '00B0000020').swHex).toBe('6120');
  });

  it('6F00 once after every power-on, not after a warm reset', () => {
    const card = cardFor('chaining-quirks');
    expect(selectAp(card, 'jpki').swHex).toBe('6F00');
    expect(selectAp(card, 'jpki').swHex).toBe('9000');
    card.reset();
    expect(selectAp(card, 'jpki').swHex).toBe('9000');
    card.powerOff();
    card.powerOn();
    expect(selectAp(card, 'jpki').swHex).toBe('6F00');
  });

  it('a card constructed for a My Number persona without keys is a programming error', () => {
    expect(() => new VirtualMyNumberCard(loadPersona('ordinary'))).toThrow(/needs its keys/);
  });
});

describe('privacy', () => {
  it('logs APDU headers and status words only, never VERIFY data', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emu-log-')), 'log.jsonl');
    const saved = { f: process.env.KAKANAI_LOG_FILE, l: process.env.KAKANAI_LOG_LEVEL };
    process.env.KAKANAI_LOG_FILE = file;
    process.env.KAKANAI_LOG_LEVEL = 'debug';
    try {
      const card = cardFor('ordinary');
      selectAp(card, 'kenhojo');
      verify(card, '55021720352285', 0x95);
      verify(card, '1234', 0x91);
      selectAp(card, 'jpki');
      verify(card, 'ABC123', 0x9b);
    } finally {
      if (saved.f === undefined) delete process.env.KAKANAI_LOG_FILE;
      else process.env.KAKANAI_LOG_FILE = saved.f;
      if (saved.l === undefined) delete process.env.KAKANAI_LOG_LEVEL;
      else process.env.KAKANAI_LOG_LEVEL = saved.l;
    }
    const log = readFileSync(file, 'utf8');
    expect(log).toContain('emulator.apdu');
    for (const secret of [
      '55021720352285',
      '1234',
      'ABC123',
      '3535303231373230',
      '31323334',
      '414243313233',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
