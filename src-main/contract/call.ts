/** The shape of one call and the small schemas many calls share. */
import { z } from 'zod';

export const empty = z.object({}).strict();
export const ack = z.object({ done: z.literal(true) });

/** One call: a line of documentation, the input schema and the output schema. */
export function call<I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O) {
  return { doc, input, output };
}
