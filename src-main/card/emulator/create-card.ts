/** Builds a virtual card from a persona id (or object), loading its test keys. */
import type { Persona } from './persona.ts';
import { loadPersonaKeys, type PersonaKeys } from './persona-keys.ts';
import { loadPersona } from './personas.ts';
import { VirtualMyNumberCard } from './virtual-card.ts';

export function createVirtualCard(persona: string | Persona, keys?: PersonaKeys): VirtualMyNumberCard {
  const p = typeof persona === 'string' ? loadPersona(persona) : persona;
  const k = p.kind === 'mynumber' ? (keys ?? loadPersonaKeys(p.id)) : undefined;
  return new VirtualMyNumberCard(p, k);
}
