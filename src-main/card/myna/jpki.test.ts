import { describe, expect, it } from 'vitest';
import { CardChannel } from '../channel.ts';
import type { CardTransport } from '../transport.ts';
import { buildTestCertificate, rsaKeyPair } from '../../crypto/test-certs.ts';
import { readAuthSerial, readCertificateDer, signDigestInfo } from './jpki.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const ok = (data: Uint8Array | number[] = []) => Uint8Array.from([...data, 0x90, 0x00]);

function fake(handler: (cmd: Uint8Array, log: string[]) => Uint8Array): CardTransport & { log: string[] } {
  const log: string[] = [];
  return {
    readerName: 'fake',
    supportsExtendedApdu: false,
    log,
    transmit: async (cmd) => {
      log.push(hex(cmd).slice(0, 10));
      return handler(cmd, log);
    },
    close: async () => {},
  };
}

describe('signDigestInfo', () => {
  const di = new Uint8Array(51).fill(7);

  it('addresses the key by SFI in P2 (no SELECT EF)', async () => {
    const t = fake((cmd) => (cmd[1] === 0x2a ? ok(new Uint8Array(256).fill(1)) : ok()));
    const sig = await signDigestInfo(new CardChannel(t), 0x001a, di);
    expect(sig).toHaveLength(256);
    expect(t.log).toEqual(['00A4040C0A', '802A009A33']);
  });

  it('falls back to SELECT EF + P2=80 once when a card refuses the SFI form', async () => {
    const t = fake((cmd) => {
      if (cmd[1] === 0x2a)
        return cmd[3] === 0x80 ? ok(new Uint8Array(256).fill(2)) : Uint8Array.of(0x6a, 0x86);
      return ok();
    });
    const sig = await signDigestInfo(new CardChannel(t), 0x0017, di);
    expect(sig[0]).toBe(2);
    expect(t.log).toEqual(['00A4040C0A', '802A009733', '00A4020C02', '802A008033']);
  });

  it('6982 (not verified) is SECURITY_STATUS, a too-short signature BAD_RESPONSE', async () => {
    const denied = fake((cmd) => (cmd[1] === 0x2a ? Uint8Array.of(0x69, 0x82) : ok()));
    await expect(signDigestInfo(new CardChannel(denied), 0x1a, di)).rejects.toMatchObject({
      code: 'SECURITY_STATUS',
    });
    const short = fake((cmd) => (cmd[1] === 0x2a ? ok([1, 2, 3]) : ok()));
    await expect(signDigestInfo(new CardChannel(short), 0x1a, di)).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });
});

describe('certificates', () => {
  const keys = rsaKeyPair(1024);
  const cert = (serial: Uint8Array) =>
    buildTestCertificate({
      subject: [['CN', 'x']],
      serial,
      notBefore: new Date('2025-01-01'),
      notAfter: new Date('2030-01-01'),
      publicKey: keys.publicKey,
      signingKey: keys.privateKey,
    });

  /** Serves `file` from EF 000A (SFI reads and current-EF reads), with FF filler. */
  function certCard(file: Uint8Array) {
    const physical = new Uint8Array(file.length + 100).fill(0xff);
    physical.set(file);
    return fake((cmd) => {
      if (cmd[1] !== 0xb0) return ok();
      const offset = cmd[2]! & 0x80 ? cmd[3]! : (cmd[2]! << 8) | cmd[3]!;
      const le = cmd[4] === 0 ? 256 : cmd[4]!;
      return ok(physical.subarray(offset, offset + le));
    });
  }

  it('reads the auth serial from the first 40 bytes (1 READ after SELECT)', async () => {
    const der = cert(Uint8Array.from([0x80, ...new Array(19).fill(0x42)]));
    const t = certCard(der);
    expect(await readAuthSerial(new CardChannel(t))).toBe('80' + '42'.repeat(19));
    expect(t.log).toEqual(['00A4040C0A', '00B08A0028']);
  });

  it('reads a whole certificate by SFI then current-EF offsets, and checks it is a SEQUENCE', async () => {
    const der = cert(Uint8Array.of(5));
    const t = certCard(der);
    const got = await readCertificateDer(new CardChannel(t), 'auth');
    expect(hex(got)).toBe(hex(der));
    expect(t.log[1]).toBe('00B08A0000');
    const notCert = certCard(Uint8Array.of(0x04, 0x02, 1, 2));
    await expect(readCertificateDer(new CardChannel(notCert), 'auth')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });
});
