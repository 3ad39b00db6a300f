/**
 * The kiosk contract: every call the renderer makes and every event it receives, as zod
 * schemas with the TypeScript types inferred from them — one file per domain, merged here. Electron
 * IPC and HTTP + WebSocket (src-main/api/) carry exactly this; the router validates input and
 * output of every call against it. A new mode adds its file and one line to CALLS below.
 *
 * The contract sits low in the tree (DESIGN.md layers): services and modes import it, never api/.
 * It must stay importable from the browser: zod and the import-free error-code lists only.
 *
 * Conventions
 * - A call is `name(input) → Result<output>`; a Result is `{ ok: true, value }` or
 *   `{ ok: false, error: { code, message, messageJa, retriesLeft?, field?, details? } }`.
 *   Failures are values, never thrown strings; the renderer maps `code` to a screen/message.
 * - Binary data (PDF bytes, page images) travels as base64 strings.
 * - Resident data never leaves the main process except what a screen must show (name, address,
 *   birth date, sex). The 個人番号 never crosses the contract; it is only printed on forms.
 * - Secrets (PIN, 照合番号B parts) arrive as strings and are wrapped in a Secret at once.
 * - Stability: additive changes only (new calls, new optional fields, new error codes, new event
 *   types); every change is listed in src-main/api/README.md.
 */
import type { z } from 'zod';
import { ADDRESS_CALLS } from './address.ts';
import { CARD_CALLS } from './card.ts';
import { COMMON_CALLS } from './common.ts';
import { COUNTER_CALLS } from './counter.ts';
import { ELECTION_CALLS } from './election.ts';
import { FORMS_CALLS } from './forms.ts';
import { FARE_CALLS } from './fare.ts';
import { PRINT_CALLS } from './print.ts';
import { SHELTER_CALLS } from './shelter.ts';
import { SIGN_CALLS } from './sign.ts';

export * from './address.ts';
export * from './call.ts';
export * from './card.ts';
export * from './common.ts';
export * from './counter.ts';
export * from './election.ts';
export * from './events.ts';
export * from './fare.ts';
export * from './forms.ts';
export * from './print.ts';
export * from './result.ts';
export * from './shelter.ts';
export * from './sign.ts';

/** Every call: name → { doc, input, output }. */
export const CALLS = {
  ...COMMON_CALLS,
  ...CARD_CALLS,
  ...COUNTER_CALLS,
  ...FORMS_CALLS,
  ...ADDRESS_CALLS,
  ...PRINT_CALLS,
  ...SIGN_CALLS,
  ...ELECTION_CALLS,
  ...SHELTER_CALLS,
  ...FARE_CALLS,
} as const;

export type Calls = typeof CALLS;
export type CallName = keyof Calls;
export const CALL_NAMES = Object.keys(CALLS) as CallName[];
/** What the caller passes (defaults may be omitted). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a service receives (defaults applied). */
export type CallParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(CALLS, name);
}
