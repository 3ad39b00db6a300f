/**
 * Every code a call can fail with, grouped by domain: the card stack's and the printer's (from their
 * import-free error-codes.ts modules) and the API's own. Import-free but for those lists, so every
 * contract file and the renderer can use it.
 */
import { CARD_ERROR_CODES } from '../card/error-codes.ts';
import { PRINT_ERROR_CODES } from '../print/error-codes.ts';

export const API_ERROR_CODES = [
  ...CARD_ERROR_CODES,
  /** Another card operation is running; try again when it ends. */
  'CARD_BUSY',
  ...PRINT_ERROR_CODES,
  /** No printer is configured and the system has no default printer. */
  'NO_PRINTER',
  // forms
  /** A form id that is not in forms/. */
  'FORM_NOT_FOUND',
  /** A required value for a form is missing (`field` names it, e.g. "input.phone"). */
  'MISSING_VALUE',
  /** A value does not fit its box on the form (`field` names it). */
  'OVERFLOW',
  /** Any other failure of the forms engine (`details.engineCode` has its own code). */
  'FORM_ERROR',
  /** preview with format "png" where no rasteriser (pdftoppm) is installed. */
  'RASTER_UNAVAILABLE',
  // planner
  'LIFE_EVENT_NOT_FOUND',
  /** plan called before every applicable question was answered (`field` is the question id). */
  'MISSING_ANSWER',
  /** An answer that is not one of the question's options (`field` is the question id). */
  'INVALID_ANSWER',
  /** forms/procedures.json is broken (`field` is the path of the offending field). */
  'PROCEDURES_INVALID',
  // session
  /** The call needs a plan / resident data that this session does not have (yet, or any more). */
  'NO_PLAN',
  'NO_RESIDENT',
  /** A visit call without the key of the visit in progress (another window or client, or a visit that has ended). */
  'NO_VISIT',
  /** A render id that is unknown or was wiped. */
  'RENDER_NOT_FOUND',
  // settings
  /** Wrong operator PIN. `retriesLeft` is how many tries remain before a lockout. */
  'WRONG_OPERATOR_PIN',
  /** Too many wrong operator PINs; `details.retryAfterSec` says when logins are accepted again. */
  'OPERATOR_LOCKED',
  /** Missing, wrong or expired operator token. */
  'UNAUTHORIZED',
  /** The terminal configuration file is invalid (`field` names the field). */
  'CONFIG_INVALID',
  /** The configuration could not be written. */
  'CONFIG_WRITE_FAILED',
  // demo
  'DEMO_NOT_ACTIVE',
  'PERSONA_NOT_FOUND',
  // generic
  /** The input failed validation (`field` is the dotted path, message says why). */
  'INVALID_INPUT',
  /** The service produced an output that fails the contract (a bug; reported, never passed on). */
  'INVALID_OUTPUT',
  'UNKNOWN_CALL',
  /** Not available in this mode or not built yet (election/shelter/fare placeholders). */
  'NOT_IMPLEMENTED',
  // election desk
  /** The store passphrase is wrong. */
  'WRONG_PASSPHRASE',
  /** Too many wrong passphrases in a row: wait `details.retryAfterSec`. */
  'PASSPHRASE_LOCKED',
  /** This terminal has no election store (set it up with `kakanai election init`). */
  'ELECTION_NOT_SET_UP',
  /** The store file cannot be used here (`details.storeCode`: NOT_ENCRYPTED, WRONG_STORE…). */
  'ELECTION_STORE_INVALID',
  /** The terminal's store file is damaged: closed, never written again; the message says how to recover. */
  'STORE_CORRUPT',
  /** The terminal was not opened with the passphrase yet (election.open). */
  'ELECTION_NOT_OPEN',
  /** 期日前: the reason (1–5) is missing. */
  'REASON_REQUIRED',
  /** 期日前: the 宣誓書 was not printed for this voter and reason before recording. */
  'SENSEISHO_REQUIRED',
  /** The voter is not 受付可 (already voted, wrong station): `details.status`. */
  'NOT_ELIGIBLE',
  /** Undo of a voter without an active vote record. */
  'NOT_VOTED',
  'NOT_ON_ROLL',
  /** The voter has several active records (a conflict): choose one (`details.votes`). */
  'AMBIGUOUS_UNDO',
  // shelter reception
  /** This laptop has no shelter store (set it up with `kakanai shelter init`). */
  'SHELTER_NOT_SET_UP',
  /** The store file cannot be used here (`details.storeCode`). */
  'SHELTER_STORE_INVALID',
  /** The laptop was not opened with the passphrase yet (shelter.open). */
  'SHELTER_NOT_OPEN',
  /** A tapped card was never linked to a person at this shelter: read it with 照合番号B or the PIN. */
  'CARD_NOT_LINKED',
  /** No such person or household here. */
  'PERSON_NOT_FOUND',
  // electronic applications (電子署名して提出)
  /** This terminal has no counter inbox configured: printing only. */
  'INBOX_NOT_CONFIGURED',
  /** A chosen form is not accepted electronically by the municipality (`details.formIds`). */
  'NOT_ELECTRONIC',
  /** sign.send before anything was signed in this visit. */
  'NOTHING_SIGNED',
  // fare subsidy
  /** This terminal has no fare store (set it up with `kakanai fare init`). */
  'FARE_NOT_SET_UP',
  /** The store file cannot be used here (`details.storeCode`). */
  'FARE_STORE_INVALID',
  /** The terminal was not opened with the passphrase yet (fare.open). */
  'FARE_NOT_OPEN',
  /** fare.ride / fare.quote without a tap in the last two minutes, fare.register without a check. */
  'NO_TAP',
  /** The card was blocked (lost, stolen): it cannot be registered again. */
  'CARD_BLOCKED',
  /** No registered card for this holder, or no such serial. */
  'HOLDER_NOT_FOUND',
  'INTERNAL',
] as const;
