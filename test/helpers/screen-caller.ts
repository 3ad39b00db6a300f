/**
 * Calls the running server's contract as a kiosk screen does: JSON over POST /api/call/<name>,
 * remembering the visit key a new visit (`session.wipe` reason "user") hands out and sending it
 * with every later call, as src-renderer/api/client.ts does.
 */
import { VISIT_HEADER } from '../../src-main/contract/index.ts';

export interface CallAnswer<V = Record<string, unknown>> {
  ok: boolean;
  value?: V;
  error?: { code: string; retriesLeft?: number };
}

export function screenCaller(baseUrl: () => string) {
  let visitKey: string | undefined;
  return async function call<V = Record<string, unknown>>(
    name: string,
    input: unknown = {},
  ): Promise<CallAnswer<V>> {
    const res = await fetch(`${baseUrl()}api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(visitKey ? { [VISIT_HEADER]: visitKey } : {}) },
      body: JSON.stringify(input),
    });
    const answer = (await res.json()) as CallAnswer<V>;
    const key = (answer.value as { visitKey?: unknown } | undefined)?.visitKey;
    if (name === 'session.wipe' && typeof key === 'string') visitKey = key;
    return answer;
  };
}
