/**
 * Holds the live terminal configuration: read it, apply a validated patch from the settings
 * screen (saved atomically), change the operator PIN. Publishes config.changed so screens reload.
 */
import type { SettingsPatch, TerminalSettings } from '../contract/index.ts';
import type { EventBus } from '../contract/event-bus.ts';
import { fail } from '../contract/errors.ts';
import type { Secret } from '../card/secret.ts';
import { hashOperatorPin, isValidOperatorPin } from './operator-pin.ts';
import {
  ConfigError,
  parseTerminalConfig,
  saveTerminalConfig,
  toSettingsView,
  type TerminalConfig,
} from './terminal-config.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ConfigServiceOptions {
  path: string;
  config: TerminalConfig;
  events?: EventBus;
  /** False in tests that must not touch the disk. */
  persist?: boolean;
}

export class ConfigService {
  readonly path: string;
  #config: TerminalConfig;
  readonly #events: EventBus | undefined;
  readonly #persist: boolean;
  readonly #listeners = new Set<(c: TerminalConfig) => void>();

  constructor(options: ConfigServiceOptions) {
    this.path = options.path;
    this.#config = options.config;
    this.#events = options.events;
    this.#persist = options.persist ?? true;
  }

  get config(): TerminalConfig {
    return this.#config;
  }

  settings(): TerminalSettings {
    return toSettingsView(this.#config, this.path);
  }

  /** Called after every change (services re-read idle timeouts, printer, reader filter). */
  onChange(listener: (c: TerminalConfig) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  update(patch: SettingsPatch): TerminalSettings {
    const next: Record<string, unknown> = { ...this.#config };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      const current = next[k];
      // Nested sections merge shallowly; arrays (counters) replace.
      const mergeable = isPlainObject(current) && isPlainObject(v);
      next[k] = mergeable ? { ...current, ...v } : v;
    }
    this.#replace(this.#validated(next));
    return this.settings();
  }

  async setOperatorPin(pin: Secret): Promise<void> {
    if (!isValidOperatorPin(pin)) {
      throw fail(
        'INVALID_INPUT',
        'The operator PIN must have 4–12 digits.',
        '職員用暗証番号は4〜12桁の数字です。',
        {
          field: 'newPin',
        },
      );
    }
    const pinHash = await hashOperatorPin(pin);
    this.#replace(this.#validated({ ...this.#config, operator: { ...this.#config.operator, pinHash } }));
  }

  #validated(raw: unknown): TerminalConfig {
    try {
      return parseTerminalConfig(raw, this.path);
    } catch (e) {
      if (e instanceof ConfigError) {
        throw fail('CONFIG_INVALID', e.message, e.messageJa, e.field ? { field: e.field } : {});
      }
      throw e;
    }
  }

  #replace(next: TerminalConfig): void {
    if (this.#persist) {
      try {
        saveTerminalConfig(this.path, next);
      } catch (e) {
        throw fail(
          'CONFIG_WRITE_FAILED',
          `The configuration could not be saved: ${(e as Error).message}`,
          '設定を保存できませんでした。',
        );
      }
    }
    this.#config = next;
    for (const l of this.#listeners) l(next);
    this.#events?.publish({ type: 'config.changed' });
  }
}
