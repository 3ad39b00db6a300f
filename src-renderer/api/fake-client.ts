/**
 * A scripted KioskClient for renderer unit tests only: each call is answered by a handler (or fails
 * with UNKNOWN_CALL), every call is recorded, and tests push events as the main process would.
 */
import type {
  ApiError,
  CallInput,
  CallName,
  CallOutput,
  KioskEvent,
  Result,
} from '../../src-main/contract/index.ts';
import type { ConnectionState, KioskClient } from './client.ts';

export type FakeHandler<K extends CallName> = (
  input: CallInput<K>,
) => Result<CallOutput<K>> | Promise<Result<CallOutput<K>>>;

export type FakeHandlers = { [K in CallName]?: FakeHandler<K> };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: ApiError['code'], extra: Partial<ApiError> = {}): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message: code, messageJa: code, ...extra } };
}

export class FakeClient implements KioskClient {
  readonly transport = 'http' as const;
  readonly calls: Array<{ name: CallName; input: unknown }> = [];
  private listeners = new Set<(e: KioskEvent) => void>();

  constructor(public handlers: FakeHandlers = {}) {}

  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>> {
    this.calls.push({ name, input });
    const h = this.handlers[name] as FakeHandler<K> | undefined;
    if (!h) return err('UNKNOWN_CALL', { message: `no fake handler for ${name}` });
    return h(input);
  }

  onEvent(listener: (e: KioskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onConnection(listener: (s: ConnectionState) => void): () => void {
    listener('open');
    return () => {};
  }

  emit(event: KioskEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Names of the calls made so far, without the diagnostics marks. */
  names(): string[] {
    return this.calls.map((c) => c.name).filter((n) => n !== 'diagnostics.mark');
  }

  inputsOf<K extends CallName>(name: K): CallInput<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as CallInput<K>);
  }
}
