/**
 * The shelter's shapes: configuration, people, households and what the service answers. In their
 * own file so the service, its statistics and its reports share them without a cycle.
 */
import type { Need, ShelterKind } from './events.ts';

export interface ShelterConfig {
  shelterId: string;
  shelterName: string;
  kind: ShelterKind;
  capacity: number;
  terminalId: string;
  groupId: string;
}

export interface InitOptions {
  shelterName: string;
  capacity: number;
  kind?: ShelterKind;
  terminalId: string;
  /** Default: derived from the name, so two laptops of one shelter agree without typing an id. */
  shelterId?: string;
  /** The group whose laptops (and the HQ) merge: a disaster or the municipality's shelters. */
  group?: string;
  /** The group's set-up code from its first laptop (absent there: it draws the code). */
  groupSalt?: string;
}

/** Where a person is at one shelter: here (在所), out (外出中), left (退所). */
export type PresenceState = 'here' | 'out' | 'left';
export type Consent = 'yes' | 'no' | 'not-asked';

export interface Stay {
  shelterId: string;
  shelterName: string;
  /** This laptop's own shelter. */
  current: boolean;
  state: PresenceState;
  /** When the latest movement there happened (ms). */
  since: number;
  /** Their first arrival there (ms). */
  firstArrived: number;
  /** 退所先, for a person who left. */
  to?: string;
}

export interface PersonView {
  personId: string;
  householdId: string;
  name: string;
  kana: string;
  birthDate: string;
  age: number;
  sex?: 'M' | 'F';
  address: string;
  relation: string;
  source: 'list' | 'hand';
  /** At this laptop's shelter; 'none' = never came here. */
  state: PresenceState | 'none';
  /** Every shelter the person came to (this one included), newest first. */
  stays: Stay[];
  needs: Need[];
  note?: string;
  consent: Consent;
  cardLinked: boolean;
}

export interface HouseholdView {
  householdId: string;
  members: PersonView[];
}

/** A person found from card data or a search, with their whole household. */
export type FindResult =
  | { match: 'unique'; by: 'name-birth' | 'name-birth-address'; person: PersonView; household: HouseholdView }
  | { match: 'ambiguous'; candidates: PersonView[] }
  | { match: 'none' };

export type MoveKind = 'arrive' | 'out' | 'back' | 'leave';

export interface MoveResult {
  moved: Array<{ personId: string; name: string; move: 'arrived' | 'out' | 'back' | 'left' }>;
  /** People chosen but left as they were (already here, not out…), with why. */
  skipped: Array<{ personId: string; name: string; state: PresenceState | 'none'; reason: string }>;
}

export interface RegisterInput {
  name: string;
  kana: string;
  birthDate: string;
  sex?: 'M' | 'F';
  address?: string;
  relation?: string;
  /** Join an existing household; default: a new one. */
  householdId?: string;
  operator?: string;
}

/** 安否情報照会's answer: the same for "no consent" and "not here", on purpose. */
export type SafetyAnswer =
  | { answer: 'here' | 'out'; shelterName: string }
  | { answer: 'left'; shelterName: string; to?: string }
  | { answer: 'not-here' };

export interface ConflictView {
  kind: 'TWO_SHELTERS' | 'POSSIBLE_SAME_PERSON';
  people: PersonView[];
}
