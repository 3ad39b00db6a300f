/**
 * Plausible input values generated from a form's declarations, plus resident data from a card
 * persona. Used by tests (every form × every persona), the benchmark and demo printing.
 */
import type { Persona } from '../card/emulator/persona.ts';
import type { FormDataInput } from './data.ts';
import type { FormDefinition, ScalarInput } from './schema.ts';
import { dateBounds } from './inputs.ts';
import { againstRange } from '../util/wareki.ts';

/** A sample date kept inside the input's range on `today` (a move within the last year…). */
function sampleDate(inp: ScalarInput, row: number, today: string, holderBirthDate?: string): string {
  const bounds = dateBounds(inp.range, today, holderBirthDate);
  const plain = row === 0 ? '2015-06-15' : '2020-02-29';
  const where = againstRange(plain, bounds);
  return where === 'before' ? bounds.min! : where === 'after' ? bounds.max! : plain;
}

function sampleScalar(inp: ScalarInput, today: string, row = 0, holderBirthDate?: string): string | boolean {
  switch (inp.type) {
    case 'text':
    case 'address':
      return row === 0 ? '記入例' : `記入例${row + 1}`;
    case 'kana':
      return row === 0 ? 'ヤマダ　ハナコ' : 'ヤマダ　イチロウ';
    case 'phone':
      return '03-1234-5678';
    case 'digits':
      return inp.length !== undefined ? '1234567890'.repeat(7).slice(0, inp.length) : '1';
    case 'date':
      return sampleDate(inp, row, today, holderBirthDate);
    case 'choice':
      return inp.options?.[0]?.value ?? '';
    case 'boolean':
      return true;
  }
}

/**
 * A value for every declared input (lists get two rows). `today`: the date the forms are filled on
 * (date ranges count from it; pass the data's `date`); `holderBirthDate`: the card holder's, for
 * dates that may not come before it (a child's).
 */
export function sampleInputs(
  forms: FormDefinition[],
  today: string,
  holderBirthDate?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const form of forms) {
    for (const inp of form.inputs) {
      if (inp.key in out) continue;
      if (inp.type === 'list') {
        const rows = Math.min(2, inp.maxRows);
        out[inp.key] = Array.from({ length: rows }, (_, r) =>
          Object.fromEntries(inp.columns.map((c) => [c.key, sampleScalar(c, today, r, holderBirthDate)])),
        );
      } else {
        out[inp.key] = sampleScalar(inp, today, 0, holderBirthDate);
      }
    }
  }
  return out;
}

/** The resident part of the data, as the kiosk gets it from a card. */
export function residentFromPersona(p: Persona): NonNullable<FormDataInput['resident']> {
  return {
    name: p.resident.name,
    address: p.resident.address,
    birthDate: p.resident.birthDate,
    sex: p.resident.sexCode,
    myNumber: p.resident.myNumber,
  };
}
