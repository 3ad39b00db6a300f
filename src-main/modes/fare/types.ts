/** The fare service's inputs and views (shared by the CLI, the screens' contract and tests). */
import type { BlockReason } from './events.ts';
import type { Decision, Refusal } from './decide.ts';
import type { Eligibility } from './eligibility.ts';
import type { Program } from './program.ts';

export interface FareInitOptions {
  program: Program;
  terminalId: string;
  /** A vehicle terminal: the vehicle and its operator (else a city-hall / office terminal). */
  vehicle?: string;
  operatorId?: string;
  group?: string;
  groupSalt?: string;
}

export interface FareConfig {
  programId: string;
  programName: string;
  terminalId: string;
  groupId: string;
  role: 'office' | 'vehicle';
  vehicle?: string;
  operatorId?: string;
  operatorName?: string;
  /** The registry this vehicle holds: when it was issued, how many cards. */
  registry?: { issuedAt: number; cards: number };
}

/** What the card says, at the moment of registration (nothing of it is stored but the birth date). */
export interface CardHolder {
  name: string;
  birthDate: string;
  address: string;
}

export interface RegisterOptions {
  categories?: readonly string[];
  operator?: string;
  /** The serial of the holder's earlier card, when their name changed too (else found by name+birth). */
  replaces?: string;
}

export interface Registration {
  holderId: string;
  serial: string;
  eligibility: Extract<Eligibility, { eligible: true }>;
  validFrom: string;
  validTo: string;
  categories: string[];
  /** The holder's earlier card serials (a renewed certificate keeps the history and caps). */
  earlierCards: string[];
  ridesThisYear: number;
}

export interface Assessment {
  eligibility:
    | Extract<Eligibility, { eligible: true }>
    | {
        eligible: false;
        reason: Extract<Eligibility, { eligible: false }>['reason'] | 'CERTIFICATE_EXPIRED';
        from?: string;
      };
  categories: string[];
  /** When eligible: the validity a registration gets. */
  validFrom?: string;
  validTo?: string;
}

export interface HolderCard {
  serial: string;
  registeredAt: number;
  blockedAt?: number;
}

export interface BlockResult {
  serial: string;
  reason: BlockReason;
  at: number;
  alreadyBlocked: boolean;
}

export interface RideInput {
  serial: string;
  fareYen: number;
  vehicle?: string;
  at?: number;
  /** The driver confirmed a second ride of the same card within a minute. */
  confirmRepeat?: boolean;
  place?: string;
}

export type RideResult =
  | {
      recorded: true;
      decision: Extract<Decision, { ok: true }>;
      ride: {
        rideId: string;
        at: number;
        vehicle: string;
        operatorId: string;
        fareYen: number;
        subsidyYen: number;
        payYen: number;
      };
    }
  | {
      recorded: false;
      reason: Refusal | 'REPEAT_NEEDS_CONFIRMATION';
      detail?: string;
      repeatOf?: { at: number };
    };
