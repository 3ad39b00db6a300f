/**
 * React access to the kiosk store: `useKiosk(s => s.screen)` re-renders on that slice only.
 */
import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { KioskActions, KioskState, KioskStore } from './state/kiosk-store.ts';

export const StoreContext = createContext<KioskStore | null>(null);

export function useKioskStore(): KioskStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useKiosk outside <StoreContext.Provider>');
  return store;
}

export function useKiosk<T>(selector: (s: KioskState & KioskActions) => T): T {
  return useStore(useKioskStore(), selector);
}

/**
 * The actions. A stable object (one per store): safe in effect dependencies. Read state through
 * useKiosk, never through this object.
 */
export function useActions(): KioskActions {
  const store = useKioskStore();
  return useMemo(() => {
    const s = store.getState();
    const actions = {} as Record<string, unknown>;
    for (const [k, v] of Object.entries(s)) if (typeof v === 'function') actions[k] = v;
    return actions as unknown as KioskActions;
  }, [store]);
}
