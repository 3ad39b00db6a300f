/**
 * The fare module of the store: its tables and its projector.
 *
 * Projections (from events, at city hall and at the settlement office): holders, their cards,
 * blocks and rides. Reference data (not events), on a vehicle: the signed registry it imported
 * last (`fare_reg_*`), which says who may ride and which rides the city already knew of.
 *
 * Every projection is a function of the *set* of events: a holder's details and a card's holder
 * are the latest by HLC; a block keeps its earliest time; a ride is keyed by (terminal, seq), so
 * the same ride file merged twice changes nothing.
 */
import type { Projector } from '../../store/event-log.ts';
import { latestWins, parsePayload } from '../../store/projection.ts';
import { preparedOn } from '../../store/sqlite.ts';
import type { StoreModule } from '../../store/store.ts';
import { jstDay, jstHour } from './clock.ts';
import {
  BlockedPayload,
  EVENT_BLOCKED,
  EVENT_REGISTERED,
  EVENT_RIDE,
  FARE_EVENTS,
  RegisteredPayload,
  RidePayload,
} from './events.ts';

const MIGRATION_1 = `
  CREATE TABLE fare_holders (
    holder_id TEXT NOT NULL PRIMARY KEY,
    birth_date TEXT NOT NULL,
    categories TEXT NOT NULL,      -- JSON array of category ids
    rule TEXT NOT NULL,            -- JSON: the rule that makes them eligible
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE fare_cards (
    serial TEXT NOT NULL PRIMARY KEY,
    holder_id TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    hlc TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX fare_cards_holder ON fare_cards (holder_id);

  CREATE TABLE fare_blocks (
    serial TEXT NOT NULL PRIMARY KEY,
    reason TEXT NOT NULL,
    at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE fare_rides (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    holder_id TEXT NOT NULL,
    serial TEXT NOT NULL,
    vehicle TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    fare INTEGER NOT NULL,
    subsidy INTEGER NOT NULL,
    at INTEGER NOT NULL,
    day TEXT NOT NULL,             -- the JST date (YYYY-MM-DD)
    hour INTEGER NOT NULL,         -- the JST hour
    repeat INTEGER NOT NULL,       -- 1: the driver confirmed a second tap within a minute
    place TEXT,
    -- Clustered by day: a month's settlement reads one contiguous range. (terminal_id, seq) is
    -- the ride's identity; its day never changes, so a ride projected twice is still one row.
    PRIMARY KEY (day, terminal_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX fare_rides_holder ON fare_rides (holder_id, at);

  -- A vehicle's copy of the city's signed registry (replaced whole on each import).
  CREATE TABLE fare_reg_cards (
    serial TEXT NOT NULL PRIMARY KEY,
    holder_id TEXT NOT NULL,
    blocked_at INTEGER
  ) WITHOUT ROWID;
  CREATE TABLE fare_reg_holders (
    holder_id TEXT NOT NULL PRIMARY KEY,
    categories TEXT NOT NULL,
    rule TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE fare_reg_rides (
    holder_id TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX fare_reg_rides_holder ON fare_reg_rides (holder_id, at);
  -- Cards registered in other programmes this vehicle knows of (to say "another programme").
  CREATE TABLE fare_reg_other (
    program_id TEXT NOT NULL,
    serial TEXT NOT NULL,
    PRIMARY KEY (program_id, serial)
  ) WITHOUT ROWID;
  CREATE INDEX fare_reg_other_serial ON fare_reg_other (serial);

  -- Remote events whose payload did not validate: kept in the log, reported, not projected.
  CREATE TABLE fare_bad_events (
    terminal_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    problem TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq)
  ) WITHOUT ROWID;
`;

const BAD = 'fare_bad_events';

export const fareProjector: Projector = {
  name: 'fare',
  handles: (type) => (FARE_EVENTS as readonly string[]).includes(type),
  apply(db, e) {
    switch (e.type) {
      case EVENT_REGISTERED: {
        const p = parsePayload(db, BAD, e, RegisteredPayload);
        if (!p) return;
        latestWins(
          db,
          'fare_holders',
          'holder_id',
          ['birth_date', 'categories', 'rule', 'valid_from', 'valid_to', 'registered_at'],
          [
            p.holderId,
            p.birthDate,
            JSON.stringify([...new Set(p.categories)].sort()),
            JSON.stringify(p.rule),
            p.validFrom,
            p.validTo,
            p.at,
            e.hlc,
          ],
        );
        latestWins(
          db,
          'fare_cards',
          'serial',
          ['holder_id', 'registered_at'],
          [p.serial, p.holderId, p.at, e.hlc],
        );
        return;
      }
      case EVENT_BLOCKED: {
        const p = parsePayload(db, BAD, e, BlockedPayload);
        if (!p) return;
        preparedOn(
          db,
          `INSERT INTO fare_blocks (serial, reason, at) VALUES (?, ?, ?)
           ON CONFLICT(serial) DO UPDATE SET reason = iif(excluded.at < at, excluded.reason, reason),
             at = min(at, excluded.at)`,
        ).run(p.serial, p.reason, p.at);
        return;
      }
      case EVENT_RIDE: {
        const p = parsePayload(db, BAD, e, RidePayload);
        if (!p) return;
        preparedOn(
          db,
          `INSERT OR IGNORE INTO fare_rides (terminal_id, seq, holder_id, serial, vehicle, operator_id, fare, subsidy, at, day, hour, repeat, place)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          e.terminalId,
          e.seq,
          p.holderId,
          p.serial,
          p.vehicle,
          p.operatorId,
          p.fareYen,
          p.subsidyYen,
          p.at,
          jstDay(p.at),
          jstHour(p.at),
          p.repeatConfirmed ? 1 : 0,
          p.place ?? null,
        );
        return;
      }
    }
  },
  reset(db) {
    db.exec(`DELETE FROM fare_holders; DELETE FROM fare_cards; DELETE FROM fare_blocks;
             DELETE FROM fare_rides; DELETE FROM fare_bad_events;`);
  },
};

export const FARE_MODULE: StoreModule = {
  name: 'fare',
  migrations: [{ version: 1, up: MIGRATION_1 }],
  projector: fareProjector,
};
