/**
 * The one API client of the page (Electron preload or HTTP + WebSocket), given to every mode by
 * context: a mode never opens a connection of its own.
 */
import { createContext, useContext } from 'react';
import type { KioskClient } from '../api/client.ts';

export const ClientContext = createContext<KioskClient | null>(null);

export function useClient(): KioskClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}
