import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../contract/index.ts';
import type { ModeInstance, ModeModule } from '../modes/mode-module.ts';
import { mergeHandlers } from './mode-handlers.ts';

const ok = () => ({ done: true });
const mode = (id: 'election' | 'counter', names: string[], exclusive = true) => ({
  module: {
    id,
    calls: {},
    exclusive,
    label: { en: id, ja: id },
    create: () => ({ handlers: {} }),
  } as ModeModule,
  instance: { handlers: Object.fromEntries(names.map((n) => [n, ok])) } as ModeInstance<object>,
});

describe('mergeHandlers', () => {
  const all = Object.fromEntries(CALL_NAMES.map((n) => [n, ok]));

  it('reports a call without a handler at start', () => {
    const { 'app.info': _dropped, ...rest } = all;
    expect(() => mergeHandlers(rest, [], () => 'counter')).toThrow(/no handler for the calls app\.info/);
  });

  it('reports a call with two handlers (a core one and a mode one)', () => {
    expect(() => mergeHandlers(all, [mode('election', ['app.info'])], () => 'counter')).toThrow(
      /two handlers for the call app\.info \(mode election\)/,
    );
  });

  it("gates an exclusive mode's calls by the terminal's mode, at call time", async () => {
    const { 'election.status': _e, ...core } = all;
    let terminal: 'counter' | 'election' = 'counter';
    const table = mergeHandlers(core, [mode('election', ['election.status'])], () => terminal);
    const status = table['election.status'] as unknown as () => unknown;
    expect(() => status()).toThrow(/not in election mode/);
    terminal = 'election';
    expect(status()).toEqual({ done: true });
  });
});
