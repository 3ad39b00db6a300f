/**
 * Characters that must not reach a form, a record or an operator's terminal as they are: control
 * characters (C0, DEL, C1) and bidirectional controls. A name carrying them could clear or recolour
 * the screen, print as 〓, or make one line read as another (U+202E reverses what follows).
 * Inputs with them are refused (rosters, form inputs); text printed to a terminal shows them as
 * \uXXXX escapes.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_OR_BIDI_ALL = new RegExp(CONTROL_OR_BIDI.source, 'g');

export function hasControlOrBidi(text: string): boolean {
  return CONTROL_OR_BIDI.test(text);
}

const escape = (c: string) =>
  c === '\n' || c === '\t' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Human-readable output: newlines and tabs stay, every other such character is escaped. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_OR_BIDI_ALL, escape);
}

/**
 * JSON output: such characters can only sit inside JSON strings (JSON.stringify already escapes
 * C0 there), where \uXXXX is the same value, so the document means the same and prints safely.
 */
export function jsonTerminalSafe(json: string): string {
  return terminalSafe(json);
}
