/**
 * The persona files shipped in ./personas: listing, loading and validating them.
 * A broken file fails with a PersonaError that names the file and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isValidIsoDate } from '../../util/wareki.ts';
import { isValidMyNumber } from './my-number.ts';
import { personaSchema, type Persona } from './persona.ts';

export const PERSONA_DIR = fileURLToPath(new URL('./personas/', import.meta.url));

export type PersonaErrorCode = 'PERSONA_NOT_FOUND' | 'PERSONA_INVALID';

export class PersonaError extends Error {
  override readonly name = 'PersonaError';
  constructor(
    readonly code: PersonaErrorCode,
    message: string,
    readonly file: string,
    /** Dotted path of the offending field, when one is at fault. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Ids of every shipped persona, sorted. */
export function listPersonas(dir: string = PERSONA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Loads and validates ./personas/<id>.json. */
export function loadPersona(id: string, dir: string = PERSONA_DIR): Persona {
  if (!/^[a-z0-9-]+$/.test(id)) {
    throw new PersonaError('PERSONA_NOT_FOUND', `no persona named ${JSON.stringify(id)}`, id);
  }
  const file = join(dir, `${id}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PersonaError(
      'PERSONA_NOT_FOUND',
      `no persona named ${JSON.stringify(id)} (known: ${listPersonas(dir).join(', ')})`,
      file,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PersonaError('PERSONA_INVALID', `${file}: not valid JSON: ${(e as Error).message}`, file);
  }
  const persona = parsePersona(raw, file);
  if (persona.id !== id) {
    throw new PersonaError(
      'PERSONA_INVALID',
      `${file}: field "id" is ${JSON.stringify(persona.id)}, expected ${JSON.stringify(id)}`,
      file,
      'id',
    );
  }
  return persona;
}

/** Validates a persona object (from a file or built in a test); `source` names it in errors. */
export function parsePersona(raw: unknown, source = '<persona>'): Persona {
  const result = personaSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new PersonaError('PERSONA_INVALID', `${source}: field "${field}": ${issue.message}`, source, field);
  }
  const p = result.data;
  const fail = (field: string, why: string): never => {
    throw new PersonaError('PERSONA_INVALID', `${source}: field "${field}": ${why}`, source, field);
  };
  if (!isValidMyNumber(p.resident.myNumber)) fail('resident.myNumber', 'check digit does not match');
  if (!isValidIsoDate(p.resident.birthDate)) fail('resident.birthDate', 'no such date');
  if (!isValidIsoDate(p.card.expiryDate)) fail('card.expiryDate', 'no such date');
  if (p.certificates) {
    if (!isValidIsoDate(p.certificates.notBefore)) fail('certificates.notBefore', 'no such date');
    if (!isValidIsoDate(p.certificates.notAfter)) fail('certificates.notAfter', 'no such date');
    if (p.certificates.notAfter <= p.certificates.notBefore)
      fail('certificates.notAfter', 'must be after notBefore');
  }
  if (!p.resident.name.includes('\u3000'))
    fail('resident.name', 'family and given names must be separated by U+3000');
  if (p.token.length > 32 || !/^[\x20-\x7e]*$/.test(p.token))
    fail('token', 'must be at most 32 printable ASCII characters');
  return p;
}
