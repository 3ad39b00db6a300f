/**
 * Protocol tests: MyNumberCard against the in-process virtual card, for every persona and every
 * error path. The 照合番号B is built with our own builder (bno.ts), not the emulator's, so the two
 * cross-check each other.
 */
import { X509Certificate, verify as rsaVerify, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmulatorProvider } from '../emulator/in-process.ts';
import { loadPersonaKeys } from '../emulator/persona-keys.ts';
import type { Persona } from '../emulator/persona.ts';
import { listPersonas, loadPersona } from '../emulator/personas.ts';
import { Secret } from '../secret.ts';
import type { CardTransport } from '../transport.ts';
import { verifyDetachedCms } from '../../crypto/cms.ts';
import { loadTrustRoots, verifyChain } from '../../crypto/trust.ts';
import { bnoCandidates, buildBno } from './bno.ts';
import { readMyNumber } from './kenhojo.ts';
import { MyNumberCard } from './my-number-card.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const SEX = { '1': 'male', '2': 'female' } as Record<string, string>;
const roots = loadTrustRoots();

/** Wraps a transport to record every command (VERIFY data masked). */
function recording(t: CardTransport): { transport: CardTransport; log: string[] } {
  const log: string[] = [];
  const transport: CardTransport = {
    readerName: t.readerName,
    supportsExtendedApdu: t.supportsExtendedApdu,
    transmit: (cmd) => {
      log.push(cmd[1] === 0x20 && cmd.length > 5 ? `${hex(cmd.subarray(0, 5))}<secret>` : hex(cmd));
      return t.transmit(cmd);
    },
    close: (d) => t.close(d),
  };
  return { transport, log };
}

async function open(personaId: string) {
  const provider = new EmulatorProvider({ persona: personaId });
  const rec = recording(await provider.connect());
  const card = await MyNumberCard.open(rec.transport);
  return { provider, card, log: rec.log, persona: provider.card.persona };
}

function bnoFor(p: Persona): Secret {
  const parts = {
    birth: { date: p.resident.birthDate },
    expiryYear: Number(p.card.expiryDate.slice(0, 4)),
    securityCode: p.card.securityCode,
  };
  const candidates = bnoCandidates(parts);
  const wanted = p.card.codeBBirthYear === 'gregorian' ? 'gregorian-yy' : 'wareki';
  const pick = candidates.find((c) => c.variant === wanted)!;
  for (const c of candidates) if (c !== pick) c.bno.dispose();
  return pick.bno;
}

const secret = (s: string) => Secret.fromString(s);
const MY_NUMBER_PERSONAS = listPersonas().filter((id) => loadPersona(id).kind === 'mynumber');
const USABLE = MY_NUMBER_PERSONAS.filter((id) => {
  const r = loadPersona(id).retries;
  return r.kenhojoPin > 1 && r.kenhojoB > 1 && r.jpkiAuthPin > 1 && r.jpkiSignPassword > 1;
});

