/**
 * The fare-subsidy service (高齢者タクシー補助 / バス割引): the one API for the CLI and the screens.
 *
 * Two kinds of terminal share it. City hall (office): register a card after deciding and
 * explaining eligibility, block a lost card, export the signed registry for the vehicles, merge the
 * vehicles' ride files and settle each month. A vehicle: import the signed registry, then at the
 * door a tap → the decision (registry, caps) → the fare → the ride, recorded as an event that is
 * on disk before the screen says so. No network at any point.
 *
 * What is stored about a resident: a keyed reference to the holder (HMAC of name + birth date
 * with the group's key, so a renewed card finds its history; the name itself is never stored), the
 * tap serials, birth date, categories, the rule and validity. No address, no name, no 個人番号.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Secret } from '../../card/secret.ts';
import { EventTerminal, type MergeResult, type TerminalKind } from '../../store/event-terminal.ts';
import type { ExportResult } from '../../store/event-file.ts';
import { assertId } from '../../store/event-log.ts';
import { hmacHex } from '../../store/keys.ts';
import { preparedOn } from '../../store/sqlite.ts';
import type { Store } from '../../store/store.ts';
import { normalizeName } from '../../roster/normalize.ts';
import { todayInJapan } from '../../util/wareki.ts';
import { jstDay, jstDayStart } from './clock.ts';
import { decideRide, splitFare, type KnownRide, type RegistryEntry } from './decide.ts';
import { decideEligibility, programYear } from './eligibility.ts';
import { FareError } from './errors.ts';
import { BLOCK_REASONS, EVENT_BLOCKED, EVENT_REGISTERED, EVENT_RIDE, type BlockReason } from './events.ts';
import { parseProgram, ProgramError, type Program } from './program.ts';
import { RegistryFileError, signRegistry, verifyRegistry, type RegistryBody } from './registry-file.ts';
import { FARE_MODULE } from './schema.ts';
import { settle, type Settlement } from './settlement.ts';
import { fareStats, type FareStats } from './stats.ts';
import type {
  Assessment,
  BlockResult,
  CardHolder,
  FareConfig,
  FareInitOptions,
  HolderCard,
  RegisterOptions,
  Registration,
  RideInput,
  RideResult,
} from './types.ts';

export type * from './types.ts';

export const STORE_KIND = 'fare';

export const FARE_TERMINAL: TerminalKind = {
  kind: STORE_KIND,
  modules: [FARE_MODULE],
  peerInfo: (store) => {
    const program = store.meta('fare.program_id');
    const vehicle = store.meta('fare.vehicle');
    return { ...(program ? { programId: program } : {}), ...(vehicle ? { vehicle } : {}) };
  },
};

const DEFAULT_GROUP = 'fare';
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

export function groupIdFor(group: string): string {
  return `fa-${hash(group.normalize('NFKC').trim()).slice(0, 16)}`;
}

/** Serials as the card gives them, in upper-case hex; anything else is refused. */
export function normalizeSerial(serial: string): string {
  const s = serial.trim().toUpperCase();
  if (!/^[0-9A-F]{1,64}$/.test(s)) throw new FareError('BAD_INPUT', `not a certificate serial: ${serial}`);
  return s;
}

interface HolderRow {
  holderId: string;
  categories: string;
  rule: string;
  validFrom: string;
  validTo: string;
}

export class FareService {
  readonly #terminal: EventTerminal;
  readonly #store: Store;
  readonly #now: () => number;
  readonly #program: Program;

  private constructor(terminal: EventTerminal, now: () => number) {
    this.#terminal = terminal;
    this.#store = terminal.store;
    this.#now = now;
    const raw = this.#store.meta('fare.program');
    if (!raw) throw new FareError('NOT_CONFIGURED', 'this store has no fare programme');
    this.#program = parseProgram(JSON.parse(raw));
  }

