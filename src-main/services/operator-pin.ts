/**
 * The operator PIN is stored only as a scrypt hash: "scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>".
 * Verification is constant-time; the PIN bytes live in a Secret and are zeroed by the caller.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Secret } from '../card/secret.ts';

const PARAMS = { N: 1 << 14, r: 8, p: 1 } as const;
const KEY_LEN = 32;
const HASH_RE = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

const MAX_MEM = 64 * 1024 * 1024;

function scrypt(password: Buffer, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keyLen, { ...options, maxmem: MAX_MEM }, (err, key) =>
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

/**
 * Why a stored hash cannot be used, or null when it can: the format, and scrypt parameters a
 * hand-edited file may carry that would hang the kiosk or need more memory than scrypt is given
 * (128 × N × r bytes), so that `config check` refuses them instead of every login failing.
 */
export function operatorPinHashProblem(stored: string): string | null {
  const m = HASH_RE.exec(stored);
  if (!m) return 'expected a scrypt hash (set it with `kakanai config set-pin`)';
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0)
    return `scrypt N=${N}: a power of two from 1024 to 2^20`;
  if (r < 1 || r > 32 || p < 1 || p > 16) return `scrypt r=${r}, p=${p}: r 1–32, p 1–16`;
  if (128 * N * r > MAX_MEM)
    return `scrypt N=${N}, r=${r} needs ${(128 * N * r) >> 20} MiB (at most ${MAX_MEM >> 20})`;
  if (Buffer.from(m[5]!, 'base64').length < 16) return 'the stored hash is too short';
  return null;
}

/** False for a wrong PIN and for a stored hash that cannot be used. */
export async function verifyOperatorPin(pin: Secret, stored: string): Promise<boolean> {
  const m = HASH_RE.exec(stored);
  if (!m || operatorPinHashProblem(stored) !== null) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  const actual = await pin.use((b) => scrypt(b, salt, expected.length, { N, r, p }));
  return timingSafeEqual(actual, expected);
}