describe('every persona', () => {
  it('covers the personas the emulator ships', () => {
    expect(listPersonas().length).toBeGreaterThanOrEqual(10);
    expect(USABLE).toEqual(
      expect.arrayContaining([
        'ordinary',
        'gaiji',
        'long-address',
        'chaining-quirks',
        'extended-apdu',
        'foreign-resident',
        'reiwa-child',
        'expired-cert',
      ]),
    );
  });

  it.each(MY_NUMBER_PERSONAS)(
    '%s: identifies as a My Number Card and reports its retry counters',
    async (id) => {
      const { card, persona } = await open(id);
      expect(card.token).toBe(persona.token);
      expect(card.tokenKind).toBe('mynumber-card');
      // 6F00 costs one resend, chaining one GET RESPONSE for the token
      expect(card.apduCount).toBe(
        2 + (persona.quirks.firstApduError ? 1 : 0) + (persona.quirks.chaining ? 1 : 0),
      );
      const r = await card.retries();
      expect(r).toEqual({
        kenhojoPin: persona.retries.kenhojoPin,
        kenhojoB: persona.retries.kenhojoB,
        jpkiAuthPin: persona.retries.jpkiAuthPin,
        jpkiSignPassword: persona.signingCertificate ? persona.retries.jpkiSignPassword : null,
      });
    },
  );

  it.each(USABLE)('%s: PIN → 4 attributes + 個人番号; 照合番号B → 4 attributes', async (id) => {
    const { card, persona, provider } = await open(id);
    const pin = secret(persona.secrets.kenhojoPin);
    const info = await card.readWithPin(pin, { myNumber: true });
    expect(pin.disposed).toBe(true);
    expect(info).toEqual({
      name: persona.resident.name,
      address: persona.resident.address,
      birthDate: persona.resident.birthDate,
      sex: SEX[persona.resident.sexCode] ?? 'other',
      sexCode: persona.resident.sexCode,
      myNumber: persona.resident.myNumber,
    });
    await card.close();
    // New power session: 照合番号B
    const again = await MyNumberCard.open(await provider.connect());
    const bno = bnoFor(persona);
    const viaB = await again.readWithBno(bno);
    expect(bno.disposed).toBe(true);
    expect(viaB.myNumber).toBeUndefined();
    expect(viaB.name).toBe(persona.resident.name);
    expect(viaB.birthDate).toBe(persona.resident.birthDate);
    expect(provider.card.triesLeft('kenhojoB')).toBe(10);
  });

  it.each(USABLE)(
    '%s: auth serial in ≤ 3 APDUs from a fresh connection, matching the auth certificate',
    async (id) => {
      const { card, log } = await open(id);
      const serial = await card.readAuthSerial();
      expect(serial).toBe(new X509Certificate(Buffer.from(loadPersonaKeys(id).authCert)).serialNumber);
      const persona = loadPersona(id);
      const extra = (persona.quirks.firstApduError ? 1 : 0) + (persona.quirks.chaining ? 2 : 0);
      expect(card.apduCount).toBe(3 + extra);
      if (!extra) expect(log).toEqual(['00A4040C0AD392F000260100000001', '00B0860020', '00B08A0028']);
    },
  );

  it.each(USABLE)('%s: tap — serial, issuer and validity in 3 APDUs from power-up, no PIN', async (id) => {
    const { card, log } = await open(id);
    const head = await card.tap();
    const cert = new X509Certificate(Buffer.from(loadPersonaKeys(id).authCert));
    expect(head).toEqual({
      serial: cert.serialNumber,
      issuer: cert.issuer.split('\n').join(', '),
      notBefore: new Date(cert.validFrom).toISOString(),
      notAfter: new Date(cert.validTo).toISOString(),
    });
    const persona = loadPersona(id);
    const extra = (persona.quirks.firstApduError ? 1 : 0) + (persona.quirks.chaining ? 2 : 0);
    expect(card.apduCount).toBe(3 + extra);
    if (!extra) expect(log).toEqual(['00A4040C0AD392F000260100000001', '00B0860020', '00B08A0000']);
    // No secret was asked for: no VERIFY at all.
    expect(log.filter((l) => l.startsWith('0020'))).toEqual([]);
  });

  it.each(USABLE.filter((id) => loadPersona(id).signingCertificate))(
    '%s: signing cert + SAN after the password; CMS signature; internal authentication',
    async (id) => {
      const { card, persona } = await open(id);
      const keys = loadPersonaKeys(id);
      const cert = await card.readCertificate('sign', {
        password: secret(persona.secrets.jpkiSignPassword.toLowerCase()),
      });
      expect(hex(cert.der)).toBe(hex(keys.signCert));
      const certName = persona.resident.certName ?? persona.resident.name;
      expect(cert.san).toMatchObject({
        name: certName,
        address: persona.resident.certAddress ?? persona.resident.address,
        birthDate: persona.resident.birthDate,
      });
      expect(cert.san!.nameFlags).toHaveLength([...certName].length);

      const content = new TextEncoder().encode(`申請書 ${id}`);
      const p7s = await card.signCms(secret(persona.secrets.jpkiSignPassword), content);
      const expired =
        persona.certificates !== undefined && new Date(persona.certificates.notAfter) < new Date();
      const v = verifyDetachedCms(p7s, content, { trustRoots: roots });
      if (expired) expect(v).toMatchObject({ valid: false, code: 'CERT_INVALID' });
      else expect(v).toMatchObject({ valid: true, signer: { serial: cert.serial } });
      const atValidTime = verifyDetachedCms(p7s, content, {
        trustRoots: roots,
        at: new Date(cert.notBefore),
      });
      expect(atValidTime.valid).toBe(true);

      const auth = await card.internalAuthenticate(secret(persona.secrets.jpkiAuthPin));
      expect(auth.valid).toBe(true);
      expect(auth.serial).toBe(new X509Certificate(Buffer.from(keys.authCert)).serialNumber);
      await card.close();
    },
  );
});

