/**
 * Keys shared by the terminals of one group (an election, a shelter operation…) and the
 * authenticated encryption used for event files and LAN sync messages.
 *
 * The group key is derived once, at store creation, from the passphrase, the group id and the
 * group's random salt with scrypt (on libuv's thread pool, not the main thread). The first
 * terminal of a group draws the salt; every other terminal of the group is set up with it (the
 * CLI prints it as the group's set-up code), so they all derive the same key, and another group's
 * key differs. The salt never travels in an event file: someone who finds a lost USB stick has
 * neither it nor the passphrase, and cannot attack the passphrase offline. The key is kept inside
 * the encrypted store; purpose-specific subkeys are taken from it with HKDF, so the file key, the
 * request-MAC key and the message key are never the same bytes.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { Secret } from '../card/secret.ts';
import { StoreError } from './errors.ts';

/** scrypt cost: ~64 MiB and ~0.1–0.3 s, paid once per terminal set-up. */
const SCRYPT = { N: 2 ** 16, r: 8, p: 1, maxmem: 128 * 1024 * 1024 } as const;

const scryptAsync = promisify(scrypt) as (
  password: Buffer,
  salt: Buffer,
  keylen: number,
  options: typeof SCRYPT,
) => Promise<Buffer>;

/** A group's salt: 16 random bytes as 32 lowercase hex characters. */
export const GROUP_SALT = /^[0-9a-f]{32}$/;

export function newGroupSalt(): string {
  return randomBytes(16).toString('hex');
}

export async function deriveGroupKey(
  passphrase: Secret,
  groupId: string,
  groupSalt: string,
): Promise<Buffer> {
  if (!GROUP_SALT.test(groupSalt)) throw new StoreError('BAD_GROUP_SALT');
  const salt = Buffer.from(`kakanai/group-key/v2/${groupId}/${groupSalt}`, 'utf8');
  return passphrase.useCopy((bytes) => scryptAsync(bytes, salt, 32, SCRYPT));
}

export type SubkeyPurpose =
  'event-file/v1' | 'sync-mac/v1' | 'sync-seal/v1' | 'export-ref/v1' | 'fare-holder/v1' | 'hub-event/v1';

export function subkey(groupKey: Buffer, purpose: SubkeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', groupKey, Buffer.alloc(0), `kakanai/${purpose}`, 32));
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: iv ‖ tag ‖ ciphertext. `aad` is authenticated but not encrypted. */
export function seal(key: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

/** Reverses seal(); any change to the bytes, the aad or the key → StoreError TAMPERED. */
export function unseal(key: Buffer, aad: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new StoreError('TAMPERED', 'sealed data too short');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new StoreError('TAMPERED', 'authentication tag mismatch');
  }
}

export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex MACs of possibly different lengths. */
export function macEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
