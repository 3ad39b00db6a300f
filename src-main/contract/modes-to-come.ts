/**
 * Placeholders of the modes still to be built (NOT_IMPLEMENTED until their issues land).
 */
import { z } from 'zod';
import { call, empty } from './call.ts';

export const MODES_TO_COME_CALLS = {
  'shelter.status': call(
    'Shelter reception state (placeholder).',
    empty,
    z.object({ mode: z.literal('shelter'), ready: z.boolean() }),
  ),
  'fare.status': call(
    'Fare terminal state (placeholder).',
    empty,
    z.object({ mode: z.literal('fare'), ready: z.boolean() }),
  ),
} as const;
