/**
 * React access to the election desk store: `useDesk(s => s.screen)` re-renders on that slice only;
 * `useDeskActions()` is a stable object of the store's actions (see kit/store-context.ts).
 */
import { createStoreHooks } from '../../kit/store-context.ts';
import type { DeskActions, DeskState } from './desk-store.ts';

const hooks = createStoreHooks<DeskState & DeskActions>('useDesk');

export const DeskContext = hooks.Context;
export const useDesk = hooks.useSelect;
export const useDeskActions = hooks.useActions as () => DeskActions;
