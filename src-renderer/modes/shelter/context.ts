/**
 * React access to the shelter entrance's store: `useShelter(s => s.screen)` re-renders on that
 * slice only; `useShelterActions()` is a stable object of its actions (see kit/store-context.ts).
 */
import { createStoreHooks } from '../../kit/store-context.ts';
import type { ShelterActions, ShelterState } from './shelter-store.ts';

const hooks = createStoreHooks<ShelterState & ShelterActions>('useShelter');

export const ShelterContext = hooks.Context;
export const useShelter = hooks.useSelect;
export const useShelterActions = hooks.useActions as () => ShelterActions;
