/**
 * Text for an operator's terminal: control characters (but newline and tab) and bidirectional
 * controls are shown as \uXXXX escapes. A name in a roster or a form value cannot then clear the
 * screen, recolour it, or make one line read as another (U+202E reverses what follows).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Human-readable output. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * JSON output: such characters can only sit inside JSON strings, where \uXXXX is the same value,
 * so the document means the same and prints safely.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(UNSAFE, escape);
}
