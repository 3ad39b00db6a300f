/**
 * React access to the counter's store: `useKiosk(s => s.screen)` re-renders on that slice only;
 * `useActions()` is a stable object of the store's actions (see kit/store-context.ts).
 */
import { createStoreHooks } from '../../kit/store-context.ts';
import type { KioskActions, KioskState, KioskStore } from './state/kiosk-store.ts';

const hooks = createStoreHooks<KioskState & KioskActions>('useKiosk');

export const StoreContext = hooks.Context;
export const useKiosk = hooks.useSelect;
export const useActions = hooks.useActions as () => KioskActions;
export const useKioskStore: () => KioskStore = hooks.useStoreApi;
