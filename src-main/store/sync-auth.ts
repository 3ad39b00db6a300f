/**
 * Message security for LAN sync between the terminals of a group.
 *
 * Requests carry an HMAC-SHA256 (under the group's sync-MAC key) over the method, path, group,
 * sender terminal, time, a fresh nonce and the body's hash. Responses are sealed with AES-256-GCM
 * under the sync-seal key, with the request's nonce in the associated data — so a response is
 * readable only by group members and cannot be replayed as the answer to another request.
 * Pull requests are read-only, so replaying a captured request yields only ciphertext.
 */
import { randomBytes } from 'node:crypto';
import { StoreError } from './errors.ts';
import { hmacHex, macEquals, seal, sha256Hex, unseal } from './keys.ts';
import type { Store } from './store.ts';

export const SYNC_HEADERS = {
  group: 'x-kakanai-group',
  terminal: 'x-kakanai-terminal',
  time: 'x-kakanai-time',
  nonce: 'x-kakanai-nonce',
  mac: 'x-kakanai-mac',
} as const;

export interface SignedRequestHeaders {
  group: string;
  terminal: string;
  time: string;
  nonce: string;
  mac: string;
}

function macInput(method: string, path: string, h: Omit<SignedRequestHeaders, 'mac'>, body: string): string {
  return ['kakanai-sync/1', method, path, h.group, h.terminal, h.time, h.nonce, sha256Hex(body)].join('\n');
}

export function signRequest(store: Store, method: string, path: string, body: string): SignedRequestHeaders {
  const h = {
    group: store.groupId,
    terminal: store.terminalId,
    time: String(Date.now()),
    nonce: randomBytes(16).toString('hex'),
  };
  const key = store.subkey('sync-mac/v1');
  try {
    return { ...h, mac: hmacHex(key, macInput(method, path, h, body)) };
  } finally {
    key.fill(0);
  }
}

/** Throws WRONG_GROUP or TAMPERED; returns the verified headers. */
export function verifyRequest(
  store: Store,
  method: string,
  path: string,
  headers: Partial<SignedRequestHeaders>,
  body: string,
): SignedRequestHeaders {
  const { group, terminal, time, nonce, mac } = headers;
  if (!group || !terminal || !time || !nonce || !mac)
    throw new StoreError('TAMPERED', 'missing auth headers');
  if (group !== store.groupId) throw new StoreError('WRONG_GROUP', `peer is in group ${group}`);
  if (!/^[0-9a-f]{32}$/.test(nonce) || !/^\d{1,16}$/.test(time))
    throw new StoreError('TAMPERED', 'bad nonce/time');
  const key = store.subkey('sync-mac/v1');
  try {
    const expected = hmacHex(key, macInput(method, path, { group, terminal, time, nonce }, body));
    if (!macEquals(expected, mac)) throw new StoreError('TAMPERED', 'request MAC mismatch');
  } finally {
    key.fill(0);
  }
  return { group, terminal, time, nonce, mac };
}

/**
 * Refuses a signed request seen before (a replay of a captured request) or one whose time is far
 * from this terminal's clock (an old capture). Nonces are kept as long as their time is inside the
 * window. The window is wide (an hour by default): terminals set up the same morning may still
 * drift, and a wrong clock must not stop sync silently — it is reported as such.
 */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  constructor(
    private readonly windowMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  check(headers: Pick<SignedRequestHeaders, 'time' | 'nonce'>): void {
    const now = this.now();
    const at = Number(headers.time);
    if (Math.abs(now - at) > this.windowMs) {
      throw new StoreError(
        'CLOCK_SKEW',
        `request time ${new Date(at).toISOString()}, here ${new Date(now).toISOString()}`,
      );
    }
    for (const [nonce, forgetAt] of this.#seen) {
      if (forgetAt > now) break; // insertion order ≈ time order
      this.#seen.delete(nonce);
    }
    if (this.#seen.has(headers.nonce)) throw new StoreError('TAMPERED', 'replayed request');
    this.#seen.set(headers.nonce, Math.max(now, at) + this.windowMs);
  }
}

function responseAad(path: string, nonce: string): Buffer {
  return Buffer.from(`kakanai-sync/1 response\n${path}\n${nonce}`, 'utf8');
}

export function sealResponse(store: Store, path: string, nonce: string, value: unknown): Buffer {
  const key = store.subkey('sync-seal/v1');
  try {
    return seal(key, responseAad(path, nonce), Buffer.from(JSON.stringify(value), 'utf8'));
  } finally {
    key.fill(0);
  }
}

export function openResponse(store: Store, path: string, nonce: string, body: Buffer): unknown {
  const key = store.subkey('sync-seal/v1');
  try {
    return JSON.parse(unseal(key, responseAad(path, nonce), body).toString('utf8')) as unknown;
  } finally {
    key.fill(0);
  }
}
