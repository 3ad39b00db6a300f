/**
 * React access to the kiosk store: `useKiosk(s => s.screen)` re-renders on that slice only.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { KioskActions, KioskState, KioskStore } from '../state/kiosk-store.ts';

export const StoreContext = createContext<KioskStore | null>(null);

export function useKioskStore(): KioskStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useKiosk outside <StoreContext.Provider>');
  return store;
}

export function useKiosk<T>(selector: (s: KioskState & KioskActions) => T): T {
  return useStore(useKioskStore(), selector);
}

/** The actions, which never change identity. */
export function useActions(): KioskActions {
  return useKioskStore().getState();
}