describe('error paths', () => {
  it('not a My Number Card → NOT_MYNUMBER_CARD after one SELECT', async () => {
    const provider = new EmulatorProvider({ persona: 'not-mynumber' });
    const rec = recording(await provider.connect());
    await expect(MyNumberCard.open(rec.transport)).rejects.toMatchObject({ code: 'NOT_MYNUMBER_CARD' });
    expect(rec.log).toEqual(['00A4040C0AD392F000260100000001']);
  });

  it('a wrong PIN spends exactly one try and says how many are left', async () => {
    const { card, provider } = await open('ordinary');
    const pin = secret('0000');
    await expect(card.readWithPin(pin)).rejects.toMatchObject({
      code: 'WRONG_SECRET',
      retriesLeft: 2,
      details: { secret: 'kenhojoPin' },
    });
    expect(pin.disposed).toBe(true);
    expect(provider.card.triesLeft('kenhojoPin')).toBe(2);
    expect((await card.retries()).kenhojoPin).toBe(2);
    // The right PIN resets the counter; the query then answers "verified" (null).
    await card.readWithPin(secret('1234'));
    expect(provider.card.triesLeft('kenhojoPin')).toBe(3);
    expect((await card.retries()).kenhojoPin).toBeNull();
  });

  it('one try left: refused without confirmation (nothing spent), allowed with it', async () => {
    const { card, provider, persona } = await open('one-try-left');
    for (const attempt of [
      () => card.readWithPin(secret(persona.secrets.kenhojoPin)),
      () => card.readWithBno(bnoFor(persona)),
      () => card.readCertificate('sign', { password: secret(persona.secrets.jpkiSignPassword) }),
      () => card.internalAuthenticate(secret(persona.secrets.jpkiAuthPin)),
      () => card.signDigest(secret(persona.secrets.jpkiSignPassword), new Uint8Array(32)),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'LAST_TRY_NEEDS_CONFIRMATION', retriesLeft: 1 });
    }
    expect(provider.card.triesLeft('kenhojoPin')).toBe(1);
    expect(provider.card.triesLeft('jpkiSignPassword')).toBe(1);
    const info = await card.readWithPin(secret(persona.secrets.kenhojoPin), { confirmLastTry: true });
    expect(info.name).toBe(persona.resident.name);
    expect(provider.card.triesLeft('kenhojoPin')).toBe(3);
  });

  it('a wrong last try blocks; a blocked secret is never sent again', async () => {
    const { card, provider, log } = await open('one-try-left');
    await expect(card.readWithPin(secret('0000'), { confirmLastTry: true })).rejects.toMatchObject({
      code: 'BLOCKED',
      retriesLeft: 0,
    });
    expect(provider.card.triesLeft('kenhojoPin')).toBe(0);
    const verifies = () => log.filter((l) => l.endsWith('<secret>')).length;
    const before = verifies();
    await expect(card.readWithPin(secret('5555'), { confirmLastTry: true })).rejects.toMatchObject({
      code: 'BLOCKED',
    });
    expect(verifies()).toBe(before);
  });

  it('blocked persona: BLOCKED before any VERIFY data is sent; the signing password still works', async () => {
    const { card, log, persona } = await open('blocked');
    await expect(
      card.readWithPin(secret(persona.secrets.kenhojoPin), { confirmLastTry: true }),
    ).rejects.toMatchObject({ code: 'BLOCKED', details: { secret: 'kenhojoPin' } });
    await expect(card.readWithBno(bnoFor(persona), { confirmLastTry: true })).rejects.toMatchObject({
      code: 'BLOCKED',
      details: { secret: 'kenhojoB' },
    });
    await expect(
      card.internalAuthenticate(secret(persona.secrets.jpkiAuthPin), { confirmLastTry: true }),
    ).rejects.toMatchObject({ code: 'BLOCKED' });
    expect(log.some((l) => l.endsWith('<secret>'))).toBe(false);
    const sig = await card.signDigest(
      secret(persona.secrets.jpkiSignPassword),
      createHash('sha256').update('x').digest(),
    );
    expect(sig).toHaveLength(256);
  });

  it('照合番号B opens the 4 attributes but not the 個人番号 (6982 → SECURITY_STATUS)', async () => {
    const { card, persona } = await open('ordinary');
    expect(
      buildBno({
        birth: { era: '昭和', eraYear: 55, month: 2, day: 17 },
        expiryYear: 2035,
        securityCode: '2285',
      }).use((b) => b.toString()),
    ).toBe('55021720352285');
    await card.readWithBno(bnoFor(persona));
    await expect(readMyNumber(card.channel)).rejects.toMatchObject({
      code: 'SECURITY_STATUS',
      details: { sw: '6982' },
    });
  });

  it('foreign resident: the 和暦 candidate is wrong (one B try), the Gregorian-YY alternative works', async () => {
    const { card, persona, provider } = await open('foreign-resident');
    const [wareki, gregorian] = bnoCandidates({
      birth: { date: persona.resident.birthDate },
      expiryYear: 2029,
      securityCode: persona.card.securityCode,
    });
    await expect(card.readWithBno(wareki!.bno)).rejects.toMatchObject({
      code: 'WRONG_SECRET',
      retriesLeft: 9,
    });
    const info = await card.readWithBno(gregorian!.bno);
    expect(info).toMatchObject({ name: 'SMITH　JOHN WILLIAM', sex: 'other', sexCode: '9' });
    expect(provider.card.triesLeft('kenhojoB')).toBe(10);
  });

  it('the signing certificate is unreadable before the password (SECURITY_STATUS), and again after power-off', async () => {
    const { card, provider, persona } = await open('ordinary');
    await expect(card.readCertificate('sign')).rejects.toMatchObject({ code: 'SECURITY_STATUS' });
    await card.readCertificate('sign', { password: secret(persona.secrets.jpkiSignPassword) });
    await card.close();
    const again = await MyNumberCard.open(await provider.connect());
    await expect(again.readCertificate('sign')).rejects.toMatchObject({ code: 'SECURITY_STATUS' });
  });

  it('expired certificates: chain check fails with the expiry date; internal auth with roots refuses before VERIFY', async () => {
    const { card, persona, provider } = await open('expired-cert');
    const auth = await card.readCertificate('auth');
    const ca = await card.readCertificate('auth-ca');
    expect(() => verifyChain(auth.der, { roots, intermediates: [ca.der] })).toThrow(
      expect.objectContaining({
        code: 'CERT_INVALID',
        details: expect.objectContaining({ detail: expect.stringMatching(/expired on 2023-03-01/) }),
      }),
    );
    expect(
      verifyChain(auth.der, { roots, intermediates: [ca.der], at: new Date('2022-01-01T00:00:00Z') }).chain,
    ).toHaveLength(2);
    await expect(
      card.internalAuthenticate(secret(persona.secrets.jpkiAuthPin), { trustRoots: roots }),
    ).rejects.toMatchObject({ code: 'CERT_INVALID' });
    expect(provider.card.triesLeft('jpkiAuthPin')).toBe(3);
  });

  it('valid chains: leaf → shipped test root; the card CA certificates are the shipped roots', async () => {
    const { card } = await open('ordinary');
    for (const [leaf, ca] of [
      ['auth', 'auth-ca'],
      ['sign', 'sign-ca'],
    ] as const) {
      if (leaf === 'sign') await card.readCertificate('sign', { password: secret('ABC123') });
      const l = await card.readCertificate(leaf);
      const c = await card.readCertificate(ca);
      expect(verifyChain(l.der, { roots, intermediates: [c.der] }).chain).toHaveLength(2);
      expect(roots.some((r) => hex(new Uint8Array(r.raw)) === hex(c.der))).toBe(true);
    }
    const r = await card.internalAuthenticate(secret('1234'), { trustRoots: roots });
    expect(r).toMatchObject({ valid: true, chainVerified: true });
  });

  it('gaiji: a non-BMP name round-trips; the certificate carries the substituted name with flags', async () => {
    const { card, persona } = await open('gaiji');
    const info = await card.readWithPin(secret(persona.secrets.kenhojoPin));
    expect(info.name).toBe('𠮷田　髙子');
    expect(info.name.codePointAt(0)).toBe(0x20bb7);
    const cert = await card.readCertificate('sign', { password: secret(persona.secrets.jpkiSignPassword) });
    expect(cert.san?.name).toBe('吉田　高子');
    expect(cert.san?.nameFlags).toMatch(/1/);
  });

  it('long address (> 256 bytes) is read across chunks: SFI read, then current-EF offset reads', async () => {
    const { card, persona, log } = await open('long-address');
    const info = await card.readWithPin(secret(persona.secrets.kenhojoPin));
    expect(info.address).toBe(persona.resident.address);
    expect(Buffer.byteLength(info.address)).toBeGreaterThan(256);
    const reads = log.filter((l) => l.startsWith('00B0'));
    expect(reads[1]).toBe('00B0820000');
    expect(reads[2]!.startsWith('00B00100')).toBe(true);
  });

  it('card pulled mid-read → CARD_REMOVED', async () => {
    const { card, persona, provider } = await open('long-address');
    provider.pullAfter(4); // SELECT Kenhojo, counter, VERIFY, first READ — then gone
    await expect(card.readWithPin(secret(persona.secrets.kenhojoPin))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    await expect(card.readAuthSerial()).rejects.toMatchObject({ code: 'CARD_REMOVED' });
  });

  it('a smartphone token (no Kenhojo AP) reports its JPKI counters and null for the Kenhojo ones', async () => {
    const label = Buffer.alloc(32, 0x20);
    label.write('JPKIAPGPSETOKEN');
    const phone: CardTransport = {
      readerName: 'phone',
      supportsExtendedApdu: false,
      transmit: async (cmd) => {
        if (cmd[1] === 0xa4)
          return Uint8Array.of(
            ...(cmd[5] === 0xd3 && cmd[6] === 0x92 && cmd[7] === 0xf0 ? [0x90, 0] : [0x6a, 0x82]),
          );
        if (cmd[1] === 0xb0) return Uint8Array.of(...label, 0x90, 0);
        return Uint8Array.of(0x63, 0xc4);
      },
      close: async () => {},
    };
    const card = await MyNumberCard.open(phone);
    expect(card.tokenKind).toBe('android');
    expect(await card.retries()).toEqual({
      kenhojoPin: null,
      kenhojoB: null,
      jpkiAuthPin: 4,
      jpkiSignPassword: 4,
    });
  });

  it('invalid secret formats are refused without touching the card, and disposed', async () => {
    const { card, log } = await open('ordinary');
    const before = log.length;
    const cases = [
      () => card.readWithPin(secret('12345')),
      () => card.readWithBno(secret('5502172035228')),
      () => card.signDigest(secret('abc'), new Uint8Array(32)),
      () => card.internalAuthenticate(secret('12a4')),
    ];
    for (const c of cases) await expect(c()).rejects.toMatchObject({ code: 'INVALID_SECRET_FORMAT' });
    expect(log.length).toBe(before);
  });
});

