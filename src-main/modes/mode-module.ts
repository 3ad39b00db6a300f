/**
 * A mode is a module: the core (api/kiosk.ts) builds the services every terminal has, then asks each
 * registered mode (registry.ts) for its handlers. The core names no mode. See README.md for how to
 * add one.
 */
import type { AppInfo, Mode } from '../contract/index.ts';
import type { HandlersFor } from '../contract/handlers.ts';
import type { CoreServices } from '../services/core-services.ts';

/** One mode, running inside one kiosk. */
export interface ModeInstance<Slice> {
  /** A handler for every call of the mode's contract slice. */
  handlers: HandlersFor<Slice>;
  /** What the mode adds to app.info (the counter's 窓口 list). */
  appInfo?: () => Partial<Pick<AppInfo, 'counters'>>;
  /** Releases what the mode holds (stores, sync servers) when the kiosk closes. */
  close?: () => Promise<void>;
}

export interface ModeModule<Slice extends object = object> {
  /** The terminal mode (configuration `mode`) this module serves. */
  id: Mode;
  /** Its slice of the contract (src-main/contract/<mode>.ts). */
  calls: Slice;
  /**
   * Whether its calls answer only on a terminal configured for this mode (NOT_IMPLEMENTED
   * elsewhere). False for the counter, whose planner every terminal may use.
   */
  exclusive: boolean;
  /** The mode's name for the "not in this mode" message. */
  label: { en: string; ja: string };
  /** Builds the mode for one kiosk (cheap: open stores lazily, on the first call that needs one). */
  create(core: CoreServices): ModeInstance<Slice>;
}

/** Declares a mode module with its slice's types checked. */
export function defineMode<Slice extends object>(module: ModeModule<Slice>): ModeModule<Slice> {
  return module;
}

/** Wraps a handler so that calling it is activity at the terminal (the idle timer starts again). */
export function touching(core: Pick<CoreServices, 'session'>) {
  return <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      core.session.touch();
      return fn(...args);
    };
}
