/**
 * The fare terminal, until its own module lands: it answers its one placeholder call with
 * NOT_IMPLEMENTED (on any terminal, as before the registry).
 */
import { FARE_CALLS, type Mode } from '../contract/index.ts';
import { fail } from '../contract/errors.ts';
import { defineMode, type ModeModule } from './mode-module.ts';

function placeholder<Slice extends Record<string, unknown>>(
  id: Mode,
  calls: Slice,
  label: { en: string; ja: string },
): ModeModule<Slice> {
  const notYet = () => {
    throw fail('NOT_IMPLEMENTED', `The ${id} mode is not available yet.`, 'この機能はまだ使えません。');
  };
  return defineMode({
    id,
    calls,
    exclusive: false,
    label,
    create: () => ({
      handlers: Object.fromEntries(Object.keys(calls).map((name) => [name, notYet])) as never,
    }),
  });
}

export const farePlaceholder = placeholder('fare', FARE_CALLS, { en: 'fare', ja: '運賃補助' });
