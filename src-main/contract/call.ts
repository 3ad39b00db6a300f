/** The shape of one call and the small schemas many calls share. */
import { z } from 'zod';

export const empty = z.object({}).strict();
export const ack = z.object({ done: z.literal(true) });

export interface CallOptions {
  /**
   * The call reads or changes the resident's visit (card data, inputs, plan, PDFs): over IPC or
   * HTTP it must carry the visit key that `session.wipe` gave the screen that started the visit, so
   * another window, tablet or local process gets nothing of it (NO_VISIT).
   */
  visit?: true;
}

/** One call: a line of documentation, the input schema and the output schema. */
export function call<I extends z.ZodType, O extends z.ZodType>(
  doc: string,
  input: I,
  output: O,
  options: CallOptions = {},
) {
  return { doc, input, output, visit: options.visit === true };
}

/**
 * The HTTP header that carries a screen's visit key (IPC passes the key as the call's third
 * argument). The renderer's client, which takes only types from here, repeats the name; a test
 * holds the two together.
 */
export const VISIT_HEADER = 'x-kakanai-visit';

/** Marks a call as part of the resident's visit (see CallOptions.visit). */
export const VISIT = { visit: true } as const;
