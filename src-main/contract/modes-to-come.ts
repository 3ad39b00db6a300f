/**
 * The placeholder of the mode still to be built: one status call, NOT_IMPLEMENTED until its issue
 * replaces this file with contract/fare.ts.
 */
import { z } from 'zod';
import { call, empty } from './call.ts';

export const FARE_CALLS = {
  'fare.status': call(
    'Fare terminal state (placeholder).',
    empty,
    z.object({ mode: z.literal('fare'), ready: z.boolean() }),
  ),
} as const;