  /** Sets up a terminal: the encrypted store and the programme (and the vehicle, in a vehicle). */
  static async init(
    path: string,
    passphrase: Secret,
    opts: FareInitOptions,
    deps: { now?: () => number } = {},
  ): Promise<FareService> {
    const program = parseProgram(opts.program);
    if (opts.vehicle !== undefined) {
      assertId(opts.vehicle, 'vehicle');
      const owner = program.operators.find((o) => o.vehicles.includes(opts.vehicle!));
      const operatorId = opts.operatorId ?? owner?.id;
      if (!operatorId)
        throw new FareError('BAD_INPUT', `vehicle ${opts.vehicle} is not in the programme: give --operator`);
      if (!program.operators.some((o) => o.id === operatorId))
        throw new FareError('BAD_INPUT', `operator ${operatorId} is not in the programme`);
      opts = { ...opts, operatorId };
    } else if (opts.operatorId !== undefined) {
      throw new FareError('BAD_INPUT', '--operator goes with --vehicle');
    }
    let svc: FareService | undefined;
    await EventTerminal.create(
      path,
      passphrase,
      FARE_TERMINAL,
      {
        terminalId: opts.terminalId,
        groupId: groupIdFor(opts.group ?? DEFAULT_GROUP),
        ...(opts.groupSalt !== undefined ? { groupSalt: opts.groupSalt } : {}),
      },
      {
        ...(deps.now ? { now: deps.now } : {}),
        setUp: (terminal) => {
          const s = terminal.store;
          s.transaction(() => {
            s.setMeta('fare.program', JSON.stringify(program));
            s.setMeta('fare.program_id', program.id);
            if (opts.vehicle) s.setMeta('fare.vehicle', opts.vehicle);
            if (opts.operatorId) s.setMeta('fare.operator', opts.operatorId);
          });
          svc = new FareService(terminal, deps.now ?? Date.now);
        },
      },
    );
    return svc!;
  }

  static async open(
    path: string,
    passphrase: Secret,
    deps: { now?: () => number } = {},
  ): Promise<FareService> {
    const terminal = await EventTerminal.open(path, passphrase, FARE_TERMINAL, deps);
    try {
      return new FareService(terminal, deps.now ?? Date.now);
    } catch (e) {
      await terminal.close();
      throw e;
    }
  }

  get store(): Store {
    return this.#store;
  }

  get terminal(): EventTerminal {
    return this.#terminal;
  }

  get program(): Program {
    return this.#program;
  }

  config(): FareConfig {
    const vehicle = this.#store.meta('fare.vehicle');
    const operatorId = this.#store.meta('fare.operator');
    const operatorName = this.#program.operators.find((o) => o.id === operatorId)?.name;
    const issued = this.#store.meta('fare.registry_issued_at');
    return {
      programId: this.#program.id,
      programName: this.#program.name,
      terminalId: this.#store.terminalId,
      groupId: this.#store.groupId,
      role: vehicle ? 'vehicle' : 'office',
      ...(vehicle ? { vehicle } : {}),
      ...(operatorId ? { operatorId } : {}),
      ...(operatorName ? { operatorName } : {}),
      ...(issued
        ? {
            registry: {
              issuedAt: Number(issued),
              cards: this.#store.db.prepare('SELECT count(*) FROM fare_reg_cards').pluck().get() as number,
            },
          }
        : {}),
    };
  }

  // ── registration (city hall) ──────────────────────────────────────────────────────────────

