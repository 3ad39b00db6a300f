/**
 * Reading people: the resident list (reference data) and the people events registered, as one.
 * A person registered by an event overrides their list row; a household link overrides both.
 */
import type { Db } from '../../store/sqlite.ts';
import { preparedOn } from '../../store/sqlite.ts';

export interface PersonRow {
  personId: string;
  householdId: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'M' | 'F' | null;
  address: string;
  relation: string;
  source: 'list' | 'hand';
  /** The event-registered row exists (false: the list's row only). */
  registered: boolean;
}

const PEOPLE_COLUMNS = `person_id AS personId, household_id AS householdId, name, kana, birth_date AS birthDate,
  sex, address, relation, source, 1 AS registered`;
const RESIDENT_COLUMNS = `person_id AS personId, household_id AS householdId, name, kana, birth_date AS birthDate,
  sex, address, relation, 'list' AS source, 0 AS registered`;

export class PeopleQueries {
  constructor(private readonly db: Db) {}

  #q(sql: string) {
    return preparedOn(this.db, sql);
  }

  #withLinks(rows: Array<Omit<PersonRow, 'registered'> & { registered: number }>): PersonRow[] {
    return rows.map((r) => {
      const link = this.#q('SELECT household_id FROM shelter_household_links WHERE person_id = ?')
        .pluck()
        .get(r.personId) as string | undefined;
      return { ...r, householdId: link ?? r.householdId, registered: r.registered === 1 };
    });
  }

  /** Event-registered rows first; a list row only when no event registered that person. */
  #union(where: string, ...args: unknown[]): PersonRow[] {
    const rows = this.#q(
      `SELECT ${PEOPLE_COLUMNS} FROM shelter_people WHERE ${where}
       UNION ALL
       SELECT ${RESIDENT_COLUMNS} FROM shelter_residents r WHERE ${where}
         AND NOT EXISTS (SELECT 1 FROM shelter_people p WHERE p.person_id = r.person_id)
       ORDER BY birthDate, personId`,
    ).all(...args, ...args) as Array<Omit<PersonRow, 'registered'> & { registered: number }>;
    return this.#withLinks(rows);
  }

  byId(personId: string): PersonRow | undefined {
    return this.#union('person_id = ?', personId)[0];
  }

  byNameAndBirth(nameKey: string, birthIso: string): PersonRow[] {
    return this.#union('name_key = ? AND birth_date = ?', nameKey, birthIso);
  }

  addressKeyOf(personId: string): string | undefined {
    return this.#q('SELECT address_key FROM shelter_residents WHERE person_id = ?').pluck().get(personId) as
      string | undefined;
  }

  byKanaPrefix(prefix: string, limit: number): PersonRow[] {
    const end = `${prefix}\uffff`;
    return this.#union('kana_key >= ? AND kana_key < ?', prefix, end).slice(0, limit);
  }

  byName(nameKey: string, limit: number): PersonRow[] {
    return this.#union('name_key = ?', nameKey).slice(0, limit);
  }

  /** Members of a household: by their own household id unless a link moved them, plus those linked in. */
  household(householdId: string): PersonRow[] {
    const linkedIn = this.#q('SELECT person_id FROM shelter_household_links WHERE household_id = ?')
      .pluck()
      .all(householdId) as string[];
    const own = this.#union('household_id = ?', householdId);
    const ids = new Set(own.map((p) => p.personId));
    const extra = linkedIn
      .filter((id) => !ids.has(id))
      .map((id) => this.byId(id)!)
      .filter(Boolean);
    return [...own, ...extra].filter((p) => p.householdId === householdId);
  }
}

/** One stay with the person's details, needs and consent: what rosters, exports and figures read. */
export interface StayRow {
  personId: string;
  shelterId: string;
  state: 'here' | 'out' | 'left';
  since: number;
  firstArrived: number;
  toPlace: string | null;
  householdId: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'M' | 'F' | null;
  address: string;
  needs: string | null;
  note: string | null;
  consent: 'yes' | 'no' | null;
}

/** Every stay (at one shelter, or at all), joined once — no per-person look-ups for 30,000 rows. */
export function stayRows(db: Db, shelterId: string | undefined): StayRow[] {
  return preparedOn(
    db,
    `SELECT pr.person_id AS personId, pr.shelter_id AS shelterId, pr.state, pr.since_at AS since,
            pr.first_at AS firstArrived, pr.to_place AS toPlace,
            coalesce(l.household_id, p.household_id, r.household_id, '') AS householdId,
            coalesce(p.name, r.name, '') AS name, coalesce(p.kana, r.kana, '') AS kana,
            coalesce(p.birth_date, r.birth_date, '') AS birthDate, coalesce(p.sex, r.sex) AS sex,
            coalesce(p.address, r.address, '') AS address, n.needs, n.note, c.safety AS consent
       FROM shelter_presence pr
       LEFT JOIN shelter_people p ON p.person_id = pr.person_id
       LEFT JOIN shelter_residents r ON r.person_id = pr.person_id
       LEFT JOIN shelter_household_links l ON l.person_id = pr.person_id
       LEFT JOIN shelter_needs n ON n.person_id = pr.person_id
       LEFT JOIN shelter_consent c ON c.person_id = pr.person_id
      WHERE @shelter IS NULL OR pr.shelter_id = @shelter
      ORDER BY pr.shelter_id, householdId, birthDate, pr.person_id`,
  ).all({ shelter: shelterId ?? null }) as StayRow[];
}
