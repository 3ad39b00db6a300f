/**
 * React access to the fare terminal's store: `useFare(s => s.screen)` re-renders on that slice
 * only; `useFareActions()` is a stable object of its actions (see kit/store-context.ts).
 */
import { createStoreHooks } from '../../kit/store-context.ts';
import type { FareActions, FareState } from './fare-store.ts';

const hooks = createStoreHooks<FareState & FareActions>('useFare');

export const FareContext = hooks.Context;
export const useFare = hooks.useSelect;
export const useFareActions = hooks.useActions as () => FareActions;
