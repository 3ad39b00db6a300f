/**
 * A mode's typed error (ElectionError, ShelterError, FareError): a code the screens and the CLI
 * map to their own outcome, the English message, the Japanese one for the code, and details.
 * Outcomes of normal work (already voted, a ride refused) are results, not errors.
 */
export abstract class ModeError<C extends string> extends Error {
  readonly messageJa: string;

  protected constructor(
    readonly code: C,
    message: string,
    readonly details: Record<string, unknown>,
    japanese: Record<C, string>,
  ) {
    super(message);
    this.messageJa = japanese[code];
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, messageJa: this.messageJa, ...this.details };
  }
}
