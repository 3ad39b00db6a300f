/**
 * The full handler table: the core's handlers plus every mode's. A call of an exclusive mode
 * (the election desk) answers NOT_IMPLEMENTED on a terminal configured for another mode, before it
 * reaches the mode. Every call of the contract must end up with exactly one handler: a missing or
 * doubled one is a wiring bug, reported at start.
 */
import { CALL_NAMES, type Mode } from '../contract/index.ts';
import { fail } from '../contract/errors.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { ModeInstance, ModeModule } from '../modes/mode-module.ts';

type AnyHandler = (input: never, ctx: never) => unknown;

export function mergeHandlers(
  core: Partial<Handlers>,
  modes: ReadonlyArray<{ module: ModeModule; instance: ModeInstance<object> }>,
  terminalMode: () => Mode,
): Handlers {
  const table: Record<string, AnyHandler> = { ...(core as Record<string, AnyHandler>) };
  for (const { module, instance } of modes) {
    for (const [name, handler] of Object.entries(instance.handlers as Record<string, AnyHandler>)) {
      if (name in table) throw new Error(`two handlers for the call ${name} (mode ${module.id})`);
      table[name] = !module.exclusive
        ? handler
        : (input: never, ctx: never) => {
            if (terminalMode() !== module.id) {
              throw fail(
                'NOT_IMPLEMENTED',
                `This terminal is not in ${module.label.en} mode.`,
                `この端末は${module.label.ja}の設定ではありません。`,
              );
            }
            return handler(input, ctx);
          };
    }
  }
  const missing = CALL_NAMES.filter((n) => !(n in table));
  if (missing.length > 0) throw new Error(`no handler for the calls ${missing.join(', ')}`);
  return table as unknown as Handlers;
}