  /** Eligibility today for the card holder with these categories, explained; nothing is stored. */
  check(card: CardHolder, categories: readonly string[] = []): ReturnType<typeof decideEligibility> {
    this.#knownCategories(categories);
    return decideEligibility(
      this.#program,
      { birthDate: card.birthDate, address: card.address, categories },
      todayInJapan(new Date(this.#now())),
    );
  }

  #knownCategories(categories: readonly string[]): void {
    const known = new Set(this.#program.eligibility.categories.map((c) => c.id));
    const unknown = categories.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw new FareError('BAD_INPUT', `no such category in this programme: ${unknown.join(', ')}`, {
        known: [...known],
      });
  }

  /** Cards are registered and blocked at city hall: a vehicle's registry comes signed from there. */
  #atCityHall(what: string): void {
    if (this.#store.meta('fare.vehicle'))
      throw new FareError('BAD_INPUT', `cards are ${what} at city hall, not on a vehicle terminal`);
  }

  /** The keyed reference for a holder: the same person on every terminal of the group, no name. */
  holderIdFor(card: Pick<CardHolder, 'name' | 'birthDate'>): string {
    const key = this.#store.subkey('fare-holder/v1');
    return `h-${hmacHex(key, `${normalizeName(card.name)}\u0000${card.birthDate}`).slice(0, 24)}`;
  }

  /**
   * Registers the card (with the holder's consent, which the caller asked for): eligibility is
   * decided and explained, then the serial, birth date, categories and validity are stored.
   * A card whose certificate was renewed gets the same holder: its rides and caps carry over.
   */
  /**
   * Eligibility for this card today, with the validity a registration would get (the
   * programme's end, or the certificate's if sooner) — explained, nothing stored.
   */
  assess(card: CardHolder, cert: { notAfter?: string }, categoriesIn: readonly string[] = []): Assessment {
    const categories = [...new Set(categoriesIn)].sort();
    const eligibility = this.check(card, categories);
    if (!eligibility.eligible) return { eligibility, categories };
    const p = this.#program;
    const certEnd =
      cert.notAfter && !Number.isNaN(Date.parse(cert.notAfter))
        ? jstDay(Date.parse(cert.notAfter))
        : undefined;
    const validTo = certEnd && certEnd < p.valid.to ? certEnd : p.valid.to;
    if (validTo < jstDay(this.#now()))
      return { eligibility: { eligible: false, reason: 'CERTIFICATE_EXPIRED', from: validTo }, categories };
    const validFrom = eligibility.since > p.valid.from ? eligibility.since : p.valid.from;
    return { eligibility, categories, validFrom, validTo };
  }

  /**
   * Registers the card (with the holder's consent, which the caller asked for): eligibility is
   * decided and explained, then the serial, birth date, categories and validity are stored.
   * A card whose certificate was renewed gets the same holder: its rides and caps carry over.
   */
  register(
    card: CardHolder,
    cert: { serial: string; notAfter?: string },
    opts: RegisterOptions = {},
  ): Registration {
    this.#atCityHall('registered');
    const a = this.assess(card, cert, opts.categories);
    const eligibility = a.eligibility;
    if (!eligibility.eligible || !a.validFrom || !a.validTo)
      throw new FareError(
        'NOT_ELIGIBLE',
        `not eligible: ${eligibility.eligible ? '?' : eligibility.reason}`,
        {
          reason: eligibility.eligible ? 'NOT_IN_PERIOD' : eligibility.reason,
          ...(!eligibility.eligible && eligibility.from ? { from: eligibility.from } : {}),
        },
      );
    const { validFrom, validTo, categories } = a;
    const serial = normalizeSerial(cert.serial);
    const db = this.#store.db;
    return this.#store.transaction((): Registration => {
      if (preparedOn(db, 'SELECT 1 FROM fare_blocks WHERE serial = ?').get(serial))
        throw new FareError('CARD_BLOCKED', `card ${serial} was blocked; a new card is needed`);
      let holderId = this.holderIdFor(card);
      if (opts.replaces) {
        const earlier = preparedOn(db, 'SELECT holder_id FROM fare_cards WHERE serial = ?')
          .pluck()
          .get(normalizeSerial(opts.replaces)) as string | undefined;
        if (!earlier) throw new FareError('NOT_FOUND', `no registered card ${opts.replaces}`);
        holderId = earlier;
      }
      const now = this.#now();
      this.#store.events.append(EVENT_REGISTERED, {
        holderId,
        serial,
        birthDate: card.birthDate,
        categories,
        rule: eligibility.rule,
        validFrom,
        validTo,
        ...(opts.operator ? { operator: opts.operator } : {}),
        at: now,
      });
      const earlierCards = this.cardsOf(holderId)
        .map((c) => c.serial)
        .filter((s) => s !== serial);
      return {
        holderId,
        serial,
        eligibility,
        validFrom,
        validTo,
        categories,
        earlierCards,
        ridesThisYear: this.#ridesThisYear(this.#ridesOf(holderId), now),
      };
    });
  }

