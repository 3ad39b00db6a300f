/**
 * The shape of the code behind the contract: one handler per call. The router (api/) dispatches to
 * them; services and modes write them. Types only.
 */
import type { CallName, CallOutput, CallParsedInput } from './index.ts';

export interface CallContext {
  /** Which shell carried the call. */
  transport: 'ipc' | 'http' | 'direct';
  /** The visit key the caller holds (sent by the screen with every call; see CallOptions.visit). */
  visitKey?: string;
}

export type Handler<K extends CallName> = (
  input: CallParsedInput<K>,
  ctx: CallContext,
) => Promise<CallOutput<K>> | CallOutput<K>;

/** One handler per call: TypeScript fails until every call in the contract has one. */
export type Handlers = { [K in CallName]: Handler<K> };

/** The handlers of one slice of the contract (a domain's or a mode's calls). */
export type HandlersFor<Slice> = { [K in keyof Slice & CallName]: Handler<K> };
