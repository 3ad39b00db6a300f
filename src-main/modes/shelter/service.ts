/**
 * The shelter reception service (避難所受付): the one API for the CLI (`kakanai shelter …`) and
 * the entrance screen.
 *
 * A laptop is set up once (`init`: shelter, kind, capacity, terminal id), may load the
 * municipality's resident list with households, then at the entrance: find the person (card data →
 * name + birth date (+ address), a linked card's tap serial, or a search) → show the whole
 * household → record who arrives, goes out (外出), comes back (戻り) or leaves (退所). People
 * not on the list are registered by hand. Needs, 安否情報 consent and the card link are events
 * too. Every write re-checks the state inside its transaction and returns only after the commit
 * is on disk: whatever the screen confirmed survives `kill -9` or a power cut.
 *
 * Several laptops and the HQ: `exportEvents` / `mergeFile` (USB) and LAN sync from the shared
 * event terminal; a person present at two shelters is reported by `conflicts()`, never dropped.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Secret } from '../../card/secret.ts';
import type { ExportResult } from '../../store/event-file.ts';
import { assertId } from '../../store/event-log.ts';
import { EventTerminal, type MergeResult, type TerminalKind } from '../../store/event-terminal.ts';
import { preparedOn } from '../../store/sqlite.ts';
import type { Store } from '../../store/store.ts';
import { parseBirthDate } from '../../roster/birth-date.ts';
import {
  commonPrefixLength,
  isKana,
  normalizeAddress,
  normalizeKana,
  normalizeName,
} from '../../roster/normalize.ts';
import { ageOn, todayInJapan } from '../../util/wareki.ts';
import { ShelterError } from './errors.ts';
import {
  EVENT_CARD,
  EVENT_CONSENT,
  EVENT_HOUSEHOLD,
  EVENT_MOVED,
  EVENT_NEEDS,
  EVENT_OPENED,
  EVENT_REGISTERED,
  NEEDS,
  SHELTER_KINDS,
  type MovedPayload,
  type Need,
  type RegisteredPayload,
} from './events.ts';
import { evacueeCardData } from './evacuee-card.ts';
import { PeopleQueries, stayRows, type PersonRow } from './queries.ts';
import { hqCsv, rosterCsv, rosterPdf } from './reports.ts';
import { computeStats, type ShelterStats } from './stats.ts';
import { importResidents, type ResidentImportOptions, type ResidentImportReport } from './resident-import.ts';
import { SHELTER_MODULE } from './schema.ts';
import type {
  ConflictView,
  Consent,
  FindResult,
  HouseholdView,
  InitOptions,
  MoveKind,
  MoveResult,
  PersonView,
  PresenceState,
  RegisterInput,
  SafetyAnswer,
  ShelterConfig,
  Stay,
} from './types.ts';

export type * from './types.ts';

export const STORE_KIND = 'shelter';

/** The shelter's store for the shared event terminal; peers see the shelter and the list's digest. */
export const SHELTER_TERMINAL: TerminalKind = {
  kind: STORE_KIND,
  modules: [SHELTER_MODULE],
  peerInfo: (store) => {
    const shelter = store.meta('shelter.id');
    const digest = store.meta('shelter.list_digest');
    return { ...(shelter ? { shelterId: shelter } : {}), ...(digest ? { listDigest: digest } : {}) };
  },
};

const DEFAULT_GROUP = 'shelters';

const hash = (s: string) => createHash('sha256').update(s.normalize('NFKC').trim()).digest('hex');

export function groupIdFor(group: string): string {
  return `sh-${hash(group).slice(0, 16)}`;
}

export function shelterIdFor(name: string): string {
  return `s-${hash(name).slice(0, 10)}`;
}

