/**
 * Indexed look-ups on the roll and on the vote projection. Every query here is served by an
 * index (see schema.ts): roll number (primary key), normalised name + birth date, normalised
 * kana prefix (range scan), birth date; votes by roll number.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ElectionReasonCode } from '../../contract/election.ts';
import type { Db } from '../../store/sqlite.ts';

export interface VoterRow {
  rollNumber: string;
  district: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'M' | 'F';
  address: string;
  addressKey: string;
}

export interface VoteRow {
  terminalId: string;
  seq: number;
  hlc: string;
  rollNumber: string;
  stationId: string;
  kind: 'kijitsumae' | 'tojitsu';
  /** Written only from validated vote events. */
  reason: ElectionReasonCode | null;
  operator: string | null;
  at: number;
  undoneHlc: string | null;
}

const VOTER_COLS = `roll_number AS rollNumber, district, name, kana, birth_date AS birthDate, sex, address,
  address_key AS addressKey`;
const VOTE_COLS = `terminal_id AS terminalId, seq, hlc, roll_number AS rollNumber, station_id AS stationId, kind,
  reason, operator, at, undone_hlc AS undoneHlc`;

/** The largest code point: `prefix || MAX` bounds a prefix range scan. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

type Stmt = Database.Statement<unknown[], unknown>;

export class RollQueries {
  readonly #s: Record<string, Stmt>;

  constructor(db: Db) {
    this.#s = {
      byRoll: db.prepare(`SELECT ${VOTER_COLS} FROM election_voters WHERE roll_number = ?`),
      byNameBirth: db.prepare(
        `SELECT ${VOTER_COLS} FROM election_voters WHERE name_key = ? AND birth_date = ? ORDER BY roll_number LIMIT ?`,
      ),
      byName: db.prepare(
        `SELECT ${VOTER_COLS} FROM election_voters WHERE name_key = ? ORDER BY birth_date, roll_number LIMIT ?`,
      ),
      byKana: db.prepare(
        `SELECT ${VOTER_COLS} FROM election_voters INDEXED BY election_voters_kana
         WHERE kana_key >= ? AND kana_key < ? ORDER BY kana_key LIMIT ?`,
      ),
      byKanaBirth: db.prepare(
        `SELECT ${VOTER_COLS} FROM election_voters INDEXED BY election_voters_birth
         WHERE kana_key >= ? AND kana_key < ? AND birth_date = ? ORDER BY kana_key LIMIT ?`,
      ),
      byBirth: db.prepare(
        `SELECT ${VOTER_COLS} FROM election_voters WHERE birth_date = ? ORDER BY kana_key LIMIT ?`,
      ),
      votesOf: db.prepare(`SELECT ${VOTE_COLS} FROM election_votes WHERE roll_number = ? ORDER BY hlc`),
      rollCounts: db.prepare(`SELECT sex, count(*) AS n FROM election_voters GROUP BY sex`),
    };
  }

  byRollNumber(rollNumber: string): VoterRow | undefined {
    return this.#s.byRoll!.get(rollNumber) as VoterRow | undefined;
  }

  byNameAndBirth(nameKey: string, birthDate: string, limit: number): VoterRow[] {
    return this.#s.byNameBirth!.all(nameKey, birthDate, limit) as VoterRow[];
  }

  byName(nameKey: string, limit: number): VoterRow[] {
    return this.#s.byName!.all(nameKey, limit) as VoterRow[];
  }

  byKanaPrefix(kanaKey: string, birthDate: string | undefined, limit: number): VoterRow[] {
    const hi = kanaKey + MAX_CHAR;
    return (
      birthDate
        ? this.#s.byKanaBirth!.all(kanaKey, hi, birthDate, limit)
        : this.#s.byKana!.all(kanaKey, hi, limit)
    ) as VoterRow[];
  }

  byBirthDate(birthDate: string, limit: number): VoterRow[] {
    return this.#s.byBirth!.all(birthDate, limit) as VoterRow[];
  }

  /** Every vote event for the voter (active and undone), oldest first. */
  votesOf(rollNumber: string): VoteRow[] {
    return this.#s.votesOf!.all(rollNumber) as VoteRow[];
  }

  rollCounts(): { M: number; F: number } {
    const out = { M: 0, F: 0 };
    for (const r of this.#s.rollCounts!.all() as Array<{ sex: 'M' | 'F'; n: number }>) out[r.sex] = r.n;
    return out;
  }
}
