/**
 * The election's shapes: stations, the configuration, voters, votes and what the service answers.
 * In their own file so the service, its statistics and its reports share them without a cycle.
 */
import type { IngestReport, StoreAnomaly } from '../../store/event-log.ts';
import type { ElectionReasonCode } from '../../contract/election.ts';
import type { ElectionKind } from './events.ts';

export interface Station {
  stationId: string;
  name: string;
  /** 投票区 served on election day; empty = all (期日前 stations). */
  districts: string[];
}

export interface ElectionConfig {
  electionName: string;
  date: string;
  kind: ElectionKind;
  stationId: string;
  terminalId: string;
  groupId: string;
}

export interface InitOptions {
  electionName: string;
  date: string;
  kind: ElectionKind;
  stationId: string;
  terminalId: string;
  stationName?: string;
  districts?: string[];
  /** Other stations, so a voter at the wrong station can be sent to the right one. */
  stations?: Station[];
  /**
   * The group's set-up code, printed when the election's first terminal was set up; absent for
   * that first terminal, which draws it (see store/keys.ts).
   */
  groupSalt?: string;
}

export interface VoteRecord {
  terminalId: string;
  seq: number;
  stationId: string;
  stationName?: string;
  kind: ElectionKind;
  reason?: ElectionReasonCode;
  operator?: string;
  /** When it was recorded (ms) and the same in Japan time, ISO with +09:00. */
  at: number;
  atJst: string;
  hlc: string;
  undone: boolean;
}

export type VoterStatus =
  /** 受付可 */
  | { code: 'OK' }
  /** 投票済み — with every active record (two or more = conflict). */
  | { code: 'ALREADY_VOTED'; votes: VoteRecord[]; conflict: boolean }
  /** この投票区ではありません — with the station(s) serving the voter's district. */
  | { code: 'WRONG_STATION'; stations: Station[] };

export interface VoterView {
  rollNumber: string;
  district: string;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'M' | 'F';
  address: string;
  status: VoterStatus;
}

export type IdentifyResult =
  | { match: 'unique'; by: 'roll-number' | 'name-birth' | 'name-birth-address'; voter: VoterView }
  /** Candidates side by side (best address match first); the poll worker decides. */
  | { match: 'ambiguous'; candidates: VoterView[] }
  /** 名簿にありません */
  | { match: 'none' };

export interface SearchResult {
  candidates: VoterView[];
  truncated: boolean;
}

export interface CardData {
  name: string;
  birthDate: string;
  address?: string;
}

export interface RecordInput {
  rollNumber: string;
  /** 期日前 only: a code "1"…"5" or its key (work/travel/outside/illness/disaster). */
  reason?: string;
  operator?: string;
}

export type RecordResult =
  | { result: 'RECORDED'; vote: VoteRecord; voter: VoterView }
  | { result: 'ALREADY_VOTED'; voter: VoterView; votes: VoteRecord[] }
  | { result: 'WRONG_STATION'; voter: VoterView; stations: Station[] }
  | { result: 'NOT_ON_ROLL'; rollNumber: string };

export interface UndoInput {
  rollNumber: string;
  reason: string;
  operator: string;
  /** Which vote, when the voter has several active records (a conflict). */
  vote?: { terminalId: string; seq: number };
}

export interface ConflictView {
  rollNumber: string;
  status: 'open' | 'resolved';
  voter?: Omit<VoterView, 'status'>;
  /** Every vote record for the voter, undone ones included, oldest first. */
  votes: VoteRecord[];
}

export interface MergeReport extends IngestReport {
  from: string;
  /** Conflicts that are open after the merge. */
  conflicts: ConflictView[];
  /** Of those, the ones this merge revealed. */
  newConflicts: ConflictView[];
}

export interface Anomalies {
  conflicts: ConflictView[];
  /** Votes for roll numbers that are not in this terminal's roll. */
  unknownVoters: string[];
  store: StoreAnomaly[];
  badEvents: Array<{ terminalId: string; seq: number; type: string; problem: string }>;
  /** Peers whose roll differs from ours (digest of the imported file). */
  rollMismatch: Array<{ url: string; terminalId?: string }>;
}

export type { SyncOptions, SyncStatus } from '../../store/event-terminal.ts';