/** What each movement does, from which states (at this shelter). */
const MOVES: Record<MoveKind, (state: PresenceState | 'none') => MovedPayload['move'] | string> = {
  arrive: (s) => (s === 'here' ? '既に在所しています' : s === 'out' ? 'back' : 'arrived'),
  out: (s) => (s === 'here' ? 'out' : s === 'out' ? '既に外出中です' : '在所していません'),
  back: (s) => (s === 'out' ? 'back' : s === 'here' ? '既に在所しています' : '外出中ではありません'),
  leave: (s) =>
    s === 'here' || s === 'out' ? 'left' : s === 'left' ? '既に退所しています' : '在所していません',
};
const MOVE_CODES: ReadonlySet<string> = new Set(['arrived', 'out', 'back', 'left']);

export class ShelterService {
  readonly #terminal: EventTerminal;
  readonly #store: Store;
  readonly #q: PeopleQueries;
  readonly #now: () => number;
  #cfg: ShelterConfig | undefined;

  private constructor(terminal: EventTerminal, now: () => number) {
    this.#terminal = terminal;
    this.#store = terminal.store;
    this.#q = new PeopleQueries(terminal.store.db);
    this.#now = now;
  }

  /** Sets up a laptop: the encrypted store, this shelter (announced to the group as an event). */
  static async init(
    path: string,
    passphrase: Secret,
    opts: InitOptions,
    deps: { now?: () => number } = {},
  ): Promise<ShelterService> {
    const name = opts.shelterName.trim();
    if (!name) throw new ShelterError('BAD_INPUT', 'the shelter name is empty');
    if (!Number.isInteger(opts.capacity) || opts.capacity < 0)
      throw new ShelterError('BAD_INPUT', `the capacity must be a whole number ≥ 0: ${opts.capacity}`);
    const kind = opts.kind ?? 'designated';
    if (!SHELTER_KINDS.includes(kind))
      throw new ShelterError('BAD_INPUT', `kind must be one of ${SHELTER_KINDS.join(', ')}`);
    const shelterId = opts.shelterId ?? shelterIdFor(name);
    assertId(shelterId, 'shelter id');
    let svc: ShelterService | undefined;
    await EventTerminal.create(
      path,
      passphrase,
      SHELTER_TERMINAL,
      {
        terminalId: opts.terminalId,
        groupId: groupIdFor(opts.group ?? DEFAULT_GROUP),
        ...(opts.groupSalt !== undefined ? { groupSalt: opts.groupSalt } : {}),
      },
      {
        ...(deps.now ? { now: deps.now } : {}),
        setUp: (terminal) => {
          svc = new ShelterService(terminal, deps.now ?? Date.now);
          terminal.store.transaction(() => {
            terminal.store.setMeta('shelter.id', shelterId);
            terminal.store.events.append(EVENT_OPENED, {
              shelterId,
              name,
              kind,
              capacity: opts.capacity,
              at: svc!.#now(),
            });
          });
        },
      },
    );
    return svc!;
  }

  static async open(
    path: string,
    passphrase: Secret,
    deps: { now?: () => number } = {},
  ): Promise<ShelterService> {
    const terminal = await EventTerminal.open(path, passphrase, SHELTER_TERMINAL, deps);
    return new ShelterService(terminal, deps.now ?? Date.now);
  }

  get store(): Store {
    return this.#store;
  }

  get terminal(): EventTerminal {
    return this.#terminal;
  }

  config(): ShelterConfig {
    if (this.#cfg) return this.#cfg;
    const shelterId = this.#store.meta('shelter.id');
    const row = shelterId
      ? (this.#store.db
          .prepare('SELECT name, kind, capacity FROM shelter_shelters WHERE shelter_id = ?')
          .get(shelterId) as { name: string; kind: ShelterConfig['kind']; capacity: number } | undefined)
      : undefined;
    if (!shelterId || !row) throw new ShelterError('NOT_CONFIGURED', 'this store has no shelter');
    this.#cfg = {
      shelterId,
      shelterName: row.name,
      kind: row.kind,
      capacity: row.capacity,
      terminalId: this.#store.terminalId,
      groupId: this.#store.groupId,
    };
    return this.#cfg;
  }