describe('a card without a signing certificate (under 15, or declined)', () => {
  it('is read with the PIN and with 照合番号B; the counter and desk ask only the two Kenhojo counters', async () => {
    const { card, persona, log } = await open('no-signing-cert');
    const before = log.length;
    expect(await card.retries(['kenhojoPin', 'kenhojoB'])).toEqual({
      kenhojoPin: 3,
      kenhojoB: 10,
      jpkiAuthPin: null,
      jpkiSignPassword: null,
    });
    expect(log.slice(before).filter((l) => l.startsWith('002000'))).toEqual(['00200091', '00200095']);
    expect((await card.readWithBno(bnoFor(persona))).name).toBe(persona.resident.name);
  });

  it('says so kindly when asked to sign or for the signing certificate; the auth certificate still works', async () => {
    const { card } = await open('no-signing-cert');
    await expect(card.readCertificate('sign', { password: secret('UNUSED1') })).rejects.toMatchObject({
      code: 'NO_SIGNING_CERT',
    });
    await expect(card.readCertificate('sign')).rejects.toMatchObject({ code: 'NO_SIGNING_CERT' });
    await expect(card.signCms(secret('UNUSED1'), new Uint8Array([1]))).rejects.toMatchObject({
      code: 'NO_SIGNING_CERT',
    });
    const auth = await card.internalAuthenticate(secret('4826'));
    expect(auth.valid).toBe(true);
  });
});

