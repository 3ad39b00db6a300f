import { afterEach, describe, expect, it } from 'vitest';
import type { KioskEvent, Plan, ResidentView } from '../contract/index.ts';
import { createTestKiosk, type TestKiosk } from './testing.ts';

const ORDINARY_BNO = {
  birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
  expiryYear: 2035,
  securityCode: '2285',
} as const;

let kiosk: TestKiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

function collect(k: TestKiosk): KioskEvent[] {
  const events: KioskEvent[] = [];
  k.events.subscribe((e) => events.push(e));
  return events;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('counter journey through the contract', () => {
  it('moving in with 照合番号B: plan → card → inputs → preview → render → print → finish', async () => {
    kiosk = await createTestKiosk();
    const events = collect(kiosk);
    const plan = await kiosk.call<Plan>('planner.plan', {
      lifeEventId: 'moving',
      answers: { moveType: 'tennyu', who: 'self', kokuho: false, pension: false },
    });
    expect(plan.cardMethod).toBe('bno');
    expect(plan.forms.map((f) => f.id)).toEqual(['jumin-ido']);

    const id = await kiosk.call<{ retries: { pin: number; bno: number } }>('card.identify');
    expect(id.retries).toEqual({ pin: 3, bno: 10 });
    const resident = await kiosk.call<ResidentView>('card.read', { method: 'bno', bno: ORDINARY_BNO });
    expect(resident).toMatchObject({
      name: '山田　太郎',
      birthDate: '1980-02-17',
      birthDateWareki: '昭和55年2月17日',
      sex: 'male',
      myNumberRead: false,
    });
    expect(resident).not.toHaveProperty('myNumber');

    const inputs = await kiosk.call<{ inputs: { key: string }[]; values: Record<string, unknown> }>(
      'forms.inputs',
    );
    // moveType came from the answers, so it is not asked again but is already filled.
    expect(inputs.inputs.map((i) => i.key)).not.toContain('moveType');
    expect(inputs.values).toMatchObject({ moveType: 'tennyu', hasNhi: false });
    expect(await kiosk.call('forms.setInputs', { values: { nameKana: 'ヤマダ　タロウ' } })).toEqual({
      missing: ['phone'],
    });
    expect(await kiosk.call('forms.setInputs', { values: { phone: '090-1234-5678' } })).toEqual({
      missing: [],
    });

    const preview = await kiosk.call<{ forms: { formId: string; pdf?: string }[] }>('forms.preview', {});
    // Every page that will be printed: the form and the 手続き案内票.
    expect(preview.forms.map((f) => f.formId)).toEqual(['jumin-ido', 'tetsuzuki-annai']);
    expect(Buffer.from(preview.forms[0]!.pdf!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const render = await kiosk.call<{ renderId: string; forms: { formId: string }[]; pageCount: number }>(
      'forms.render',
      {},
    );
    // The 手続き案内票 is appended to the plan's forms.
    expect(render.forms.map((f) => f.formId)).toEqual(['jumin-ido', 'tetsuzuki-annai']);
    expect(render.pageCount).toBe(2);
    const lastRequest = kiosk.engine.requests.at(-1)!;
    expect(lastRequest.resident?.name).toBe('山田　太郎');
    expect(lastRequest.resident?.myNumber).toBeUndefined();
    expect(lastRequest.inputs).toMatchObject({ phone: '090-1234-5678', moveType: 'tennyu' });

    // Only the terminal's printer, and only this terminal's jobs.
    expect(
      await kiosk.router.call('print.submit', { renderId: render.renderId, printer: 'Someone-Elses-Queue' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'printer' } });
    expect(await kiosk.router.call('print.status', { jobId: 'PDF-4242' })).toMatchObject({
      ok: false,
      error: { code: 'JOB_NOT_FOUND' },
    });
    expect(await kiosk.router.call('print.cancel', { jobId: 'PDF-4242' })).toMatchObject({
      ok: false,
      error: { code: 'JOB_NOT_FOUND' },
    });
    const job = await kiosk.call<{ jobId: string }>('print.submit', { renderId: render.renderId });
    expect(await kiosk.router.call('print.status', { jobId: job.jobId })).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.type === 'print.progress' && e.job.phase === 'completed'));
    const phases = events
      .filter((e) => e.type === 'print.progress')
      .map((e) => (e.type === 'print.progress' ? e.job.phase : ''));
    expect(phases[0]).toBe('queued');
    expect(phases).toContain('printing');
    expect(kiosk.printer.jobs[0]!.jobId).toBe(job.jobId);
    expect(kiosk.printer.jobs[0]!.title).toMatch(/^kakanai-\d{6}$/);

    const before = await kiosk.call<{ sessionId: string }>('session.state');
    const finished = await kiosk.call<{ sessionId: string }>('session.finish', { printed: true });
    expect(finished.sessionId).not.toBe(before.sessionId);
    expect(events.at(-1)).toEqual({ type: 'session.wiped', reason: 'finish', sessionId: finished.sessionId });
    const stats = kiosk.services.statistics.summary();
    expect(stats.sessions).toBe(1);
    expect(stats.formsPrinted).toBe(1);
    expect(stats.byLifeEvent).toEqual({ moving: 1 });
  });

  it("typed inputs are checked against what the plan's forms declare", async () => {
    kiosk = await createTestKiosk();
    expect(await kiosk.router.call('forms.setInputs', { values: { phone: '03' } })).toMatchObject({
      ok: false,
      error: { code: 'NO_PLAN' },
    });
    await kiosk.call('planner.plan', {
      lifeEventId: 'moving',
      answers: { moveType: 'tennyu', who: 'family', children: false, kokuho: false, pension: false },
    });
    const refused = async (values: Record<string, unknown>, field: string) =>
      expect(await kiosk!.router.call('forms.setInputs', { values })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field },
      });
    await refused({ favouriteColour: 'blue' }, 'values.favouriteColour');
    await refused({ moveType: 'teleport' }, 'values.moveType');
    await refused({ phone: 'call me' }, 'values.phone');
    // A move 80 years ahead, or a member born tomorrow: outside the form's date range.
    await refused({ moveDate: '2106-12-11' }, 'values.moveDate');
    await refused({ members: [{ name: '山田　花子', birthDate: '2999-01-01' }] }, 'values.members');
    await refused({ hasNhi: 'yes' }, 'values.hasNhi');
    await refused({ members: [{ name: '山田　花子', shoeSize: '23' }] }, 'values.members');
    await refused({ members: Array.from({ length: 6 }, () => ({ name: 'x' })) }, 'values.members');
    // Control and bidi characters (they would print as 〓 or reorder the line), and endless text.
    await refused({ members: [{ name: '山田\u0000花子' }] }, 'values.members');
    await refused({ members: [{ name: '\u202Eコ花　田山' }] }, 'values.members');
    await refused({ members: [{ name: 'あ'.repeat(501) }] }, 'values.members');
    expect(kiosk.services.session.inputs).not.toHaveProperty('favouriteColour');
    expect(
      await kiosk.call('forms.setInputs', { values: { members: [{ name: '山田　花子' }], phone: '' } }),
    ).toEqual({
      missing: ['phone'],
    });
  });

  it('a form that is not installed takes only the plans that need it off the kiosk', async () => {
    const { FAKE_FORMS } = await import('./testing.ts');
    const forms: Record<string, boolean> = { ...FAKE_FORMS };
    delete forms['jido-teate'];
    kiosk = await createTestKiosk({ forms });
    expect(
      (await kiosk.call<{ lifeEvents: unknown[] }>('planner.lifeEvents')).lifeEvents.length,
    ).toBeGreaterThan(5);
    expect(
      await kiosk.router.call('planner.plan', {
        lifeEventId: 'birth',
        answers: { receivingAllowance: false, kokuho: false },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORM_NOT_FOUND', field: 'jido-teate' },
    });
    expect(
      (
        await kiosk.router.call('planner.plan', {
          lifeEventId: 'seal-registration',
          answers: { alsoCertificate: true },
        })
      ).ok,
    ).toBe(true);
  });

  it('a birth needs the PIN because 児童手当 prints the 個人番号, and only then is it read', async () => {
    kiosk = await createTestKiosk();
    const plan = await kiosk.call<Plan>('planner.plan', {
      lifeEventId: 'birth',
      answers: { receivingAllowance: false, kokuho: false },
    });
    expect(plan.cardMethod).toBe('pin');
    expect(plan.cardMethodReason.ja).toContain('個人番号');
    const view = await kiosk.call<ResidentView>('card.read', { method: 'pin', pin: '1234' });
    expect(view.myNumberRead).toBe(true);
    await kiosk.call('forms.setInputs', { values: { phone: '0312345678' } });
    await kiosk.call('forms.preview', {});
    expect(kiosk.engine.requests.at(-1)!.resident?.myNumber).toBe('123456789018');
  });

  it('wrong PIN then right; retries are reported and never spent silently', async () => {
    kiosk = await createTestKiosk();
    await kiosk.call('planner.plan', {
      lifeEventId: 'birth',
      answers: { receivingAllowance: true, kokuho: false },
    });
    const wrong = await kiosk.router.call('card.read', { method: 'pin', pin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET', retriesLeft: 2 } });
    expect(await kiosk.call('card.retries')).toEqual({ pin: 2, bno: 10 });
    await kiosk.call('card.read', { method: 'pin', pin: '1234' });
    // A right PIN resets the counter; the card was powered off after the read (no verification lingers).
    expect(await kiosk.call('card.retries')).toEqual({ pin: 3, bno: 10 });
  });

  it('the last try needs confirmation; a blocked card is reported as BLOCKED', async () => {
    kiosk = await createTestKiosk({ persona: 'one-try-left' });
    const r = await kiosk.router.call('card.read', { method: 'pin', pin: '5555' });
    expect(r).toMatchObject({ ok: false, error: { code: 'LAST_TRY_NEEDS_CONFIRMATION', retriesLeft: 1 } });
    expect(kiosk.reader.card).toBeDefined();
    const ok = await kiosk.router.call('card.read', { method: 'pin', pin: '5555', confirmLastTry: true });
    expect(ok.ok).toBe(true);
    await kiosk.close();

    kiosk = await createTestKiosk({ persona: 'blocked' });
    const blocked = await kiosk.router.call('card.read', {
      method: 'bno',
      bno: { birth: { date: '1955-12-01' }, expiryYear: 2033, securityCode: '8080' },
    });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'BLOCKED' } });
  });

  it('blocked card → blank forms still print', async () => {
    kiosk = await createTestKiosk({ persona: 'blocked' });
    await kiosk.call('planner.plan', {
      lifeEventId: 'seal-registration',
      answers: { alsoCertificate: false },
    });
    const noCard = await kiosk.router.call('forms.render', {});
    expect(noCard).toMatchObject({ ok: false, error: { code: 'NO_RESIDENT' } });
    const blank = await kiosk.call<{ renderId: string }>('forms.render', { blank: true });
    expect(kiosk.engine.requests.at(-1)).toMatchObject({ blank: true });
    expect(kiosk.engine.requests.at(-1)!.resident).toBeUndefined();
    expect(await kiosk.call('print.submit', { renderId: blank.renderId })).toMatchObject({ printer: 'PDF' });
  });

  it('wrong card, no card and no reader each have their own code', async () => {
    kiosk = await createTestKiosk({ persona: 'not-mynumber' });
    expect(await kiosk.router.call('card.identify', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_MYNUMBER_CARD' },
    });
    kiosk.reader.remove();
    expect(await kiosk.router.call('card.identify', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_CARD' },
    });
    expect(await kiosk.call('card.status')).toMatchObject({ state: 'no-card' });
    await kiosk.reader.close();
    expect(await kiosk.router.call('card.identify', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_READER' },
    });
  });

  it('the card stays connected from identify to read (one connection), and is released after', async () => {
    kiosk = await createTestKiosk();
    const { vi } = await import('vitest');
    const connect = vi.spyOn(kiosk.reader, 'connect');
    await kiosk.call('card.identify');
    await kiosk.call('card.retries');
    await kiosk.call('card.read', { method: 'bno', bno: ORDINARY_BNO });
    expect(connect).toHaveBeenCalledTimes(1);
    // Released with power-off: the next operation connects again and nothing is verified.
    expect(await kiosk.call('card.retries')).toEqual({ pin: 3, bno: 10 });
    expect(connect).toHaveBeenCalledTimes(2);
    // A held card is let go when it leaves the reader; the next card is a new connection.
    kiosk.reader.remove();
    expect(await kiosk.router.call('card.read', { method: 'bno', bno: ORDINARY_BNO })).toMatchObject({
      ok: false,
      error: { code: 'NO_CARD' },
    });
    kiosk.reader.insert('reiwa-child');
    const child = await kiosk.call<{ birthDate: string }>('card.read', {
      method: 'bno',
      bno: { birth: { era: 'reiwa', eraYear: 2, month: 2, day: 24 }, expiryYear: 2028, securityCode: '0224' },
    });
    expect(child.birthDate).toBe('2020-02-24');
    // A wipe releases a held card too.
    await kiosk.call('card.identify');
    await kiosk.call('session.wipe', { reason: 'user' });
    await new Promise((r) => setTimeout(r, 10));
    await kiosk.call('card.identify');
    // 1 identify+retries+read, 2 retries, 3 read without a card, 4 the new card, 5 identify, 6 after the wipe.
    expect(connect).toHaveBeenCalledTimes(6);
  });

  it('readers outside the configured filter are ignored, events included', async () => {
    kiosk = await createTestKiosk({
      config: { reader: { filter: 'Virtual PCD 00 01', extendedApdu: 'auto' } },
    });
    const events = collect(kiosk);
    kiosk.reader.remove();
    kiosk.reader.insert();
    expect(events.filter((e) => e.type === 'card')).toEqual([]);
    expect(await kiosk.call('card.status')).toMatchObject({ state: 'no-reader', readers: [] });
    expect(await kiosk.router.call('card.identify', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_READER' },
    });
  });

  it('card pulled during reading → CARD_REMOVED, and the card event arrives', async () => {
    kiosk = await createTestKiosk();
    const events = collect(kiosk);
    kiosk.reader.pullAfter(3);
    const r = await kiosk.router.call('card.read', { method: 'bno', bno: ORDINARY_BNO });
    expect(r).toMatchObject({ ok: false, error: { code: 'CARD_REMOVED' } });
    expect(events).toContainEqual({ type: 'card', kind: 'card-removed', reader: 'Kakanai Virtual Card 00' });
  });

  it('print refusals (paper out) come back as typed errors', async () => {
    kiosk = await createTestKiosk();
    await kiosk.call('planner.plan', {
      lifeEventId: 'seal-registration',
      answers: { alsoCertificate: false },
    });
    const { renderId } = await kiosk.call<{ renderId: string }>('forms.render', { blank: true });
    kiosk.printer.script = { refuse: 'OUT_OF_PAPER' };
    expect(await kiosk.router.call('print.submit', { renderId })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_PAPER' },
    });
    kiosk.printer.script = 'fail';
    const events = collect(kiosk);
    await kiosk.call('print.submit', { renderId });
    await until(() => events.some((e) => e.type === 'print.progress' && e.job.phase === 'failed'));
    const failed = events.find((e) => e.type === 'print.progress' && e.job.phase === 'failed');
    expect(failed).toMatchObject({ job: { error: { code: 'JOB_FAILED' } } });
  });

  it('demo: offered only without a reader; then the virtual card is placed from the screen', async () => {
    kiosk = await createTestKiosk();
    expect(await kiosk.router.call('demo.start', {})).toMatchObject({
      ok: false,
      error: { code: 'DEMO_NOT_ACTIVE' },
    });
    await kiosk.reader.close(); // no reader any more
    const info = await kiosk.call<{ demo: { offerable: boolean } }>('app.info');
    expect(info.demo.offerable).toBe(true);
    const started = await kiosk.call<{ personas: { id: string }[] }>('demo.start');
    expect(started.personas.map((p) => p.id)).toContain('ordinary');
    expect(await kiosk.call('app.info')).toMatchObject({ demo: { active: true, reason: 'no-reader' } });
    expect(await kiosk.call('card.status')).toMatchObject({ state: 'no-card', demo: true });
    await kiosk.call('demo.insertCard', { persona: 'reiwa-child' });
    expect(await kiosk.call('card.status')).toMatchObject({ state: 'card-present' });
    const view = await kiosk.call<ResidentView>('card.read', {
      method: 'bno',
      bno: { birth: { era: 'reiwa', eraYear: 2, month: 2, day: 24 }, expiryYear: 2028, securityCode: '0224' },
    });
    expect(view.birthDate).toBe('2020-02-24');
    expect(await kiosk.router.call('demo.insertCard', { persona: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'PERSONA_NOT_FOUND' },
    });
  });

  it('staff: operator login, assist mode, settings and statistics need the token', async () => {
    const { hashOperatorPin } = await import('../services/operator-pin.ts');
    const { Secret } = await import('../card/secret.ts');
    const pinHash = await hashOperatorPin(Secret.fromString('2468'));
    kiosk = await createTestKiosk({ config: { operator: { pinHash, sessionMinutes: 15 } } });
    expect(await kiosk.router.call('stats.summary', { token: 'x'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    const { token } = await kiosk.call<{ token: string }>('operator.login', { pin: '2468' });
    await kiosk.call('operator.assist', { token, on: true });
    expect(await kiosk.call('session.state')).toMatchObject({ assist: true });
    const settings = await kiosk.call<Record<string, unknown>>('settings.get', { token });
    expect(JSON.stringify(settings)).not.toContain('scrypt');
    const updated = await kiosk.call<{ idle: { timeoutSec: number } }>('settings.update', {
      token,
      patch: { idle: { timeoutSec: 90, warningSec: 20 } },
    });
    expect(updated.idle.timeoutSec).toBe(90);
    expect(
      await kiosk.router.call('settings.update', {
        token,
        patch: { idle: { timeoutSec: 30, warningSec: 40 } },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', field: 'idle.warningSec' },
    });
    expect((await kiosk.call<{ sessions: number }>('stats.summary', { token })).sessions).toBe(0);
  });
});

describe('modes plugged into the core', () => {
  it('the election desk answers NOT_IMPLEMENTED on a terminal not in election mode, before any store is touched', async () => {
    kiosk = await createTestKiosk({ config: { mode: 'counter' } });
    for (const [name, input] of [
      ['election.status', {}],
      ['election.open', { passphrase: 'any passphrase at all' }],
      ['election.identifyRoll', { rollNumber: '0001' }],
    ] as const) {
      expect(await kiosk.router.call(name, input), name).toMatchObject({
        ok: false,
        error: { code: 'NOT_IMPLEMENTED', messageJa: 'この端末は選挙受付の設定ではありません。' },
      });
    }
  });

  it("the counter's planner answers on every terminal (it is not exclusive)", async () => {
    kiosk = await createTestKiosk({ config: { mode: 'election' } });
    expect(await kiosk.router.call('planner.lifeEvents', {})).toMatchObject({ ok: true });
  });

  it("an exclusive mode's calls answer NOT_IMPLEMENTED on a terminal of another mode", async () => {
    kiosk = await createTestKiosk();
    expect(await kiosk.router.call('shelter.status', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_IMPLEMENTED' },
    });
    expect(await kiosk.router.call('fare.status', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_IMPLEMENTED' },
    });
  });
});

describe('addresses without writing', () => {
  it('answers postal codes and place lists, own city first, and refuses a malformed code', async () => {
    // 中央区 (131024): where a code is shared, the terminal's own city comes first.
    kiosk = await createTestKiosk({ config: { municipality: { name: '中央区', code: '131024' } } });
    expect(await kiosk.call('address.lookup', { postalCode: '1040061' })).toEqual({
      places: [
        { postalCode: '1040061', prefecture: '東京都', city: '中央区', cityCode: '13102', town: '銀座' },
      ],
    });
    expect(await kiosk.call('address.lookup', { postalCode: '0000000' })).toEqual({ places: [] });
    expect(await kiosk.router.call('address.lookup', { postalCode: '104-0061' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'postalCode' },
    });
    const own = await kiosk.call<{ city: { name: string } | null; towns: { town: string }[] }>(
      'address.towns',
      {},
    );
    expect(own.city?.name).toBe('中央区');
    expect(own.towns.map((t) => t.town)).toContain('銀座');
    const prefs = await kiosk.call<{ prefectures: { code: string }[] }>('address.prefectures');
    expect(prefs.prefectures).toHaveLength(47);
    const cities = await kiosk.call<{ cities: { name: string }[] }>('address.cities', { prefCode: '47' });
    expect(cities.cities.map((c) => c.name)).toContain('那覇市');
  });
});