  /** Shelters this laptop has heard of (its own and those in merged files), by id. */
  shelters(): Map<string, { name: string; kind: string; capacity: number }> {
    const rows = this.#store.db
      .prepare('SELECT shelter_id AS id, name, kind, capacity FROM shelter_shelters ORDER BY shelter_id')
      .all() as Array<{ id: string; name: string; kind: string; capacity: number }>;
    return new Map(rows.map(({ id, ...rest }) => [id, rest]));
  }

  // ── the resident list ─────────────────────────────────────────────────────────────────────

  importResidents(csvPath: string, opts: ResidentImportOptions = {}): ResidentImportReport {
    return importResidents(this.#store, csvPath, opts);
  }

  listSize(): { residents: number; households: number } {
    const db = this.#store.db;
    return {
      residents: db.prepare('SELECT count(*) FROM shelter_residents').pluck().get() as number,
      households: db
        .prepare('SELECT count(DISTINCT household_id) FROM shelter_residents')
        .pluck()
        .get() as number,
    };
  }

  // ── finding people ────────────────────────────────────────────────────────────────────────

  /**
   * Card data (name, birth date, address) → a person and their household: normalised name +
   * birth date, the address breaking ties, exactly like the voter roll.
   */
  findByCard(card: { name: string; birthDate: string; address?: string }): FindResult {
    const rows = this.#q.byNameAndBirth(normalizeName(card.name), this.#birth(card.birthDate));
    if (rows.length === 0) return { match: 'none' };
    if (rows.length === 1) return this.#unique(rows[0]!, 'name-birth');
    const key = card.address ? normalizeAddress(card.address) : '';
    const exact = key ? rows.filter((r) => this.#q.addressKeyOf(r.personId) === key) : [];
    if (exact.length === 1) return this.#unique(exact[0]!, 'name-birth-address');
    const rank = (r: PersonRow) =>
      commonPrefixLength(this.#q.addressKeyOf(r.personId) ?? normalizeAddress(r.address), key);
    const ranked = [...rows].sort((a, b) => rank(b) - rank(a));
    return { match: 'ambiguous', candidates: ranked.map((r) => this.#view(r)) };
  }

  #unique(row: PersonRow, by: 'name-birth' | 'name-birth-address'): FindResult {
    const person = this.#view(row);
    return { match: 'unique', by, person, household: this.household(person.householdId) };
  }

  /** A linked card's tap serial → the person and their household (CARD_NOT_LINKED otherwise). */
  findByCardSerial(serial: string): { person: PersonView; household: HouseholdView } {
    const personId = this.#store.db
      .prepare('SELECT person_id FROM shelter_cards WHERE serial = ?')
      .pluck()
      .get(serial.toUpperCase()) as string | undefined;
    const row = personId ? this.#q.byId(personId) : undefined;
    if (!row) throw new ShelterError('CARD_NOT_LINKED', 'this card was never linked to a person here');
    const person = this.#view(row);
    return { person, household: this.household(person.householdId) };
  }

  /** Staff search: ふりがな prefix, or the full name; optionally with the birth date. */
  search(query: { kana?: string; name?: string; birthDate?: string }, limit = 50): PersonView[] {
    const birth = query.birthDate ? this.#birth(query.birthDate) : undefined;
    let rows: PersonRow[];
    if (query.name) {
      const key = normalizeName(query.name);
      if (!key) throw new ShelterError('BAD_INPUT', 'the name is empty');
      rows = birth ? this.#q.byNameAndBirth(key, birth) : this.#q.byName(key, limit);
    } else if (query.kana) {
      const key = normalizeKana(query.kana);
      if (!key || !isKana(query.kana)) throw new ShelterError('BAD_INPUT', `not kana: ${query.kana}`);
      rows = this.#q.byKanaPrefix(key, birth ? 10_000 : limit).filter((r) => !birth || r.birthDate === birth);
    } else {
      throw new ShelterError('BAD_INPUT', 'search by kana or by name');
    }
    return rows.slice(0, limit).map((r) => this.#view(r));
  }

  person(personId: string): PersonView {
    const row = this.#q.byId(personId);
    if (!row) throw new ShelterError('NOT_FOUND', `no person ${personId}`);
    return this.#view(row);
  }

  household(householdId: string): HouseholdView {
    const members = this.#q.household(householdId).map((r) => this.#view(r));
    if (members.length === 0) throw new ShelterError('NOT_FOUND', `no household ${householdId}`);
    return { householdId, members };
  }

  #birth(input: string): string {
    const b = parseBirthDate(input);
    if (!b.ok) throw new ShelterError('BAD_INPUT', `unreadable birth date: ${input}`);
    return b.iso;
  }

  #stays(personId: string): Stay[] {
    const rows = preparedOn(
      this.#store.db,
      `SELECT p.shelter_id AS shelterId, coalesce(s.name, p.shelter_id) AS shelterName, p.state,
              p.since_at AS since, p.first_at AS firstArrived, p.to_place AS toPlace
         FROM shelter_presence p LEFT JOIN shelter_shelters s ON s.shelter_id = p.shelter_id
        WHERE p.person_id = ? ORDER BY p.since_at DESC`,
    ).all(personId) as Array<Omit<Stay, 'current' | 'to'> & { toPlace: string | null }>;
    const current = this.config().shelterId;
    return rows.map(({ toPlace, ...s }) => ({
      ...s,
      current: s.shelterId === current,
      ...(toPlace ? { to: toPlace } : {}),
    }));
  }

  #consentOf(personId: string): 'yes' | 'no' | undefined {
    return preparedOn(this.#store.db, 'SELECT safety FROM shelter_consent WHERE person_id = ?')
      .pluck()
      .get(personId) as 'yes' | 'no' | undefined;
  }

  #view(row: PersonRow): PersonView {
    const db = this.#store.db;
    const stays = this.#stays(row.personId);
    const here = stays.find((s) => s.current);
    const needs = preparedOn(db, 'SELECT needs, note FROM shelter_needs WHERE person_id = ?').get(
      row.personId,
    ) as { needs: string; note: string | null } | undefined;
    const consent = this.#consentOf(row.personId);
    const card = preparedOn(db, 'SELECT 1 FROM shelter_cards WHERE person_id = ? LIMIT 1')
      .pluck()
      .get(row.personId);
    return {
      personId: row.personId,
      householdId: row.householdId,
      name: row.name,
      kana: row.kana,
      birthDate: row.birthDate,
      age: ageOn(row.birthDate, todayInJapan(new Date(this.#now()))),
      ...(row.sex ? { sex: row.sex } : {}),
      address: row.address,
      relation: row.relation,
      source: row.source,
      state: here?.state ?? 'none',
      stays,
      needs: needs ? (JSON.parse(needs.needs) as Need[]) : [],
      ...(needs?.note ? { note: needs.note } : {}),
      consent: (consent ?? 'not-asked') satisfies Consent,
      cardLinked: card !== undefined,
    };
  }

  // ── recording ─────────────────────────────────────────────────────────────────────────────

  /**
   * A person from the list gets a snapshot event before the first event about them, so every
   * laptop and the HQ can show them without the list. Runs inside the caller's transaction.
   */
  #ensureRegistered(row: PersonRow, operator: string | undefined): void {
    if (row.registered) return;
    const payload: RegisteredPayload = {
      personId: row.personId,
      householdId: row.householdId,
      name: row.name,
      kana: row.kana,
      birthDate: row.birthDate,
      ...(row.sex ? { sex: row.sex } : {}),
      ...(row.address ? { address: row.address } : {}),
      ...(row.relation ? { relation: row.relation } : {}),
      source: 'list',
      ...(operator ? { operator } : {}),
      at: this.#now(),
    };
    this.#store.events.append(EVENT_REGISTERED, payload);
  }

  #row(personId: string): PersonRow {
    const row = this.#q.byId(personId);
    if (!row) throw new ShelterError('NOT_FOUND', `no person ${personId}`);
    return row;
  }

  /**
   * Records arrivals (checkin), 外出 (out), 戻り (back) or 退所 (leave, with where to) for the chosen
   * people at this shelter. Each person's state is re-checked inside the write transaction; those
   * for whom the movement makes no sense are listed in `skipped`, not recorded.
   */
  move(
    personIds: readonly string[],
    kind: MoveKind,
    opts: { to?: string; operator?: string } = {},
  ): MoveResult {
    if (personIds.length === 0) throw new ShelterError('BAD_INPUT', 'choose at least one person');
    const { shelterId } = this.config();
    const to = opts.to?.trim();
    const result = this.#store.transaction((): MoveResult => {
      const out: MoveResult = { moved: [], skipped: [] };
      for (const id of new Set(personIds)) {
        const row = this.#row(id);
        const state = this.#view(row).state;
        const decided = MOVES[kind](state);
        if (!MOVE_CODES.has(decided)) {
          out.skipped.push({ personId: id, name: row.name, state, reason: decided });
          continue;
        }
        this.#ensureRegistered(row, opts.operator);
        const payload: MovedPayload = {
          personId: id,
          shelterId,
          move: decided as MovedPayload['move'],
          ...(decided === 'left' && to ? { to } : {}),
          ...(opts.operator ? { operator: opts.operator } : {}),
          at: this.#now(),
        };
        this.#store.events.append(EVENT_MOVED, payload);
        out.moved.push({ personId: id, name: row.name, move: payload.move });
      }
      return out;
    });
    if (result.moved.length > 0) this.#terminal.announce();
    return result;
  }

  /** A person not on the list (no card, another municipality): typed in by staff. */
  register(input: RegisterInput): PersonView {
    const name = input.name.normalize('NFKC').trim();
    if (!name) throw new ShelterError('BAD_INPUT', 'the name is empty');
    const kana = input.kana.trim();
    if (kana && !isKana(kana)) throw new ShelterError('BAD_INPUT', `the reading is not kana: ${kana}`);
    const birthDate = this.#birth(input.birthDate);
    if (input.householdId !== undefined) {
      assertId(input.householdId, 'household id');
    }
    const personId = `m-${randomBytes(8).toString('hex')}`;
    const payload: RegisteredPayload = {
      personId,
      householdId: input.householdId ?? `h-${randomBytes(6).toString('hex')}`,
      name: input.name.trim(),
      kana,
      birthDate,
      ...(input.sex ? { sex: input.sex } : {}),
      ...(input.address?.trim() ? { address: input.address.trim() } : {}),
      ...(input.relation?.trim() ? { relation: input.relation.trim() } : {}),
      source: 'hand',
      ...(input.operator ? { operator: input.operator } : {}),
      at: this.#now(),
    };
    this.#store.events.append(EVENT_REGISTERED, payload);
    this.#terminal.announce();
    return this.person(personId);
  }

  /**
   * One fact about a person as an event (their list snapshot first when needed), committed before
   * it returns; the peers are told.
   */
  #recordAbout(type: string, personId: string, fields: Record<string, unknown>, operator?: string): void {
    this.#store.transaction(() => {
      this.#ensureRegistered(this.#row(personId), operator);
      this.#store.events.append(type, {
        personId,
        ...fields,
        ...(operator ? { operator } : {}),
        at: this.#now(),
      });
    });
    this.#terminal.announce();
  }

  /** Adds a person to a household (members who came together, a list household joined by hand). */
  linkHousehold(personId: string, householdId: string, operator?: string): HouseholdView {
    assertId(householdId, 'household id');
    this.#recordAbout(EVENT_HOUSEHOLD, personId, { householdId }, operator);
    return this.household(householdId);
  }

  /** Replaces the person's special needs (an empty list clears them). */
  setNeeds(personId: string, needs: readonly string[], note?: string, operator?: string): PersonView {
    const unknown = needs.filter((n) => !(NEEDS as readonly string[]).includes(n));
    if (unknown.length > 0)
      throw new ShelterError(
        'BAD_INPUT',
        `unknown need(s): ${unknown.join(', ')} (known: ${NEEDS.join(', ')})`,
      );
    const fields = { needs: [...new Set(needs)], ...(note?.trim() ? { note: note.trim() } : {}) };
    this.#recordAbout(EVENT_NEEDS, personId, fields, operator);
    return this.person(personId);
  }

  /** 安否情報 consent: only 'yes' lets an inquiry learn where the person is. */
  setConsent(personId: string, safety: 'yes' | 'no', operator?: string): PersonView {
    this.#recordAbout(EVENT_CONSENT, personId, { safety }, operator);
    return this.person(personId);
  }

  /** Links the card's tap serial to the person (they agreed): later visits are a tap. */
  linkCard(personId: string, serial: string, operator?: string): PersonView {
    if (!/^[0-9A-Fa-f]{1,64}$/.test(serial)) throw new ShelterError('BAD_INPUT', 'not a certificate serial');
    this.#recordAbout(EVENT_CARD, personId, { serial: serial.toUpperCase() }, operator);
    return this.person(personId);
  }

  // ── answers ───────────────────────────────────────────────────────────────────────────────

  /**
   * 安否情報照会: name + birth date → here / out / left / not here, across every shelter this
   * laptop knows of. A person is revealed only with their consent; "no consent" and "not here"
   * give the same answer, so the answer itself discloses nothing.
   */
  safety(name: string, birthDate: string): SafetyAnswer {
    const rows = this.#q.byNameAndBirth(normalizeName(name), this.#birth(birthDate));
    // Someone present beats someone who left; then the latest movement.
    const rank = (s: Stay) => (s.state === 'left' ? 0 : 1) * 1e15 + s.since;
    let best: Stay | undefined;
    for (const row of rows) {
      if (this.#consentOf(row.personId) !== 'yes') continue;
      for (const stay of this.#stays(row.personId)) if (!best || rank(stay) > rank(best)) best = stay;
    }
    if (!best) return { answer: 'not-here' };
    const { shelterName } = best;
    return best.state === 'left'
      ? { answer: 'left', shelterName, ...(best.to ? { to: best.to } : {}) }
      : { answer: best.state, shelterName };
  }

  /**
   * What needs a person's decision after merges: someone present at two shelters at once (the
   * same person id), and people registered separately with the same name and birth date.
   */
  conflicts(): ConflictView[] {
    const { twice, sameKeys } = this.#conflictIds();
    return [
      ...twice.map((id) => ({ kind: 'TWO_SHELTERS' as const, people: [this.person(id)] })),
      ...sameKeys.map((ids) => ({
        kind: 'POSSIBLE_SAME_PERSON' as const,
        people: ids.split(',').map((id) => this.person(id)),
      })),
    ];
  }

  /** How many conflicts wait (the header's badge): ids only, no person views. */
  conflictCount(): number {
    const { twice, sameKeys } = this.#conflictIds();
    return twice.length + sameKeys.length;
  }

  #conflictIds(): { twice: string[]; sameKeys: string[] } {
    const db = this.#store.db;
    const twice = preparedOn(
      db,
      `SELECT person_id FROM shelter_presence WHERE state IN ('here', 'out')
       GROUP BY person_id HAVING count(*) >= 2 ORDER BY person_id`,
    )
      .pluck()
      .all() as string[];
    const sameKeys = preparedOn(
      db,
      `SELECT group_concat(person_id) FROM (
         SELECT DISTINCT pr.person_id, p.name_key, p.birth_date FROM shelter_presence pr
         JOIN shelter_people p ON p.person_id = pr.person_id)
       GROUP BY name_key, birth_date HAVING count(*) >= 2`,
    )
      .pluck()
      .all() as string[];
    return { twice, sameKeys };
  }

  /** This shelter's here / out / left and households now: the header's figures, one query. */
  counts(): { here: number; out: number; left: number; households: number } {
    return preparedOn(
      this.#store.db,
      `SELECT coalesce(sum(pr.state = 'here'), 0) AS here, coalesce(sum(pr.state = 'out'), 0) AS out,
              coalesce(sum(pr.state = 'left'), 0) AS left,
              count(DISTINCT CASE WHEN pr.state <> 'left'
                THEN coalesce(l.household_id, p.household_id, r.household_id, pr.person_id) END) AS households
         FROM shelter_presence pr
         LEFT JOIN shelter_people p ON p.person_id = pr.person_id
         LEFT JOIN shelter_residents r ON r.person_id = pr.person_id
         LEFT JOIN shelter_household_links l ON l.person_id = pr.person_id
        WHERE pr.shelter_id = ?`,
    ).get(this.config().shelterId) as { here: number; out: number; left: number; households: number };
  }

  badEvents(): Array<{ terminalId: string; seq: number; type: string; problem: string }> {
    return this.#store.db
      .prepare('SELECT terminal_id AS terminalId, seq, type, problem FROM shelter_bad_events ORDER BY 1, 2')
      .all() as Array<{ terminalId: string; seq: number; type: string; problem: string }>;
  }

  // ── figures and lists ─────────────────────────────────────────────────────────────────────

  /** The dashboard: this shelter, or (`all`) every shelter whose events this laptop holds. */
  stats(opts: { all?: boolean } = {}): ShelterStats {
    return computeStats(this.#store.db, this.shelters(), {
      ...(opts.all ? {} : { shelterId: this.config().shelterId }),
      now: this.#now(),
    });
  }

  #reportContext() {
    const shelters = this.shelters();
    return { shelterName: (id: string) => shelters.get(id)?.name ?? id, now: this.#now() };
  }

  #stayRows(all: boolean) {
    return stayRows(this.#store.db, all ? undefined : this.config().shelterId);
  }

  /** The staff roster as CSV (everyone who came; personal data — staff only). */
  rosterCsv(opts: { all?: boolean } = {}): string {
    return rosterCsv(this.#stayRows(!!opts.all), this.#reportContext());
  }

  rosterPdf(opts: { all?: boolean } = {}): Promise<Uint8Array> {
    const title = opts.all ? `全避難所（${this.shelters().size}か所）` : this.config().shelterName;
    return rosterPdf(this.#stayRows(!!opts.all), this.stats(opts), { ...this.#reportContext(), title });
  }

  /** The HQ's CSV of every stay this laptop holds: names only with consent (reports.ts). */
  hqCsv(): string {
    return hqCsv(this.#stayRows(true), {
      ...this.#reportContext(),
      refKey: this.#store.subkey('export-ref/v1'),
    });
  }

  /** The 避難者カード's data for a household (forms engine input; see evacuee-card.ts). */
  evacueeCard(householdId: string, holderId?: string): ReturnType<typeof evacueeCardData> {
    return evacueeCardData(this.household(householdId), {
      shelterName: this.config().shelterName,
      ...(holderId ? { holderId } : {}),
      today: todayInJapan(new Date(this.#now())),
    });
  }

  // ── several laptops ───────────────────────────────────────────────────────────────────────

  exportEvents(path: string): ExportResult {
    return this.#terminal.exportEvents(path);
  }

  mergeFile(path: string): MergeResult & { conflicts: ConflictView[] } {
    const { files, conflicts } = this.mergeFiles([path]);
    return { ...files[0]!, conflicts };
  }

  /** Merges several files (all or none: one transaction), then looks for conflicts once. */
  mergeFiles(paths: readonly string[]): { files: MergeResult[]; conflicts: ConflictView[] } {
    const files = this.#terminal.mergeFiles(paths);
    this.#cfg = undefined; // another laptop of this shelter may have renamed it
    return { files, conflicts: this.conflicts() };
  }

  close(): Promise<void> {
    return this.#terminal.close();
  }
}