describe('asking the signing password state before the resident types (spends nothing)', () => {
  it('full tries, one left, blocked, and no certificate at all', async () => {
    const state = async (id: string) => {
      const { card, provider } = await open(id);
      const s = await card.signingPassword();
      return { ...s, left: provider.card.triesLeft('jpkiSignPassword') };
    };
    expect(await state('ordinary')).toEqual({ hasCertificate: true, retriesLeft: 5, left: 5 });
    expect(await state('one-try-left')).toEqual({ hasCertificate: true, retriesLeft: 1, left: 1 });
    expect(await state('sign-blocked')).toMatchObject({ hasCertificate: true, retriesLeft: 0 });
    expect(await state('no-signing-cert')).toMatchObject({ hasCertificate: false, retriesLeft: null });
  });
});

describe('APDU sequences and counts (ordinary persona, short APDUs)', () => {
  it('PIN read incl. 個人番号: 7 APDUs in total', async () => {
    const { card, log } = await open('ordinary');
    await card.readWithPin(secret('1234'), { myNumber: true });
    expect(log).toEqual([
      '00A4040C0AD392F000260100000001',
      '00B0860020',
      '00A4040C0AD3921000310001010408',
      '00200091',
      '0020009104<secret>',
      '00B0820000',
      '00B0810011',
    ]);
  });

  it('照合番号B read: 6 APDUs in total', async () => {
    const { card, log, persona } = await open('ordinary');
    await card.readWithBno(bnoFor(persona));
    expect(log.slice(2)).toEqual([
      '00A4040C0AD3921000310001010408',
      '00200095',
      '002000950E<secret>',
      '00B0820000',
    ]);
  });

  it('a card whose SFI read selects nothing: one refused read, then SELECT EF before each continuation', async () => {
    const { card, log } = await open('strict-current-ef');
    const auth = await card.readCertificate('auth');
    expect(auth.der).toEqual(loadPersonaKeys('strict-current-ef').authCert);
    // 6986 on the first offset read → SELECT EF 000A → the same read again; then reads go on.
    const refused = log.findIndex((l) => l === '00B0010000');
    expect(refused).toBeGreaterThan(0);
    expect(log[refused + 1]).toBe('00A4020C02000A');
    expect(log[refused + 2]).toBe('00B0010000');
    // The next file (signing certificate needs its password; use the Kenhojo address instead):
    // its continuation is preceded by SELECT EF and never refused.
    const before = log.length;
    await card.readWithPin(secret('5820'));
    const next = log.slice(before);
    const select = next.indexOf('00A4020C020002');
    expect(select).toBeGreaterThan(0);
    expect(next[select - 1]).toBe('00B0820000');
    expect(next[select + 1]).toMatch(/^00B00100/);
    // One continuation read, not refused first and repeated.
    expect(next.filter((l) => l.startsWith('00B00100'))).toHaveLength(1);
  });

  it('CMS signature incl. reading the signing certificate: 5 + ⌈cert/256⌉', async () => {
    const { card, log } = await open('ordinary');
    const certLen = loadPersonaKeys('ordinary').signCert.length;
    await card.signCms(secret('ABC123'), new Uint8Array([1, 2, 3]));
    const expected = 5 + Math.ceil(certLen / 256);
    expect(card.apduCount).toBe(expected);
    expect(expected).toBeLessThanOrEqual(18);
    expect(log.slice(2, 4)).toEqual(['0020009B', '0020009B06<secret>']);
    expect(log[4]).toBe('00B0810000');
    expect(log.at(-1)!.startsWith('802A009A33')).toBe(true);
  });

  it('signDigest: 3 APDUs after open; the signature verifies with the signing certificate', async () => {
    const { card, log } = await open('ordinary');
    const digest = createHash('sha256').update('document').digest();
    const sig = await card.signDigest(secret('abc123'), digest);
    expect(log.slice(2).map((l) => l.slice(0, 10))).toEqual(['0020009B', '0020009B06', '802A009A33']);
    const cert = new X509Certificate(Buffer.from(loadPersonaKeys('ordinary').signCert));
    expect(rsaVerify('sha256', Buffer.from('document'), cert.publicKey, sig)).toBe(true);
  });

  it('retries after open: 5 APDUs, no SELECT of JPKI again; a following PIN read skips SELECT and counter', async () => {
    const { card, log } = await open('ordinary');
    await card.retries();
    expect(log.slice(2)).toEqual([
      '00200098',
      '0020009B',
      '00A4040C0AD3921000310001010408',
      '00200091',
      '00200095',
    ]);
    await card.readWithPin(secret('1234'));
    expect(log.slice(7)).toEqual(['0020009104<secret>', '00B0820000']);
  });

  it('extended-APDU reader: one extended read per file', async () => {
    const { card, log, persona } = await open('extended-apdu');
    await card.readWithPin(secret(persona.secrets.kenhojoPin), { myNumber: true });
    expect(log.slice(5)).toEqual(['00B08200000000', '00B08100000000']);
    expect(card.apduCount).toBe(7);
  });

  it('chaining quirks (61xx, 6Cxx, 6F00) are absorbed', async () => {
    const { card, persona, log } = await open('chaining-quirks');
    expect(log[0]).toBe(log[1]); // 6F00 → SELECT resent once
    const info = await card.readWithPin(secret(persona.secrets.kenhojoPin), { myNumber: true });
    expect(info.myNumber).toBe(persona.resident.myNumber);
    expect(log.filter((l) => l.startsWith('00C00000')).length).toBeGreaterThan(0);
  });
});