  /** A holder's cards (by holder id, or by the name and birth date on the card), oldest first. */
  cardsOf(holder: string | Pick<CardHolder, 'name' | 'birthDate'>): HolderCard[] {
    const holderId = typeof holder === 'string' ? holder : this.holderIdFor(holder);
    const rows = preparedOn(
      this.#store.db,
      `SELECT c.serial, c.registered_at AS registeredAt, b.at AS blockedAt
         FROM fare_cards c LEFT JOIN fare_blocks b ON b.serial = c.serial
        WHERE c.holder_id = ? ORDER BY c.registered_at, c.serial`,
    ).all(holderId) as Array<{ serial: string; registeredAt: number; blockedAt: number | null }>;
    return rows.map(({ blockedAt, ...c }) => ({ ...c, ...(blockedAt !== null ? { blockedAt } : {}) }));
  }

  /** Blocks a card (lost, stolen…): from now on every vehicle that has the new registry says red. */
  block(serialInput: string, reason: BlockReason = 'lost', operator?: string): BlockResult {
    this.#atCityHall('blocked');
    if (!BLOCK_REASONS.includes(reason))
      throw new FareError('BAD_INPUT', `reason must be one of ${BLOCK_REASONS.join(', ')}`);
    const serial = normalizeSerial(serialInput);
    const db = this.#store.db;
    return this.#store.transaction((): BlockResult => {
      if (!preparedOn(db, 'SELECT 1 FROM fare_cards WHERE serial = ?').get(serial))
        throw new FareError('NOT_FOUND', `no registered card ${serial}`);
      const existing = preparedOn(db, 'SELECT reason, at FROM fare_blocks WHERE serial = ?').get(serial) as
        { reason: BlockReason; at: number } | undefined;
      if (existing) return { serial, ...existing, alreadyBlocked: true };
      const at = this.#now();
      this.#store.events.append(EVENT_BLOCKED, { serial, reason, ...(operator ? { operator } : {}), at });
      return { serial, reason, at, alreadyBlocked: false };
    });
  }

  // ── the signed registry ───────────────────────────────────────────────────────────────────

  /** The registry as the city knows it now (registrations, blocks, this year's rides). */
  registryBody(): RegistryBody {
    const db = this.#store.db;
    const now = this.#now();
    const yearFrom = jstDayStart(programYear(this.#program, jstDay(now)).from);
    const holders = db
      .prepare(
        `SELECT holder_id AS holderId, categories, rule, valid_from AS validFrom, valid_to AS validTo
           FROM fare_holders ORDER BY holder_id`,
      )
      .all() as HolderRow[];
    const cards = db
      .prepare(
        `SELECT c.holder_id AS holderId, c.serial, b.at AS blockedAt
           FROM fare_cards c LEFT JOIN fare_blocks b ON b.serial = c.serial ORDER BY c.serial`,
      )
      .all() as Array<{ holderId: string; serial: string; blockedAt: number | null }>;
    const rides = db
      .prepare('SELECT holder_id AS holderId, at FROM fare_rides WHERE at >= ? ORDER BY at')
      .all(yearFrom) as Array<{ holderId: string; at: number }>;
    const group = <T extends { holderId: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.holderId, [...(m.get(r.holderId) ?? []), r]);
      return m;
    };
    const cardsOf = group(cards);
    const ridesOf = group(rides);
    return {
      programId: this.#program.id,
      programDigest: this.programDigest(),
      issuedAt: now,
      issuer: this.#store.terminalId,
      vector: this.#store.events.vector(),
      holders: holders.map((h) => ({
        holderId: h.holderId,
        categories: JSON.parse(h.categories) as string[],
        rule: JSON.parse(h.rule) as RegistryEntry['rule'],
        validFrom: h.validFrom,
        validTo: h.validTo,
        cards: (cardsOf.get(h.holderId) ?? []).map((c) => ({
          serial: c.serial,
          ...(c.blockedAt !== null ? { blockedAt: c.blockedAt } : {}),
        })),
        rides: (ridesOf.get(h.holderId) ?? []).map((r) => r.at),
      })),
    };
  }

  programDigest(): string {
    return hash(JSON.stringify(this.#program));
  }

  /** Writes the signed registry for the vehicles (0600: it is personal data, if pseudonymous). */
  exportRegistry(
    path: string,
    privatePem: string,
  ): { path: string; holders: number; cards: number; issuedAt: number } {
    const body = this.registryBody();
    try {
      writeFileSync(path, signRegistry(body, privatePem), { mode: 0o600 });
    } catch (e) {
      if (e instanceof RegistryFileError)
        throw new FareError('REGISTRY_REFUSED', e.message, { problem: e.problem });
      throw e;
    }
    return {
      path,
      holders: body.holders.length,
      cards: body.holders.reduce((n, h) => n + h.cards.length, 0),
      issuedAt: body.issuedAt,
    };
  }

  /**
   * Replaces this terminal's registry with a signed file: refused (nothing changes) if the
   * signature does not verify, the key is another, the programme differs, or it is not newer.
   * With `otherProgram`, the file is another programme's registry: only its card serials are kept,
   * so that a passenger of that programme hears "another programme" rather than "not registered".
   */
  importRegistry(
    path: string,
    publicPem: string,
    opts: { otherProgram?: boolean } = {},
  ): { programId: string; issuedAt: number; holders: number; cards: number; replaced?: number } {
    let body: RegistryBody;
    try {
      body = verifyRegistry(readFileSync(path, 'utf8'), publicPem);
    } catch (e) {
      if (e instanceof RegistryFileError)
        throw new FareError('REGISTRY_REFUSED', e.message, { problem: e.problem });
      throw e;
    }
    const own = body.programId === this.#program.id;
    if (opts.otherProgram ? own : !own)
      throw new FareError(
        'REGISTRY_REFUSED',
        opts.otherProgram
          ? `the registry is this terminal's own programme ${body.programId}: import it without --other-program`
          : `the registry is for programme ${body.programId}, not ${this.#program.id}`,
        { problem: 'OTHER_PROGRAM' },
      );
    if (own && body.programDigest !== this.programDigest())
      throw new FareError(
        'REGISTRY_REFUSED',
        'the registry was made under another version of the programme',
        {
          problem: 'PROGRAM_CHANGED',
        },
      );
    const s = this.#store;
    const issuedKey = own ? 'fare.registry_issued_at' : `fare.other_registry_issued_at.${body.programId}`;
    return s.transaction(() => {
      const had = s.meta(issuedKey);
      if (had && Number(had) >= body.issuedAt)
        throw new FareError(
          'REGISTRY_REFUSED',
          `this registry (issued ${new Date(body.issuedAt).toISOString()}) is not newer than the one held (${new Date(Number(had)).toISOString()})`,
          { problem: 'OLDER', held: Number(had), offered: body.issuedAt },
        );
      const cards = own ? this.#replaceRegistry(body) : this.#replaceOtherProgram(body);
      s.setMeta(issuedKey, String(body.issuedAt));
      return {
        programId: body.programId,
        issuedAt: body.issuedAt,
        holders: body.holders.length,
        cards,
        ...(had ? { replaced: Number(had) } : {}),
      };
    });
  }

  #replaceRegistry(body: RegistryBody): number {
    const db = this.#store.db;
    db.exec('DELETE FROM fare_reg_cards; DELETE FROM fare_reg_holders; DELETE FROM fare_reg_rides;');
    const card = db.prepare(
      'INSERT OR REPLACE INTO fare_reg_cards (serial, holder_id, blocked_at) VALUES (?, ?, ?)',
    );
    const holder = db.prepare(
      'INSERT OR REPLACE INTO fare_reg_holders (holder_id, categories, rule, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)',
    );
    const ride = db.prepare('INSERT INTO fare_reg_rides (holder_id, at) VALUES (?, ?)');
    let cards = 0;
    for (const h of body.holders) {
      holder.run(h.holderId, JSON.stringify(h.categories), JSON.stringify(h.rule), h.validFrom, h.validTo);
      for (const c of h.cards) {
        card.run(c.serial, h.holderId, c.blockedAt ?? null);
        cards++;
      }
      for (const at of h.rides) ride.run(h.holderId, at);
    }
    this.#store.setMeta('fare.registry_vector', JSON.stringify(body.vector));
    return cards;
  }

  #replaceOtherProgram(body: RegistryBody): number {
    const db = this.#store.db;
    db.prepare('DELETE FROM fare_reg_other WHERE program_id = ?').run(body.programId);
    const add = db.prepare('INSERT OR IGNORE INTO fare_reg_other (program_id, serial) VALUES (?, ?)');
    let cards = 0;
    for (const h of body.holders)
      for (const c of h.cards)
        if (c.blockedAt === undefined) {
          add.run(body.programId, c.serial);
          cards++;
        }
    return cards;
  }

  // ── the vehicle ───────────────────────────────────────────────────────────────────────────

  /** Where this terminal looks a card up: its imported registry, or (city hall) its own tables. */
  #usesImportedRegistry(): boolean {
    return this.#store.meta('fare.registry_issued_at') !== undefined;
  }

  #entry(serial: string): RegistryEntry | undefined {
    const imported = this.#usesImportedRegistry();
    const row = preparedOn(
      this.#store.db,
      imported
        ? `SELECT c.serial, c.blocked_at AS blockedAt, h.holder_id AS holderId, h.categories, h.rule,
                  h.valid_from AS validFrom, h.valid_to AS validTo
             FROM fare_reg_cards c JOIN fare_reg_holders h ON h.holder_id = c.holder_id WHERE c.serial = ?`
        : `SELECT c.serial, b.at AS blockedAt, h.holder_id AS holderId, h.categories, h.rule,
                  h.valid_from AS validFrom, h.valid_to AS validTo
             FROM fare_cards c JOIN fare_holders h ON h.holder_id = c.holder_id
             LEFT JOIN fare_blocks b ON b.serial = c.serial WHERE c.serial = ?`,
    ).get(serial) as (HolderRow & { serial: string; blockedAt: number | null }) | undefined;
    if (!row) return undefined;
    return {
      holderId: row.holderId,
      serial: row.serial,
      categories: JSON.parse(row.categories) as string[],
      rule: JSON.parse(row.rule) as RegistryEntry['rule'],
      validFrom: row.validFrom,
      validTo: row.validTo,
      ...(row.blockedAt !== null ? { blockedAt: row.blockedAt } : {}),
    };
  }

  /** The holder's rides this terminal knows of: the registry's, plus its own since the registry. */
  #ridesOf(holderId: string): KnownRide[] {
    const db = this.#store.db;
    const own = this.#store.terminalId;
    if (!this.#usesImportedRegistry())
      return preparedOn(db, 'SELECT at, vehicle FROM fare_rides WHERE holder_id = ?').all(
        holderId,
      ) as KnownRide[];
    const vector = JSON.parse(this.#store.meta('fare.registry_vector') ?? '{}') as Record<string, number>;
    const fromRegistry = preparedOn(db, 'SELECT at FROM fare_reg_rides WHERE holder_id = ?').all(
      holderId,
    ) as KnownRide[];
    const mine = preparedOn(
      db,
      'SELECT at, vehicle FROM fare_rides WHERE holder_id = ? AND terminal_id = ? AND seq > ?',
    ).all(holderId, own, vector[own] ?? 0) as KnownRide[];
    // The registry's copies of this vehicle's rides carry no vehicle: add it back for the repeat check.
    const myOld = preparedOn(
      db,
      'SELECT at, vehicle FROM fare_rides WHERE holder_id = ? AND terminal_id = ? AND seq <= ?',
    ).all(holderId, own, vector[own] ?? 0) as KnownRide[];
    const oldAt = new Set(myOld.map((r) => r.at));
    return [...fromRegistry.filter((r) => !oldAt.has(r.at)), ...myOld, ...mine];
  }

  #ridesThisYear(rides: readonly KnownRide[], now: number): number {
    const from = jstDayStart(programYear(this.#program, jstDay(now)).from);
    return rides.filter((r) => r.at >= from && r.at <= now).length;
  }

  #vehicle(given?: string): { vehicle: string; operatorId: string } {
    const vehicle = given ?? this.#store.meta('fare.vehicle');
    if (!vehicle)
      throw new FareError('NO_VEHICLE', 'no vehicle: this is not a vehicle terminal (give --vehicle)');
    assertId(vehicle, 'vehicle');
    const operatorId =
      (given === undefined ? this.#store.meta('fare.operator') : undefined) ??
      this.#program.operators.find((o) => o.vehicles.includes(vehicle))?.id;
    if (!operatorId)
      throw new FareError('NO_VEHICLE', `vehicle ${vehicle} belongs to no operator of the programme`);
    return { vehicle, operatorId };
  }

  /** The decision for a tap, without recording anything (the screen shows it, then asks the fare). */
  decide(serialInput: string, at: number = this.#now(), vehicleGiven?: string) {
    const serial = normalizeSerial(serialInput);
    const { vehicle } = this.#vehicle(vehicleGiven);
    const entry = this.#entry(serial);
    if (!entry) {
      const other = preparedOn(
        this.#store.db,
        'SELECT program_id FROM fare_reg_other WHERE serial = ? LIMIT 1',
      )
        .pluck()
        .get(serial) as string | undefined;
      if (other) return { ok: false as const, reason: 'OTHER_PROGRAM' as const, detail: other };
    }
    return decideRide(this.#program, entry, entry ? this.#ridesOf(entry.holderId) : [], at, vehicle);
  }

  /**
   * Records a ride: the decision is taken again inside the write transaction (another tap may
   * have landed meanwhile); returns after the commit is on disk, so a confirmed ride survives a
   * power cut. A refusal is a result with its reason, and records nothing.
   */
  ride(input: RideInput): RideResult {
    if (!Number.isInteger(input.fareYen) || input.fareYen < 0 || input.fareYen > 10_000_000)
      throw new FareError(
        'BAD_INPUT',
        `the fare must be whole yen between 0 and 10,000,000: ${input.fareYen}`,
      );
    const serial = normalizeSerial(input.serial);
    const { vehicle, operatorId } = this.#vehicle(input.vehicle);
    const place = input.place?.trim().slice(0, 100);
    return this.#store.transaction((): RideResult => {
      const at = input.at ?? this.#now();
      const decision = this.decide(serial, at, input.vehicle);
      if (!decision.ok)
        return {
          recorded: false,
          reason: decision.reason,
          ...(decision.detail ? { detail: decision.detail } : {}),
        };
      if (decision.repeatOf && !input.confirmRepeat)
        return { recorded: false, reason: 'REPEAT_NEEDS_CONFIRMATION', repeatOf: decision.repeatOf };
      const { subsidyYen, payYen } = splitFare(decision.value, input.fareYen);
      const e = this.#store.events.append(EVENT_RIDE, {
        holderId: decision.holderId,
        serial,
        vehicle,
        operatorId,
        fareYen: input.fareYen,
        subsidyYen,
        ...(decision.repeatOf ? { repeatConfirmed: true } : {}),
        ...(place ? { place } : {}),
        at,
      });
      return {
        recorded: true,
        decision,
        ride: {
          rideId: `${e.terminalId}:${e.seq}`,
          at,
          vehicle,
          operatorId,
          fareYen: input.fareYen,
          subsidyYen,
          payYen,
        },
      };
    });
  }

  // ── the office ────────────────────────────────────────────────────────────────────────────

  exportRides(path: string): ExportResult {
    return this.#terminal.exportEvents(path);
  }

  /** Merges vehicles' ride files (all or none; the same file twice changes nothing). */
  mergeFiles(paths: readonly string[]): MergeResult[] {
    return this.#terminal.mergeFiles(paths);
  }

  /** The month's statements per operator, the city's summary and the flagged rides. */
  settle(month: string): Settlement {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new FareError('BAD_INPUT', `the month is YYYY-MM: ${month}`);
    return settle(this.#store.db, this.#program, month);
  }

  stats(): FareStats {
    return fareStats(this.#store.db, todayInJapan(new Date(this.#now())));
  }

  /** This terminal's rides today (JST): the driver's running count. */
  today(): { rides: number; subsidyYen: number } {
    const row = preparedOn(
      this.#store.db,
      'SELECT count(*) AS rides, coalesce(sum(subsidy), 0) AS subsidyYen FROM fare_rides WHERE terminal_id = ? AND day = ?',
    ).get(this.#store.terminalId, jstDay(this.#now())) as { rides: number; subsidyYen: number };
    return row;
  }

  badEvents(): Array<{ terminalId: string; seq: number; type: string; problem: string }> {
    return this.#store.db
      .prepare('SELECT terminal_id AS terminalId, seq, type, problem FROM fare_bad_events ORDER BY 1, 2')
      .all() as Array<{ terminalId: string; seq: number; type: string; problem: string }>;
  }

  close(): Promise<void> {
    return this.#terminal.close();
  }
}

export { ProgramError };
