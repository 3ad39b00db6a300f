import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CardError } from '../card/errors.ts';
import { PrintError } from '../print/errors.ts';
import { API_ERROR_CODES, CALLS, CALL_NAMES, kioskEventSchema, type CallName } from '../contract/index.ts';
import { fail } from '../contract/errors.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from './ipc.ts';
import type { Handlers } from '../contract/handlers.ts';
import { Router } from './router.ts';

/** Handlers that all fail, except the ones a test overrides. */
function handlers(overrides: Partial<Record<CallName, (input: never) => unknown>>): Handlers {
  const all: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    all[name] = overrides[name] ?? (() => Promise.reject(new Error('not under test')));
  }
  return all as Handlers;
}

describe('contract', () => {
  it('every call has a doc, an input and an output schema, and a strict input', () => {
    for (const name of CALL_NAMES) {
      const spec = CALLS[name];
      expect(spec.doc.length, name).toBeGreaterThan(10);
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      // An unknown key in the input is refused (no silent extra data).
      const r = spec.input.safeParse({ __extra: 1 });
      expect(r.success, name).toBe(false);
    }
  });

  it('the preload repeats the IPC channel names exactly', () => {
    const preload = readFileSync(new URL('../electron/preload.ts', import.meta.url), 'utf8');
    expect(preload).toContain(`'${IPC_CALL_CHANNEL}'`);
    expect(preload).toContain(`'${IPC_EVENT_CHANNEL}'`);
  });

  it('the contract imports only zod, its own schema files and import-free code lists (it loads in the browser)', () => {
    const importsOf = (file: URL) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export) [^;]*? from '([^']+)';$/gms)].map(
        (m) => m[1]!,
      );
    const seen = new Set<string>();
    const outside: string[] = [];
    const walk = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      for (const i of importsOf(file)) {
        if (i === 'zod') continue;
        const target = new URL(i, file);
        if (i.startsWith('./')) walk(target);
        else outside.push(i);
      }
    };
    walk(new URL('../contract/index.ts', import.meta.url));
    expect(seen.size).toBeGreaterThan(8);
    expect([...new Set(outside)].sort()).toEqual(['../card/error-codes.ts', '../print/error-codes.ts']);
    for (const i of outside)
      expect(importsOf(new URL(i, new URL('../contract/index.ts', import.meta.url))), i).toEqual([]);
  });

  it("the renderer's client takes only the contract's types (no zod, no Node code in the bundle)", () => {
    const src = readFileSync(new URL('../../src-renderer/api/client.ts', import.meta.url), 'utf8');
    const imports = [...src.matchAll(/^import (type )?[^;]*? from '([^']+)';$/gms)];
    expect(imports.length).toBeGreaterThan(0);
    for (const m of imports) expect(m[1], m[0]).toBe('type ');
  });

  it('events are validated: a malformed event does not parse', () => {
    expect(kioskEventSchema.safeParse({ type: 'card', kind: 'card-inserted', reader: 'R' }).success).toBe(
      true,
    );
    expect(kioskEventSchema.safeParse({ type: 'card', kind: 'exploded', reader: 'R' }).success).toBe(false);
    expect(kioskEventSchema.safeParse({ type: 'session.wiped', reason: 'idle' }).success).toBe(false);
  });
});

describe('router', () => {
  it('rejects bad input with INVALID_INPUT naming the field, before the handler runs', async () => {
    let ran = false;
    const router = new Router(handlers({ 'card.read': () => ((ran = true), {}) }));
    const r = await router.call('card.read', { method: 'pin', pin: '12a4' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pin' } });
    const bno = await router.call('card.read', {
      method: 'bno',
      bno: {
        birth: { era: 'showa', eraYear: 55, month: 13, day: 1 },
        expiryYear: 2035,
        securityCode: '2285',
      },
    });
    expect(bno).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await router.call('card.read', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(ran).toBe(false);
  });

  it('the error message never echoes the secret that failed validation', async () => {
    const router = new Router(handlers({}));
    const r = await router.call('card.read', { method: 'pin', pin: '98765' });
    expect(JSON.stringify(r)).not.toContain('98765');
  });

  it('applies input defaults before the handler', async () => {
    let seen: unknown;
    const router = new Router(
      handlers({
        'forms.preview': (input) => {
          seen = input;
          return { forms: [] };
        },
      }),
    );
    await router.call('forms.preview', {});
    expect(seen).toEqual({ format: 'pdf', blank: false, dpi: 96, includeGuide: true });
  });

  it('unknown calls are a typed error', async () => {
    const r = await new Router(handlers({})).call('card.format', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('maps CardError, PrintError and ApiFailure to their codes; anything else to INTERNAL without its text', async () => {
    const router = new Router(
      handlers({
        'card.retries': () => {
          throw new CardError('WRONG_SECRET', { retriesLeft: 2, secret: 'kenhojoPin' });
        },
        'print.status': () => {
          throw new PrintError('OUT_OF_PAPER', { printer: 'PDF' });
        },
        'card.status': () => {
          throw fail('NO_PLAN', 'no plan', '計画なし', { field: 'x' });
        },
        'card.identify': () => {
          throw new Error('secret path /home/resident/山田');
        },
      }),
    );
    expect(await router.call('card.retries', {})).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'WRONG_SECRET',
        retriesLeft: 2,
        messageJa: expect.stringContaining('あと2回'),
      }),
    });
    expect(await router.call('print.status', { jobId: 'PDF-1' })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_PAPER', details: { printer: 'PDF' } },
    });
    expect(await router.call('card.status', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_PLAN', field: 'x' },
    });
    const internal = await router.call('card.identify', {});
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('山田');
  });

  it('every error code a failure can carry is in the contract', () => {
    for (const code of [
      'WRONG_SECRET',
      'BLOCKED',
      'OUT_OF_PAPER',
      'JOB_FAILED',
      'INVALID_INPUT',
      'INTERNAL',
    ]) {
      expect(API_ERROR_CODES).toContain(code);
    }
  });

  it('validates outputs: an invalid output becomes INVALID_OUTPUT, unknown keys are stripped', async () => {
    const router = new Router(
      handlers({
        'card.status': () => ({ readers: 'none', state: 'no-reader', demo: false }),
        'card.read': () => ({
          name: '山田　太郎',
          address: '横浜市',
          birthDate: '1980-02-17',
          birthDateWareki: '昭和55年2月17日',
          sex: 'male',
          myNumberRead: true,
          method: 'pin',
          myNumber: '123456789018',
        }),
      }),
    );
    expect(await router.call('card.status', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_OUTPUT', field: 'readers' },
    });
    const read = await router.call('card.read', { method: 'pin', pin: '1234' });
    expect(read.ok).toBe(true);
    expect(JSON.stringify(read)).not.toContain('123456789018');
  });

  it('records the main-side duration of every call', async () => {
    const router = new Router(handlers({ 'session.touch': () => ({ idleInSec: 90 }) }));
    for (let i = 0; i < 5; i++) await router.call('session.touch', {});
    await router.call('card.read', {});
    const snap = router.timings.snapshot();
    const touch = snap.calls.find((c) => c.name === 'session.touch')!;
    expect(touch.count).toBe(5);
    expect(touch.maxMs).toBeGreaterThanOrEqual(touch.p50Ms);
    expect(snap.calls.find((c) => c.name === 'card.read')?.count).toBe(1);
  });
});
