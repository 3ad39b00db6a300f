/** The fare terminal as a renderer mode (see kit/mode.ts). */
import type { RendererMode } from '../../kit/mode.ts';
import { FareDesk } from './FareDesk.tsx';
import { FARE_LOCALES } from './locales/index.ts';

export const fareMode: RendererMode = {
  id: 'fare',
  Root: FareDesk,
  locales: { namespace: 'fare', resources: FARE_LOCALES },
};
