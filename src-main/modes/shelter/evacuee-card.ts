/**
 * The 避難者カード (form `hinansha-card`) pre-filled for a household: the representative's name,
 * reading, address, birth date and sex; the shelter; up to six other members with their reading,
 * birth date, sex, relation and whether they are here; the special needs ticked from what staff
 * recorded (with who needs what); 安否情報 consent as the representative gave it; pets. Whatever
 * staff have not recorded (damage to the home, car stays, emergency contact) stays blank for the
 * family to fill in by hand. The result is the forms engine's data (forms/data.ts).
 */
import { NEED_LABELS, type Need } from './events.ts';
import type { HouseholdView, PersonView } from './types.ts';

export const EVACUEE_CARD_FORM = 'hinansha-card';
const MAX_MEMBERS = 6;

/** ひらがな → カタカナ (the form's フリガナ fields take katakana); other characters unchanged. */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

const SEX = { M: 'male', F: 'female' } as const;

/** The form's need boxes and the needs that tick them (anything else goes under その他). */
const BOXES: Array<[string, Need[]]> = [
  ['needChronic', ['chronic']],
  ['needMedication', ['medication']],
  ['needAllergy', ['allergy', 'diet']],
  ['needCare', ['care']],
  ['needDisability', ['disability']],
  ['needPregnant', ['pregnant']],
  ['needInfant', ['infant']],
];

function needsDetail(members: PersonView[]): string {
  const lines = members
    .filter((m) => m.needs.length > 0 || m.note)
    .map(
      (m) => `${m.name}: ${m.needs.map((n) => NEED_LABELS[n]).join('・')}${m.note ? `（${m.note}）` : ''}`,
    );
  const text = lines.join('／');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export function evacueeCardData(
  household: HouseholdView,
  opts: { shelterName: string; holderId?: string; today: string },
): { resident: Record<string, string>; input: Record<string, unknown>; date: string } {
  const holder =
    household.members.find((m) => m.personId === opts.holderId) ??
    household.members.find((m) => m.relation === '世帯主') ??
    household.members[0]!;
  const others = household.members.filter((m) => m !== holder).slice(0, MAX_MEMBERS);
  const all = household.members;
  const has = (needs: Need[]) => all.some((m) => m.needs.some((n) => needs.includes(n)));
  const kana = toKatakana(holder.kana).replace(/\s+/g, '\u3000');
  const input: Record<string, unknown> = {
    shelterName: opts.shelterName.slice(0, 60),
    ...(kana ? { nameKana: kana } : {}),
    household: others.map((m) => ({
      name: m.name,
      ...(m.kana ? { nameKana: toKatakana(m.kana).replace(/\s+/g, '\u3000') } : {}),
      birthDate: m.birthDate,
      ...(m.sex ? { sex: SEX[m.sex] } : {}),
      ...(m.relation ? { relationship: m.relation } : {}),
      present: m.state === 'here' || m.state === 'out' ? 'here' : 'away',
    })),
    ...Object.fromEntries(BOXES.map(([box, needs]) => [box, has(needs)])),
    needOther: all.some((m) => !!m.note),
    needsDetail: needsDetail(all),
    ...(holder.consent !== 'not-asked' ? { safetyConsent: holder.consent } : {}),
    ...(has(['pet']) ? { pets: 'yes' } : {}),
  };
  return {
    resident: {
      name: holder.name,
      ...(kana ? { nameKana: kana } : {}),
      address: holder.address,
      birthDate: holder.birthDate,
      ...(holder.sex ? { sex: SEX[holder.sex] } : {}),
    },
    input,
    date: opts.today,
  };
}
