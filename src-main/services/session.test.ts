import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskEvent } from '../contract/index.ts';
import { EventBus } from '../contract/event-bus.ts';
import { createTestKiosk, type TestKiosk } from '../api/testing.ts';
import { SessionService } from './session-service.ts';
import { StatisticsService } from './statistics-service.ts';

const BNO = {
  birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
  expiryYear: 2035,
  securityCode: '2285',
};
/** Personal values of the 'ordinary' persona and what the resident typed. */
const PERSONAL = ['山田', '太郎', '日本大通', '1980-02-17', '123456789018', '090-1234-5678', 'ヤマダ'];

let kiosk: TestKiosk | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await kiosk?.close();
  kiosk = undefined;
});

/** Runs a birth journey (PIN, so the 個人番号 is read) up to a rendered document. */
async function journey(k: TestKiosk): Promise<string> {
  await k.call('session.setLanguage', { language: 'en' });
  await k.call('planner.plan', {
    lifeEventId: 'birth',
    answers: { receivingAllowance: false, kokuho: true },
  });
  await k.call('card.read', { method: 'pin', pin: '1234' });
  await k.call('forms.setInputs', { values: { phone: '090-1234-5678', nameKana: 'ヤマダ　タロウ' } });
  const { renderId } = await k.call<{ renderId: string }>('forms.render', {});
  return renderId;
}

/** Everything the services would still hand out about the session. */
function residentTraces(k: TestKiosk): string {
  const s = k.services.session;
  return JSON.stringify({
    state: s.state(),
    resident: s.resident,
    inputs: s.inputs,
    plan: s.plan,
    answers: s.answers,
  });
}

describe('session wipe', () => {
  it('finish: no resident data remains, rendered PDFs are zeroed, a new session id starts', async () => {
    kiosk = await createTestKiosk();
    const renderId = await journey(kiosk);
    const pdf = kiosk.services.session.getRender(renderId)!.pdf;
    expect(residentTraces(kiosk)).toContain('山田');
    const old = kiosk.services.session.id;
    await kiosk.call('session.finish', { printed: false });
    const traces = residentTraces(kiosk);
    for (const v of PERSONAL) expect(traces).not.toContain(v);
    expect(kiosk.services.session.resident).toBeNull();
    expect(kiosk.services.session.getRender(renderId)).toBeUndefined();
    expect(pdf.every((b) => b === 0)).toBe(true);
    expect(kiosk.services.session.id).not.toBe(old);
    expect(await kiosk.router.call('forms.render', {})).toMatchObject({
      ok: false,
      error: { code: 'NO_PLAN' },
    });
    expect(await kiosk.router.call('print.submit', { renderId })).toMatchObject({
      ok: false,
      error: { code: 'RENDER_NOT_FOUND' },
    });
  });

  it('idle: a countdown the resident can cancel, then a wipe', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const events: KioskEvent[] = [];
    const bus = new EventBus();
    bus.subscribe((e) => events.push(e));
    const s = new SessionService({
      events: bus,
      idle: () => ({ timeoutSec: 60, warningSec: 10 }),
      defaultLanguage: () => 'ja',
    });
    // Nothing in the session: no countdown on the attract screen.
    s.touch();
    vi.advanceTimersByTime(120_000);
    expect(events).toEqual([]);

    s.setResident({
      name: '山田　太郎',
      address: '横浜市',
      birthDate: '1980-02-17',
      sex: 'male',
      method: 'bno',
    });
    vi.advanceTimersByTime(50_000);
    expect(events).toEqual([{ type: 'session.idle-warning', secondsLeft: 10, countdown: 1 }]);
    vi.advanceTimersByTime(3000);
    expect(events.at(-1)).toEqual({ type: 'session.idle-warning', secondsLeft: 7, countdown: 1 });
    s.touch(); // the resident taps "continue"
    vi.advanceTimersByTime(49_000);
    expect(events.some((e) => e.type === 'session.wiped')).toBe(false);
    expect(s.resident).not.toBeNull();
    vi.advanceTimersByTime(11_000);
    expect(events.at(-1)).toMatchObject({ type: 'session.wiped', reason: 'idle' });
    expect(s.resident).toBeNull();
    s.close();
  });

  it('idle through the whole kiosk wipes card data and inputs', async () => {
    kiosk = await createTestKiosk({ config: { idle: { timeoutSec: 30, warningSec: 5 } } });
    await kiosk.call('planner.plan', {
      lifeEventId: 'seal-registration',
      answers: { alsoCertificate: false },
    });
    await kiosk.call('card.read', { method: 'bno', bno: BNO });
    // From here on the clock is ours; the next activity re-arms the idle timer on it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await kiosk.call('forms.setInputs', { values: { phone: '090-1234-5678' } });
    vi.advanceTimersByTime(24_000);
    expect(kiosk.services.session.resident).not.toBeNull();
    vi.advanceTimersByTime(31_000);
    const traces = residentTraces(kiosk);
    for (const v of PERSONAL) expect(traces).not.toContain(v);
    expect(kiosk.services.statistics.summary().byEndReason).toEqual({ idle: 1 });
  });

  it('card removal wipes when configured, and not otherwise', async () => {
    kiosk = await createTestKiosk();
    await kiosk.call('planner.plan', {
      lifeEventId: 'seal-registration',
      answers: { alsoCertificate: false },
    });
    await kiosk.call('card.read', { method: 'bno', bno: BNO });
    kiosk.reader.remove();
    expect(kiosk.services.session.resident).toBeNull();
    expect(kiosk.services.statistics.summary().byEndReason).toEqual({ 'card-removed': 1 });
    await kiosk.close();

    kiosk = await createTestKiosk({ config: { privacy: { wipeOnCardRemoval: false } } });
    await kiosk.call('card.read', { method: 'bno', bno: BNO });
    kiosk.reader.remove();
    expect(kiosk.services.session.resident?.name).toBe('山田　太郎');
  });
});

