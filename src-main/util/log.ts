/**
 * Structured logging with a catalogue of event names. Lines are JSON, written to stderr when
 * KAKANAI_LOG=stderr and appended to KAKANAI_LOG_FILE when set; silent otherwise.
 *
 * Privacy: callers pass only non-personal fields. As a second line of defence every value is
 * scrubbed: Secret objects print "[secret]", and 12-digit runs (a My Number's shape) and fields
 * named like secrets are replaced before anything is written.
 */
import { appendFileSync } from 'node:fs';

export type LogEvent =
  | 'card.connect'
  | 'card.disconnect'
  | 'card.apdu'
  | 'card.identify'
  | 'card.verify'
  | 'card.read'
  | 'card.sign'
  | 'card.error'
  | 'pcsc.reader'
  | 'pcsc.card'
  | 'pcsc.error'
  | 'pcsc.service'
  | 'emulator.start'
  | 'emulator.power'
  | 'emulator.apdu'
  | 'emulator.error'
  | 'forms.render'
  | 'forms.texts'
  | 'print.job'
  | 'cli.command'
  | 'cli.error'
  | 'server.start'
  | 'server.request'
  | 'election.desk'
  | 'shelter.desk'
  | 'fare.desk'
  | 'operator.login'
  | 'hub.rejected'
  | 'hub.push';

type Level = 'debug' | 'info' | 'warn' | 'error';

const SECRET_KEY_RE = /pin|password|passwd|secret|bno|mynumber|my_number|kojin/i;
const MY_NUMBER_RE = /(?<!\d)\d{12}(?!\d)/g;

function scrub(value: unknown, key = ''): unknown {
  if (SECRET_KEY_RE.test(key)) return '[redacted]';
  if (typeof value === 'string') return value.replace(MY_NUMBER_RE, '[12 digits]');
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v));
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return scrub((value as { toJSON: () => unknown }).toJSON());
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, k);
  return out;
}

function write(level: Level, event: LogEvent, fields: Record<string, unknown>): void {
  const target = process.env.KAKANAI_LOG;
  const file = process.env.KAKANAI_LOG_FILE;
  if (!file && target !== 'stderr') return;
  if (level === 'debug' && process.env.KAKANAI_LOG_LEVEL !== 'debug') return;
  // Catalogue fields come last so a caller's field can never overwrite them.
  const line = JSON.stringify({ ...(scrub(fields) as object), t: new Date().toISOString(), level, event });
  if (target === 'stderr') process.stderr.write(line + '\n');
  if (file) appendFileSync(file, line + '\n', { mode: 0o600 });
}

export const log = {
  debug: (event: LogEvent, fields: Record<string, unknown> = {}) => write('debug', event, fields),
  info: (event: LogEvent, fields: Record<string, unknown> = {}) => write('info', event, fields),
  warn: (event: LogEvent, fields: Record<string, unknown> = {}) => write('warn', event, fields),
  error: (event: LogEvent, fields: Record<string, unknown> = {}) => write('error', event, fields),
};

/** Exposed for tests of the scrubber. */
export const scrubForLog = scrub;
