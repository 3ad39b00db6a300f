/**
 * The shelter module of the store: its tables and its projector.
 *
 * Reference data (not events): the municipality's resident list with households, imported on
 * each laptop that has it (`shelter_residents`). Projections (from events): shelters, people,
 * household links, movements, presence, needs, consent and linked cards.
 *
 * The projection is a function of the *set* of events (every arrival order gives the same
 * tables), so files from many shelters merge into one picture:
 * - presence at a shelter is the person's latest movement there by HLC (arrived/back → here,
 *   out → out, left → left); a person present at two shelters is reported, never hidden;
 * - needs, consent, household links, cards and shelter details: the latest event by HLC wins;
 * - a person's details: a hand registration beats a list snapshot, then the latest HLC wins.
 */
import type { LoggedEvent, Projector } from '../../store/event-log.ts';
import { normalizeKana, normalizeName } from '../../roster/normalize.ts';
import { latestWins, parsePayload } from '../../store/projection.ts';
import { preparedOn, type Db } from '../../store/sqlite.ts';
import type { StoreModule } from '../../store/store.ts';
import {
  CardPayload,
  ConsentPayload,
  EVENT_CARD,
  EVENT_CONSENT,
  EVENT_HOUSEHOLD,
  EVENT_MOVED,
  EVENT_NEEDS,
  EVENT_OPENED,
  EVENT_REGISTERED,
  HouseholdPayload,
  MovedPayload,
  NeedsPayload,
  OpenedPayload,
  RegisteredPayload,
  SHELTER_EVENTS,
  type Move,
} from './events.ts';

export const RESIDENT_INDEXES = [
  'CREATE INDEX IF NOT EXISTS shelter_residents_name ON shelter_residents (name_key, birth_date)',
  'CREATE INDEX IF NOT EXISTS shelter_residents_kana ON shelter_residents (kana_key)',
  'CREATE INDEX IF NOT EXISTS shelter_residents_household ON shelter_residents (household_id)',
] as const;
export const RESIDENT_INDEX_NAMES = [
  'shelter_residents_name',
  'shelter_residents_kana',
  'shelter_residents_household',
] as const;

const MIGRATION_1 = `
  CREATE TABLE shelter_residents (
    person_id TEXT NOT NULL PRIMARY KEY,
    household_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kana TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT,
    address TEXT NOT NULL,
    relation TEXT NOT NULL,
    name_key TEXT NOT NULL,
    kana_key TEXT NOT NULL,
    address_key TEXT NOT NULL,
    line INTEGER NOT NULL
  ) WITHOUT ROWID;
  ${RESIDENT_INDEXES.join(';\n')};

  CREATE TABLE shelter_shelters (
    shelter_id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE shelter_people (
    person_id TEXT NOT NULL PRIMARY KEY,
    household_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kana TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT,
    address TEXT NOT NULL,
    relation TEXT NOT NULL,
    source TEXT NOT NULL,          -- 'list' | 'hand'
    name_key TEXT NOT NULL,
    kana_key TEXT NOT NULL,
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX shelter_people_name ON shelter_people (name_key, birth_date);
  CREATE INDEX shelter_people_kana ON shelter_people (kana_key);
  CREATE INDEX shelter_people_household ON shelter_people (household_id);

  CREATE TABLE shelter_household_links (
    person_id TEXT NOT NULL PRIMARY KEY,
    household_id TEXT NOT NULL,
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX shelter_household_links_household ON shelter_household_links (household_id);

  CREATE TABLE shelter_moves (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    person_id TEXT NOT NULL,
    shelter_id TEXT NOT NULL,
    move TEXT NOT NULL,
    to_place TEXT,
    operator TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (terminal_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX shelter_moves_person ON shelter_moves (person_id, shelter_id, hlc);

  -- Where each person is at each shelter they came to: their latest movement there.
  CREATE TABLE shelter_presence (
    person_id TEXT NOT NULL,
    shelter_id TEXT NOT NULL,
    state TEXT NOT NULL,           -- 'here' | 'out' | 'left'
    since_at INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    to_place TEXT,
    terminal_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (person_id, shelter_id)
  ) WITHOUT ROWID;
  CREATE INDEX shelter_presence_shelter ON shelter_presence (shelter_id, state);

  CREATE TABLE shelter_needs (
    person_id TEXT NOT NULL PRIMARY KEY,
    needs TEXT NOT NULL,           -- JSON array of need codes
    note TEXT,
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE shelter_consent (
    person_id TEXT NOT NULL PRIMARY KEY,
    safety TEXT NOT NULL,          -- 'yes' | 'no'
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE shelter_cards (
    serial TEXT NOT NULL PRIMARY KEY,
    person_id TEXT NOT NULL,
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;

  -- Remote events whose payload did not validate: kept in the log, reported, not projected.
  CREATE TABLE shelter_bad_events (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    problem TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
  ) WITHOUT ROWID;
`;

const STATE_OF: Record<Move, 'here' | 'out' | 'left'> = {
  arrived: 'here',
  back: 'here',
  out: 'out',
  left: 'left',
};

/**
 * The person's presence at one shelter = their latest movement there (by HLC); `first_at` keeps
 * the earliest arrival. One upsert, whatever the order movements arrive in.
 */