describe('anonymous statistics', () => {
  it('hold no personal field, in memory or in the counts file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-stats-'));
    kiosk = await createTestKiosk({
      config: { statistics: { enabled: true, file: 'statistics.json' } },
      configPath: join(dir, 'terminal.json'),
    });
    await journey(kiosk);
    await kiosk.call('session.finish', { printed: false });
    await journey(kiosk);
    await kiosk.call('session.wipe', { reason: 'user' });

    const summary = kiosk.services.statistics.summary();
    const file = readFileSync(join(dir, 'statistics.json'), 'utf8');
    for (const text of [JSON.stringify(summary), file]) {
      for (const v of PERSONAL) expect(text).not.toContain(v);
      expect(text).not.toMatch(/name|address|birthDate|myNumber|phone|kana/i);
    }
    expect(summary.sessions).toBe(2);
    expect(summary.byLifeEvent).toEqual({ birth: 2 });
    expect(summary.byLanguage).toEqual({ en: 2 });
    expect(summary.byEndReason).toEqual({ finish: 1, user: 1 });
    const weekdayHour = summary.byWeekdayHour.flat().reduce((a, b) => a + b, 0);
    expect(weekdayHour).toBe(2);
    expect(Object.keys(JSON.parse(file)).sort()).toEqual(
      [
        'byEndReason',
        'byLanguage',
        'byLifeEvent',
        'byWeekdayHour',
        'durationHistogram',
        'formsPrinted',
        'printedSessions',
        'sessions',
        'since',
        'version',
      ].sort(),
    );
  });

  it('counts by weekday and hour, durations as a histogram, and survive a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-stats-'));
    const file = join(dir, 's.json');
    const a = new StatisticsService({ file });
    const monday10 = new Date(2026, 10, 23, 10, 15);
    a.record({
      startedAt: monday10,
      durationSec: 95,
      lifeEventId: 'moving',
      language: 'ja',
      formsPrinted: 2,
      printed: true,
      endReason: 'finish',
    });
    a.record({
      startedAt: monday10,
      durationSec: 300,
      lifeEventId: 'birth',
      language: 'vi',
      formsPrinted: 0,
      printed: false,
      endReason: 'idle',
    });
    const b = new StatisticsService({ file });
    const s = b.summary();
    expect(s.byWeekdayHour[1]![10]).toBe(2);
    expect(s.sessions).toBe(2);
    expect(s.printedSessions).toBe(1);
    expect(s.formsPrinted).toBe(2);
    expect(s.durationSec.median).toBe(95);
    expect(s.durationSec.p90).toBe(305);
  });

  it('an empty session (attract screen) is not counted', async () => {
    kiosk = await createTestKiosk();
    await kiosk.call('session.wipe', { reason: 'user' });
    expect(kiosk.services.statistics.summary().sessions).toBe(0);
  });
});
