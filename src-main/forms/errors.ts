/**
 * Typed form errors. Messages name the form, the field and the reason, but never the resident's
 * data (an overflow reports the length, not the text; the 個人番号 never appears anywhere).
 */

export type FormErrorCode =
  | 'FORM_DEFINITION_INVALID'
  | 'UNKNOWN_FORM'
  | 'INVALID_DATA'
  | 'INVALID_INPUT'
  | 'MISSING_VALUE'
  | 'OVERFLOW'
  | 'MISSING_GLYPH'
  | 'UNKNOWN_CHOICE'
  | 'TEMPLATE_INVALID'
  | 'QR_TOO_LARGE'
  | 'FONT_FORMAT';

export interface FormErrorDetails {
  form?: string;
  /** Field id or binding, e.g. "oldAddress" or "input.phone". */
  field?: string;
  /** For FORM_DEFINITION_INVALID: the file and every problem with its JSON path. */
  file?: string;
  issues?: { path: string; message: string }[];
  /** For MISSING_GLYPH: code points as U+XXXX (characters of a name are not secret, but stay terse). */
  codePoints?: string[];
}

export class FormError extends Error {
  override readonly name = 'FormError';
  constructor(
    readonly code: FormErrorCode,
    message: string,
    readonly details: FormErrorDetails = {},
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** A non-fatal problem reported with the rendered PDF (e.g. a glyph drawn as 〓 in warn mode). */
export interface RenderWarning {
  code: FormErrorCode;
  form: string;
  field?: string;
  message: string;
}
