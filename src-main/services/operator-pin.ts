/**
 * The operator PIN is stored only as a scrypt hash: "scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>".
 * Verification is constant-time; the PIN bytes live in a Secret and are zeroed by the caller.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Secret } from '../card/secret.ts';

const PARAMS = { N: 1 << 14, r: 8, p: 1 } as const;
const KEY_LEN = 32;
const HASH_RE = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export const operatorPinHashPattern = HASH_RE;

function scrypt(password: Buffer, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keyLen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Whether a PIN is acceptable as an operator PIN: 4–12 ASCII digits. */
export function isValidOperatorPin(pin: Secret): boolean {
  return pin.isDigits() && pin.length >= 4 && pin.length <= 12;
}

export async function hashOperatorPin(pin: Secret): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pin.use((b) => scrypt(b, salt, KEY_LEN, PARAMS));
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** False for a wrong PIN and for a malformed stored hash. */
export async function verifyOperatorPin(pin: Secret, stored: string): Promise<boolean> {
  const m = HASH_RE.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Refuse absurd parameters from a hand-edited file instead of hanging the kiosk.
  if (N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  if (expected.length < 16) return false;
  const actual = await pin.use((b) => scrypt(b, salt, expected.length, { N, r, p }));
  return timingSafeEqual(actual, expected);
}
