/**
 * Placeholders of the modes still to be built: one status call each, NOT_IMPLEMENTED until their
 * issues replace this file with contract/shelter.ts and contract/fare.ts.
 */
import { z } from 'zod';
import { call, empty } from './call.ts';

export const SHELTER_CALLS = {
  'shelter.status': call(
    'Shelter reception state (placeholder).',
    empty,
    z.object({ mode: z.literal('shelter'), ready: z.boolean() }),
  ),
} as const;

export const FARE_CALLS = {
  'fare.status': call(
    'Fare terminal state (placeholder).',
    empty,
    z.object({ mode: z.literal('fare'), ready: z.boolean() }),
  ),
} as const;
