/**
 * The tap's partial certificate parse: every prefix either asks for more bytes or gives exactly
 * what the whole certificate says; garbage is a typed CardError, never a crash.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPersonaKeys } from '../card/emulator/persona-keys.ts';
import { CardError } from '../card/errors.ts';
import { prng } from '../../test/helpers/prng.ts';
import { certificateHeadFromPrefix } from './x509.ts';

const der = loadPersonaKeys('ordinary').authCert;

describe('certificateHeadFromPrefix', () => {
  it('every prefix asks for more or gives what the whole certificate says', () => {
    const cert = new X509Certificate(Buffer.from(der));
    let firstComplete = -1;
    for (let n = 0; n <= 400; n++) {
      const r = certificateHeadFromPrefix(der.subarray(0, n));
      if (!r.ok) {
        expect(r.needBytes, `prefix ${n}`).toBeGreaterThan(0);
        continue;
      }
      if (firstComplete < 0) firstComplete = n;
      expect(r.serial).toBe(cert.serialNumber);
      expect(r.notAfter).toBe(new Date(cert.validTo).toISOString());
      expect(r.issuer).toBe(cert.issuer.split('\n').join(', '));
    }
    // One 256-byte READ BINARY is enough for a JPKI-shaped certificate.
    expect(firstComplete).toBeGreaterThan(0);
    expect(firstComplete).toBeLessThanOrEqual(256);
  });

  it('random bytes and mutated certificates give a result, a request for more, or a CardError', () => {
    const rand = prng(20261206);
    for (let i = 0; i < 5000; i++) {
      const buf =
        i % 2 === 0
          ? Uint8Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))
          : Uint8Array.from(der.subarray(0, 300), (b) => (rand() < 0.02 ? Math.floor(rand() * 256) : b));
      try {
        const r = certificateHeadFromPrefix(buf);
        if (!r.ok) expect(r.needBytes).toBeGreaterThan(0);
      } catch (e) {
        expect(e).toBeInstanceOf(CardError);
      }
    }
  });
});
