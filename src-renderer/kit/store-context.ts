/**
 * React access to a mode's vanilla zustand store, made once for every mode:
 * `useSelect(s => s.screen)` re-renders on that slice only; `useActions()` is a stable object of
 * the store's functions (safe in effect dependencies — read state through useSelect, never
 * through it); `useModeStore(create)` makes the store once and runs its start()/stop() with the
 * component.
 */
import { createContext, useContext, useEffect, useMemo, useState, type Context } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';

export interface StoreHooks<T> {
  Context: Context<StoreApi<T> | null>;
  useSelect<U>(selector: (s: T) => U): U;
  useActions(): T;
  useStoreApi(): StoreApi<T>;
}

export function createStoreHooks<T extends object>(name: string): StoreHooks<T> {
  const Context = createContext<StoreApi<T> | null>(null);
  const useStoreApi = () => {
    const store = useContext(Context);
    if (!store) throw new Error(`${name} used outside its store's provider`);
    return store;
  };
  return {
    Context,
    useStoreApi,
    useSelect: (selector) => useStore(useStoreApi(), selector),
    useActions: () => {
      const store = useStoreApi();
      return useMemo(() => {
        const actions = {} as Record<string, unknown>;
        for (const [k, v] of Object.entries(store.getState())) if (typeof v === 'function') actions[k] = v;
        return actions as T;
      }, [store]);
    },
  };
}

/** The mode's store, made once; start() when shown, stop() when the mode goes. */
export function useModeStore<S extends StoreApi<{ start(): Promise<void>; stop(): void }>>(
  create: () => S,
): S {
  const [store] = useState(create);
  useEffect(() => {
    void store.getState().start();
    return () => store.getState().stop();
  }, [store]);
  return store;
}
