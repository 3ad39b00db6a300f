/**
 * Screen changes with their timing: an action calls begin() when the person taps, and the next
 * go() reports how long it took to get there (main-process calls included) as a diagnostics mark.
 * The performance budget of DESIGN.md is measured from these marks.
 */
import type { KioskClient } from '../api/client.ts';

export interface Navigator<S extends { id: string }> {
  /** The person acted: time the way to the next screen. */
  begin(): void;
  /** The action will not change the screen after all (nothing to time). */
  cancel(): void;
  go(screen: S): void;
  mark(name: string, ms: number): void;
}

export function createNavigator<S extends { id: string }>(opts: {
  client: Pick<KioskClient, 'call'>;
  now: () => number;
  show: (screen: S) => void;
  /** The diagnostics mark for arriving at a screen (lower case, as the contract requires). */
  markName: (id: S['id']) => string;
}): Navigator<S> {
  let started: number | null = null;
  const mark = (name: string, ms: number) => {
    void opts.client.call('diagnostics.mark', { name, ms: Math.max(0, Math.round(ms * 10) / 10) });
  };
  return {
    begin() {
      started = opts.now();
    },
    cancel() {
      started = null;
    },
    go(screen) {
      opts.show(screen);
      if (started === null) return;
      const ms = opts.now() - started;
      started = null;
      mark(opts.markName(screen.id), ms);
    },
    mark,
  };
}
