/**
 * Dispatches contract calls to their handlers: input validated (and defaults applied) with the
 * call's zod schema, the handler run, its output validated (unknown keys stripped, so a service can
 * never leak an extra field such as the 個人番号), every failure turned into a typed error value,
 * and the main-side duration recorded for diagnostics.
 */
import { log } from '../util/log.ts';
import { CALLS, isCallName, type CallName, type CallParsedInput, type Result } from '../contract/index.ts';
import { invalidInput, toApiError } from '../contract/errors.ts';
import type { CallContext, Handler, Handlers } from '../contract/handlers.ts';
import { Timings } from '../services/timings.ts';

export interface RouterOptions {
  timings?: Timings;
  /**
   * Checks that a call marked `visit` in the contract comes from the screen that started the
   * visit (throws a typed error otherwise). In-process callers (transport "direct") are trusted.
   */
  visitGuard?: (ctx: CallContext) => void;
}

export class Router {
  readonly timings: Timings;
  readonly #handlers: Handlers;
  readonly #visitGuard: ((ctx: CallContext) => void) | undefined;

  constructor(handlers: Handlers, options: RouterOptions = {}) {
    this.#handlers = handlers;
    this.#visitGuard = options.visitGuard;
    this.timings = options.timings ?? new Timings();
  }

  async call(
    name: string,
    rawInput: unknown,
    ctx: CallContext = { transport: 'direct' },
  ): Promise<Result<unknown>> {
    const started = performance.now();
    if (!isCallName(name)) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_CALL',
          message: `No call named "${name.slice(0, 80)}".`,
          messageJa: '不明な操作です。',
        },
      };
    }
    try {
      return await this.#dispatch(name, rawInput, ctx);
    } finally {
      this.timings.recordCall(name, performance.now() - started);
    }
  }

  async #dispatch<K extends CallName>(
    name: K,
    rawInput: unknown,
    ctx: CallContext,
  ): Promise<Result<unknown>> {
    const spec = CALLS[name];
    if (spec.visit && ctx.transport !== 'direct' && this.#visitGuard) {
      // Before the input is looked at: a caller without the visit learns nothing, not even that.
      try {
        this.#visitGuard(ctx);
      } catch (e) {
        return { ok: false, error: toApiError(e) };
      }
    }
    const input = spec.input.safeParse(rawInput ?? {});
    if (!input.success) return { ok: false, error: invalidInput(input.error) };
    let value: unknown;
    try {
      const handler = this.#handlers[name] as Handler<K>;
      value = await handler(input.data as CallParsedInput<K>, ctx);
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'INTERNAL') {
        log.error('server.request', { call: name, error: e instanceof Error ? e.message : String(e) });
      }
      return { ok: false, error };
    }
    const output = spec.output.safeParse(value);
    if (!output.success) {
      const issue = output.error.issues[0];
      log.error('server.request', {
        call: name,
        invalidOutput: issue?.path.join('.'),
        reason: issue?.message,
      });
      return {
        ok: false,
        error: {
          code: 'INVALID_OUTPUT',
          message: `The service returned an invalid result for ${name}.`,
          messageJa: '内部エラーが発生しました。職員にお知らせください。',
          ...(issue ? { field: issue.path.map(String).join('.') } : {}),
        },
      };
    }
    return { ok: true, value: output.data };
  }
}
