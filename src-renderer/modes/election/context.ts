/**
 * React access to the election desk store: `useDesk(s => s.screen)` re-renders on that slice only;
 * `useDeskActions()` is a stable object of the store's actions.
 */
import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { DeskActions, DeskState, DeskStore } from './desk-store.ts';

export const DeskContext = createContext<DeskStore | null>(null);

function useDeskStore(): DeskStore {
  const store = useContext(DeskContext);
  if (!store) throw new Error('useDesk outside <DeskContext.Provider>');
  return store;
}

export function useDesk<T>(selector: (s: DeskState & DeskActions) => T): T {
  return useStore(useDeskStore(), selector);
}

export function useDeskActions(): DeskActions {
  const store = useDeskStore();
  return useMemo(() => {
    const s = store.getState();
    const actions = {} as Record<string, unknown>;
    for (const [k, v] of Object.entries(s)) if (typeof v === 'function') actions[k] = v;
    return actions as unknown as DeskActions;
  }, [store]);
}
