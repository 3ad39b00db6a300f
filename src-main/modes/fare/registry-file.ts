/**
 * The registry a city sends to its vehicles, as a signed file: who may ride (keyed holder
 * references, card serials, rule, validity, blocks) and the rides the city already knew of, so a
 * vehicle offline still counts caps across vehicles. Ed25519 with the city's key; each vehicle
 * holds only the public key and refuses a file whose signature does not verify, that names another
 * key, or that is older than the registry it has (a rollback would unblock a lost card).
 *
 *   { "format": "kakanai-fare-registry/1", "keyId": "<16 hex>", "body": "<base64 JSON>",
 *     "signature": "<base64>" }
 *
 * Names, addresses and birth dates are not in it: a vehicle needs none of them.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { RuleSchema } from './events.ts';

export const REGISTRY_FORMAT = 'kakanai-fare-registry/1';

const id = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const RegistryBodySchema = z
  .object({
    programId: id,
    /** sha256 of the programme JSON the registrations were decided under. */
    programDigest: z.string().regex(/^[0-9a-f]{64}$/),
    issuedAt: z.number().int().positive(),
    issuer: id,
    /** The rides known to the city: per terminal, up to this sequence number. */
    vector: z.record(z.string(), z.number().int().nonnegative()),
    holders: z.array(
      z
        .object({
          holderId: id,
          categories: z.array(id),
          rule: RuleSchema,
          validFrom: isoDate,
          validTo: isoDate,
          cards: z.array(
            z
              .object({
                serial: z.string().regex(/^[0-9A-F]{1,64}$/),
                blockedAt: z.number().int().optional(),
              })
              .strict(),
          ),
          /** Times of this programme year's rides the city knows of (for the caps). */
          rides: z.array(z.number().int().nonnegative()),
        })
        .strict(),
    ),
  })
  .strict();
export type RegistryBody = z.infer<typeof RegistryBodySchema>;

const EnvelopeSchema = z
  .object({
    format: z.literal(REGISTRY_FORMAT),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    body: z.string().min(1),
    signature: z.string().min(1),
  })
  .strict();

export type RegistryProblem = 'NOT_A_REGISTRY' | 'WRONG_KEY' | 'BAD_SIGNATURE' | 'BAD_BODY';

export class RegistryFileError extends Error {
  override readonly name = 'RegistryFileError';
  constructor(
    readonly problem: RegistryProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A short id of a public key (the first 8 bytes of the SHA-256 of its SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** A new Ed25519 key pair for a city, as PEM (private PKCS#8, public SPKI). */
export function newCityKeyPair(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

function readKey<T>(pem: string, load: (pem: string) => T, what: string): T {
  try {
    return load(pem);
  } catch (e) {
    throw new RegistryFileError('WRONG_KEY', `not an ${what}: ${(e as Error).message}`);
  }
}

/** The signed file's text. */
export function signRegistry(body: RegistryBody, privatePem: string): string {
  const key = readKey(privatePem, (p) => createPrivateKey(p), 'Ed25519 private key (PEM)');
  if (key.asymmetricKeyType !== 'ed25519')
    throw new RegistryFileError('WRONG_KEY', `the city key must be Ed25519 (got ${key.asymmetricKeyType})`);
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const signature = sign(null, bytes, key);
  return `${JSON.stringify({
    format: REGISTRY_FORMAT,
    keyId: keyIdOf(createPublicKey(key)),
    body: bytes.toString('base64'),
    signature: signature.toString('base64'),
  })}\n`;
}

/** Verifies a registry file's text with the city's public key and returns its body. */
export function verifyRegistry(text: string, publicPem: string): RegistryBody {
  const key = readKey(publicPem, (p) => createPublicKey(p), 'Ed25519 public key (PEM)');
  let envelope: z.infer<typeof EnvelopeSchema>;
  try {
    envelope = EnvelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new RegistryFileError('NOT_A_REGISTRY', 'this file is not a kakanai fare registry');
  }
  if (envelope.keyId !== keyIdOf(key))
    throw new RegistryFileError(
      'WRONG_KEY',
      `the registry was signed with key ${envelope.keyId}, not this terminal's ${keyIdOf(key)}`,
    );
  const bytes = Buffer.from(envelope.body, 'base64');
  if (!verify(null, bytes, key, Buffer.from(envelope.signature, 'base64')))
    throw new RegistryFileError('BAD_SIGNATURE', 'the registry signature does not verify: refused');
  const parsed = RegistryBodySchema.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success)
    throw new RegistryFileError('BAD_BODY', `signed but malformed: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