function foldPresence(db: Db, e: LoggedEvent, p: MovedPayload): void {
  preparedOn(
    db,
    `INSERT INTO shelter_presence (person_id, shelter_id, state, since_at, first_at, to_place, terminal_id, hlc)
     VALUES (@personId, @shelterId, @state, @at, @at, @to, @terminalId, @hlc)
     ON CONFLICT(person_id, shelter_id) DO UPDATE SET
       first_at = min(first_at, excluded.first_at),
       state = iif(excluded.hlc > hlc, excluded.state, state),
       since_at = iif(excluded.hlc > hlc, excluded.since_at, since_at),
       to_place = iif(excluded.hlc > hlc, excluded.to_place, to_place),
       terminal_id = iif(excluded.hlc > hlc, excluded.terminal_id, terminal_id),
       hlc = max(hlc, excluded.hlc)`,
  ).run({
    personId: p.personId,
    shelterId: p.shelterId,
    state: STATE_OF[p.move],
    at: p.at,
    to: p.move === 'left' ? (p.to ?? null) : null,
    terminalId: e.terminalId,
    hlc: e.hlc,
  });
}

export const shelterProjector: Projector = {
  name: 'shelter',
  handles: (type) => (SHELTER_EVENTS as readonly string[]).includes(type),
  apply(db, e) {
    switch (e.type) {
      case EVENT_OPENED: {
        const p = parsePayload(db, 'shelter_bad_events', e, OpenedPayload);
        if (p)
          latestWins(
            db,
            'shelter_shelters',
            'shelter_id',
            ['name', 'kind', 'capacity'],
            [p.shelterId, p.name, p.kind, p.capacity, e.hlc],
          );
        return;
      }
      case EVENT_REGISTERED: {
        const p = parsePayload(db, 'shelter_bad_events', e, RegisteredPayload);
        if (!p) return;
        // A hand registration beats a list snapshot; then the latest wins.
        preparedOn(
          db,
          `INSERT INTO shelter_people (person_id, household_id, name, kana, birth_date, sex, address, relation, source, name_key, kana_key, hlc)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(person_id) DO UPDATE SET household_id = excluded.household_id, name = excluded.name,
             kana = excluded.kana, birth_date = excluded.birth_date, sex = excluded.sex, address = excluded.address,
             relation = excluded.relation, source = excluded.source, name_key = excluded.name_key,
             kana_key = excluded.kana_key, hlc = excluded.hlc
           WHERE (excluded.source = shelter_people.source AND excluded.hlc > shelter_people.hlc)
              OR (excluded.source = 'hand' AND shelter_people.source = 'list')`,
        ).run(
          p.personId,
          p.householdId,
          p.name,
          p.kana,
          p.birthDate,
          p.sex ?? null,
          p.address ?? '',
          p.relation ?? '',
          p.source,
          normalizeName(p.name),
          normalizeKana(p.kana),
          e.hlc,
        );
        return;
      }
      case EVENT_HOUSEHOLD: {
        const p = parsePayload(db, 'shelter_bad_events', e, HouseholdPayload);
        if (p)
          latestWins(
            db,
            'shelter_household_links',
            'person_id',
            ['household_id'],
            [p.personId, p.householdId, e.hlc],
          );
        return;
      }
      case EVENT_MOVED: {
        const p = parsePayload(db, 'shelter_bad_events', e, MovedPayload);
        if (!p) return;
        preparedOn(
          db,
          `INSERT INTO shelter_moves (terminal_id, seq, hlc, person_id, shelter_id, move, to_place, operator, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          e.terminalId,
          e.seq,
          e.hlc,
          p.personId,
          p.shelterId,
          p.move,
          p.to ?? null,
          p.operator ?? null,
          p.at,
        );
        foldPresence(db, e, p);
        return;
      }
      case EVENT_NEEDS: {
        const p = parsePayload(db, 'shelter_bad_events', e, NeedsPayload);
        if (p)
          latestWins(
            db,
            'shelter_needs',
            'person_id',
            ['needs', 'note'],
            [p.personId, JSON.stringify([...new Set(p.needs)].sort()), p.note ?? null, e.hlc],
          );
        return;
      }
      case EVENT_CONSENT: {
        const p = parsePayload(db, 'shelter_bad_events', e, ConsentPayload);
        if (p) latestWins(db, 'shelter_consent', 'person_id', ['safety'], [p.personId, p.safety, e.hlc]);
        return;
      }
      case EVENT_CARD: {
        const p = parsePayload(db, 'shelter_bad_events', e, CardPayload);
        if (p)
          latestWins(
            db,
            'shelter_cards',
            'serial',
            ['person_id'],
            [p.serial.toUpperCase(), p.personId, e.hlc],
          );
        return;
      }
    }
  },
  reset(db) {
    db.exec(`DELETE FROM shelter_shelters; DELETE FROM shelter_people; DELETE FROM shelter_household_links;
             DELETE FROM shelter_moves; DELETE FROM shelter_presence; DELETE FROM shelter_needs;
             DELETE FROM shelter_consent; DELETE FROM shelter_cards; DELETE FROM shelter_bad_events;`);
  },
};

export const SHELTER_MODULE: StoreModule = {
  name: 'shelter',
  migrations: [{ version: 1, up: MIGRATION_1 }],
  projector: shelterProjector,
};
