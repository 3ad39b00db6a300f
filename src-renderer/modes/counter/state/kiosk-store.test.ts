import { describe, expect, it, vi } from 'vitest';
import { createKioskStore } from './kiosk-store.ts';
import { err, FakeClient, ok, type FakeHandlers } from '../../../api/fake-client.ts';
import type { AppInfo, Plan, Question, ResidentView } from '../../../api/types.ts';

const info: AppInfo = {
  version: '0.1.0',
  mode: 'counter',
  terminalId: 't1',
  municipality: { name: '架空市', code: '999999' },
  counters: [{ id: 'shimin', name: '市民課 1番窓口' }],
  languages: ['ja', 'en'],
  defaultLanguage: 'ja',
  idle: { timeoutSec: 120, warningSec: 30 },
  wipeOnCardRemoval: true,
  demo: { active: false, reason: null, offerable: false, personas: [] },
  transport: 'http',
  startedAt: new Date().toISOString(),
};

const q1: Question = {
  id: 'moveType',
  kind: 'single',
  text: { ja: 'どこから？' },
  options: [
    { value: 'tennyu', label: { ja: '他の市区町村から' } },
    { value: 'tenkyo', label: { ja: '市内で' } },
  ],
};
const q2: Question = { id: 'children', kind: 'yesno', text: { ja: '子どもは？' }, options: [] };

function plan(cardMethod: Plan['cardMethod'], requiresMyNumber = cardMethod === 'pin'): Plan {
  return {
    lifeEventId: 'moving',
    procedures: [
      {
        id: 'tennyu',
        title: { ja: '転入届' },
        counter: { id: 'shimin', name: '市民課 1番窓口' },
        bring: [{ ja: '転出証明書' }],
        formIds: ['jumin-ido'],
      },
    ],
    forms: [{ id: 'jumin-ido', title: '住民異動届', requiresMyNumber }],
    counters: [{ id: 'shimin', name: '市民課 1番窓口' }],
    bring: [{ ja: '転出証明書' }],
    cardMethod,
    cardMethodReason: { ja: '理由' },
  };
}

const resident: ResidentView = {
  name: '山田　太郎',
  address: '神奈川県横浜市中区日本大通１－２－３０４',
  birthDate: '1980-02-17',
  birthDateWareki: '昭和55年2月17日',
  sex: 'male',
  myNumberRead: false,
  method: 'bno',
};

function setup(overrides: FakeHandlers = {}, cardMethod: Plan['cardMethod'] = 'bno') {
  const handlers: FakeHandlers = {
    'app.info': () => ok(info),
    'session.state': () =>
      ok({
        sessionId: 's1',
        startedAt: '',
        language: 'ja',
        lifeEventId: null,
        hasPlan: false,
        hasResident: false,
        inputKeys: [],
        assist: false,
      }),
    'card.status': () =>
      ok({ readers: [{ name: 'R', cardPresent: true }], state: 'card-present', demo: false }),
    'diagnostics.mark': () => ok({ done: true as const }),
    'session.setLanguage': () => ok({ done: true as const }),
    'session.touch': () => ok({ idleInSec: 120 }),
    'planner.lifeEvents': () => ok({ lifeEvents: [{ id: 'moving', title: { ja: '引越し' } }] }),
    'planner.questions': ({ answers }) => {
      const a = answers ?? {};
      const next = !('moveType' in a) ? 'moveType' : !('children' in a) ? 'children' : null;
      return ok({ questions: [q1, q2], next });
    },
    'planner.plan': () => ok(plan(cardMethod)),
    'card.identify': () => ok({ reader: 'R', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 3, bno: 10 } }),
    'card.retries': () => ok({ pin: 3, bno: 10 }),
    'card.read': () => ok(resident),
    'forms.inputs': () =>
      ok({
        inputs: [
          { key: 'phone', type: 'phone', label: '電話番号', required: true, formIds: ['jumin-ido'] },
          { key: 'nameKana', type: 'kana', label: 'フリガナ', required: false, formIds: ['jumin-ido'] },
        ],
        values: {},
      }),
    'forms.setInputs': () => ok({ missing: [] }),
    'forms.preview': () =>
      ok({ forms: [{ formId: 'jumin-ido', title: '住民異動届', pageCount: 1, pdf: 'JVBERi0=' }] }),
    'forms.render': () =>
      ok({
        renderId: 'r1',
        forms: [{ formId: 'jumin-ido', title: '住民異動届', pageCount: 1 }],
        pageCount: 2,
      }),
    'print.submit': () => ok({ jobId: 'PDF-7', printer: 'PDF' }),
    'print.status': () => ok({ jobId: 'PDF-7', printer: 'PDF', phase: 'printing' as const }),
    'session.finish': () => ok({ sessionId: 's2' }),
    'session.wipe': () => ok({ sessionId: 's3' }),
    ...overrides,
  };
  const client = new FakeClient(handlers);
  const onLanguage = vi.fn();
  const store = createKioskStore(client, { onLanguage, now: () => 0 });
  return { client, store, s: () => store.getState(), onLanguage };
}

async function toPlan(ctx: ReturnType<typeof setup>) {
  await ctx.s().start();
  await ctx.s().begin();
  await ctx.s().chooseLanguage('ja');
  await ctx.s().chooseLifeEvent('moving');
  await ctx.s().answer('moveType', 'tennyu');
  await ctx.s().answer('children', false);
}

describe('kiosk flow store', () => {
  it('starts on the attract screen, then language, life event, questions and the plan', async () => {
    const ctx = setup();
    await ctx.s().start();
    expect(ctx.s().screen.id).toBe('attract');
    await ctx.s().begin();
    expect(ctx.s().screen.id).toBe('language');
    await ctx.s().chooseLanguage('en');
    expect(ctx.onLanguage).toHaveBeenLastCalledWith('en');
    expect(ctx.client.inputsOf('session.setLanguage')).toEqual([{ language: 'en' }]);
    expect(ctx.s().screen.id).toBe('lifeEvent');
    await ctx.s().chooseLifeEvent('moving');
    expect(ctx.s().screen.id).toBe('question');
    expect(ctx.s().currentQuestionId).toBe('moveType');
    await ctx.s().answer('moveType', 'tennyu');
    expect(ctx.s().currentQuestionId).toBe('children');
    await ctx.s().answer('children', true);
    expect(ctx.s().screen.id).toBe('plan');
    expect(ctx.client.inputsOf('planner.plan')).toEqual([
      { lifeEventId: 'moving', answers: { moveType: 'tennyu', children: true } },
    ]);
    // Back from the plan reopens the last question with its answer removed.
    await ctx.s().back();
    expect(ctx.s().screen.id).toBe('question');
    expect(ctx.s().currentQuestionId).toBe('children');
    expect(ctx.s().answers).toEqual({ moveType: 'tennyu' });
  });

  it('a ticked or unticked form shows its new state at once, while the plan is saved', async () => {
    let save: (() => void) | undefined;
    const ctx = setup({
      'planner.setForms': ({ formIds }) =>
        new Promise((resolve) => {
          save = () =>
            resolve(ok({ ...plan('bno'), forms: plan('bno').forms.filter((f) => formIds.includes(f.id)) }));
        }),
    });
    await ctx.s().start();
    await ctx.s().begin();
    await ctx.s().chooseLanguage('en');
    await ctx.s().chooseLifeEvent('moving');
    await ctx.s().answer('moveType', 'tennyu');
    await ctx.s().answer('children', true);
    const first = ctx.s().plan!.forms[0]!.id;
    const saving = ctx.s().toggleForm(first);
    expect(ctx.s().formsPending).not.toContain(first);
    save!();
    await saving;
    expect(ctx.s().formsPending).toBeNull();
    expect(ctx.s().plan!.forms.map((f) => f.id)).not.toContain(first);
  });

  it('runs a 照合番号B journey to the printed forms and wipes everything at the end', async () => {
    const ctx = setup();
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    expect(ctx.s().screen).toEqual({ id: 'bno' });
    expect(ctx.s().retries).toEqual({ pin: 3, bno: 10 });
    await ctx.s().submitBno({
      birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '2285',
      variant: 'wareki',
    });
    expect(ctx.s().screen.id).toBe('resident');
    expect(ctx.s().resident?.name).toBe('山田　太郎');
    await ctx.s().confirmResident();
    expect(ctx.s().screen).toEqual({ id: 'input', index: 0, returnToConfirm: false });
    await ctx.s().saveInput('phone', '045-000-0000');
    await ctx.s().saveInput('nameKana', 'ヤマダ\u3000タロウ');
    expect(ctx.s().screen.id).toBe('confirm');
    expect(ctx.client.inputsOf('forms.setInputs')).toEqual([
      { values: { phone: '045-000-0000' } },
      { values: { nameKana: 'ヤマダ\u3000タロウ' } },
    ]);
    // Fix one value from the confirmation screen and come straight back.
    ctx.s().editInput('phone');
    expect(ctx.s().screen).toEqual({ id: 'input', index: 0, returnToConfirm: true });
    await ctx.s().saveInput('phone', '045-111-1111');
    expect(ctx.s().screen.id).toBe('confirm');
    await ctx.s().loadPreview();
    expect(ctx.client.inputsOf('forms.preview')).toEqual([{ format: 'pdf', blank: false }]);
    await ctx.s().print();
    expect(ctx.s().screen.id).toBe('printing');
    ctx.client.emit({
      type: 'print.progress',
      job: { jobId: 'PDF-7', printer: 'PDF', phase: 'completed', pagesCompleted: 2, pageCount: 2 },
    });
    expect(ctx.s().screen.id).toBe('done');
    await ctx.s().finish();
    expect(ctx.client.inputsOf('session.finish')).toEqual([{ printed: true }]);
    expect(ctx.s().screen.id).toBe('attract');
    expect(ctx.s().resident).toBeNull();
    expect(ctx.s().values).toEqual({});
    expect(ctx.s().plan).toBeNull();
    expect(ctx.s().preview).toBeNull();
    ctx.s().stop();
  });

  it('never sends the last PIN try without a confirmation', async () => {
    const ctx = setup(
      {
        'card.retries': () => ok({ pin: 1, bno: 10 }),
        'card.identify': () =>
          ok({ reader: 'R', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 1, bno: 10 } }),
      },
      'pin',
    );
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    expect(ctx.s().screen).toEqual({ id: 'lastTry', method: 'pin' });
    expect(ctx.client.names()).not.toContain('card.read');
    ctx.s().confirmLastTry();
    expect(ctx.s().screen).toEqual({ id: 'pin' });
    await ctx.s().submitPin('1234');
    expect(ctx.client.inputsOf('card.read')).toEqual([{ method: 'pin', pin: '1234', confirmLastTry: true }]);
  });

  it('shows the tries left after a wrong PIN, and the last-try warning before the final one', async () => {
    let left = 3;
    const ctx = setup(
      {
        'card.read': () => {
          left -= 1;
          return err('WRONG_SECRET', { retriesLeft: left });
        },
      },
      'pin',
    );
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    expect(ctx.s().screen).toEqual({ id: 'pin' });
    await ctx.s().submitPin('9999');
    expect(ctx.s().screen).toEqual({ id: 'pin' });
    expect(ctx.s().notice).toMatchObject({ key: 'card.pin.wrong', params: { count: 2 } });
    expect(ctx.s().retries?.pin).toBe(2);
    await ctx.s().submitPin('8888');
    expect(ctx.s().screen).toEqual({ id: 'lastTry', method: 'pin' });
  });

  it('explains a blocked card and continues with blank forms', async () => {
    const ctx = setup(
      {
        'card.identify': () =>
          ok({ reader: 'R', tokenLabel: 'JPKIAPICCTOKEN2', retries: { pin: 0, bno: 0 } }),
        'card.retries': () => ok({ pin: 0, bno: 0 }),
      },
      'pin',
    );
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    expect(ctx.s().screen).toEqual({ id: 'blocked', method: 'pin' });
    await ctx.s().continueBlank();
    expect(ctx.s().screen.id).toBe('confirm');
    await ctx.s().loadPreview();
    expect(ctx.client.inputsOf('forms.preview')).toEqual([{ format: 'pdf', blank: true }]);
    await ctx.s().print();
    expect(ctx.client.inputsOf('forms.render')).toEqual([{ blank: true, includeGuide: true }]);
  });

  it('gives a removed card, a wrong card and a missing reader their own screens', async () => {
    const ctx = setup({ 'card.identify': () => err('NOT_MYNUMBER_CARD') });
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    expect(ctx.s().screen.id).toBe('wrongCard');

    ctx.store.getState().stop();
    const removed = setup();
    await toPlan(removed);
    await removed.s().confirmPlan();
    expect(removed.s().screen.id).toBe('bno');
    removed.client.emit({ type: 'card', kind: 'card-removed', reader: 'R' });
    expect(removed.s().screen).toEqual({ id: 'cardRemoved', wiped: false });
    removed.client.emit({ type: 'card', kind: 'card-inserted', reader: 'R' });
    await vi.waitFor(() => expect(removed.s().screen.id).toBe('bno'));
    expect(removed.client.names().filter((n) => n === 'card.identify')).toHaveLength(2);

    const noReader = setup({
      'card.status': () => ok({ readers: [], state: 'no-reader', demo: false }),
    });
    await toPlan(noReader);
    await noReader.s().confirmPlan();
    expect(noReader.s().screen.id).toBe('noReader');
  });

  it('Start always begins a new visit: the main process lets the old one go; display choices stay', async () => {
    const ctx = setup();
    await toPlan(ctx);
    ctx.s().setTextSize('xlarge');
    const before = ctx.client.names().filter((n) => n === 'session.wipe').length;
    await ctx.s().begin();
    expect(ctx.client.names().filter((n) => n === 'session.wipe').length).toBe(before + 1);
    expect(ctx.s().plan).toBeNull();
    expect(ctx.s().answers).toEqual({});
    expect(ctx.s().prefs.textSize).toBe('xlarge');
  });

  it('a page load never resumes a visit the main process still holds', async () => {
    const ctx = setup({
      'session.state': () =>
        ok({
          sessionId: 's1',
          startedAt: '',
          language: 'en',
          lifeEventId: 'moving',
          hasPlan: true,
          hasResident: true,
          inputKeys: ['phone'],
          assist: false,
        }),
    });
    await ctx.s().start();
    expect(ctx.client.names()).toContain('session.wipe');
    expect(ctx.s().screen.id).toBe('attract');
  });

  it('the reader going away (unplugged, or the PC/SC service restarting) and coming back', async () => {
    let state: 'no-reader' | 'no-card' = 'no-card';
    const ctx = setup({
      'card.status': () =>
        ok({ readers: state === 'no-reader' ? [] : [{ name: 'R', cardPresent: false }], state, demo: false }),
    });
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    expect(ctx.s().screen.id).toBe('placeCard');
    state = 'no-reader';
    ctx.client.emit({ type: 'card', kind: 'reader-removed', reader: 'R' });
    expect(ctx.s().screen.id).toBe('noReader');
    state = 'no-card';
    ctx.client.emit({ type: 'card', kind: 'reader-added', reader: 'R' });
    await vi.waitFor(() => expect(ctx.s().screen.id).toBe('placeCard'));
  });

  it('a card pulled during reading is reported as removed, never as a wrong secret', async () => {
    const ctx = setup({ 'card.read': () => err('CARD_REMOVED') });
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    await ctx.s().submitBno({
      birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '2285',
    });
    expect(ctx.s().screen).toEqual({ id: 'cardRemoved', wiped: false });
    expect(ctx.s().notice).toBeNull();
  });

  it('offers the other rule after a Gregorian birth date was refused under the 和暦 rule', async () => {
    const ctx = setup({ 'card.read': () => err('WRONG_SECRET', { retriesLeft: 9 }) });
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    await ctx.s().submitBno({
      birth: { date: '1990-04-01' },
      expiryYear: 2031,
      securityCode: '1234',
      variant: 'wareki',
    });
    expect(ctx.s().offerGregorianYy).toBe(true);
    expect(ctx.s().notice).toMatchObject({ key: 'card.bno.wrong', params: { count: 9 } });
  });

  it('shows the idle countdown, cancels it on request, and wipes on the main process’s word', async () => {
    const ctx = setup();
    await toPlan(ctx);
    ctx.client.emit({ type: 'session.idle-warning', secondsLeft: 30, countdown: 1 });
    expect(ctx.s().idleSecondsLeft).toBe(30);
    await ctx.s().keepGoing();
    expect(ctx.s().idleSecondsLeft).toBeNull();
    expect(ctx.client.names()).toContain('session.touch');
    // A tick of the dismissed countdown that was already on its way does not bring it back.
    ctx.client.emit({ type: 'session.idle-warning', secondsLeft: 29, countdown: 1 });
    expect(ctx.s().idleSecondsLeft).toBeNull();

    await ctx.s().chooseLanguage('en', { navigate: false });
    ctx.client.emit({ type: 'session.idle-warning', secondsLeft: 1, countdown: 2 });
    expect(ctx.s().idleSecondsLeft).toBe(1);
    ctx.client.emit({ type: 'session.wiped', reason: 'idle', sessionId: 's9' });
    expect(ctx.s().screen.id).toBe('attract');
    expect(ctx.s().plan).toBeNull();
    expect(ctx.s().answers).toEqual({});
    expect(ctx.s().idleSecondsLeft).toBeNull();
    // The next resident starts in the terminal's default language.
    expect(ctx.s().prefs.language).toBe('ja');
    expect(ctx.onLanguage).toHaveBeenLastCalledWith('ja');
  });

  it('shows the wipe after a card removal as its own screen', async () => {
    const ctx = setup();
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    await ctx.s().submitBno({
      birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '2285',
    });
    ctx.client.emit({ type: 'session.wiped', reason: 'card-removed', sessionId: 's5' });
    expect(ctx.s().screen).toEqual({ id: 'cardRemoved', wiped: true });
    expect(ctx.s().resident).toBeNull();
  });

  it('taking the card after printing ends the session quietly', async () => {
    const ctx = setup();
    await toPlan(ctx);
    await ctx.s().continueBlank();
    await ctx.s().print();
    ctx.client.emit({ type: 'print.progress', job: { jobId: 'PDF-7', printer: 'PDF', phase: 'completed' } });
    expect(ctx.s().screen.id).toBe('done');
    ctx.client.emit({ type: 'session.wiped', reason: 'card-removed', sessionId: 's7' });
    expect(ctx.s().screen.id).toBe('attract');
    expect(ctx.s().plan).toBeNull();
    ctx.s().stop();
  });

  it('keeps the printer problem on screen and prints again on request', async () => {
    let attempt = 0;
    const ctx = setup({
      'print.submit': () => (++attempt === 1 ? err('OUT_OF_PAPER') : ok({ jobId: 'PDF-8', printer: 'PDF' })),
    });
    await toPlan(ctx);
    await ctx.s().continueBlank();
    await ctx.s().print();
    expect(ctx.s().screen.id).toBe('printing');
    expect(ctx.s().notice).toMatchObject({ key: 'error.outOfPaper' });
    await ctx.s().print();
    expect(ctx.client.names().filter((n) => n === 'forms.render')).toHaveLength(1); // rendered once
    expect(ctx.s().job?.jobId).toBe('PDF-8');
    ctx.s().stop();
  });

  it('needs the operator PIN for staff screens and turns staff assist on', async () => {
    const ctx = setup({
      'operator.login': ({ pin }) =>
        pin === '1357'
          ? ok({ token: 'x'.repeat(32), expiresAt: '' })
          : err('WRONG_OPERATOR_PIN', { retriesLeft: 4 }),
      'operator.assist': () => ok({ done: true as const }),
      'operator.logout': () => ok({ done: true as const }),
    });
    await toPlan(ctx);
    ctx.s().openStaff();
    expect(ctx.s().screen.id).toBe('staffLogin');
    await ctx.s().staffLogin('0000');
    expect(ctx.s().notice).toMatchObject({ key: 'error.wrongOperatorPin', params: { count: 4 } });
    await ctx.s().staffLogin('1357');
    expect(ctx.s().screen.id).toBe('staffMenu');
    await ctx.s().setAssist(true);
    expect(ctx.s().assist).toBe(true);
    expect(ctx.client.inputsOf('operator.assist')).toEqual([{ token: 'x'.repeat(32), on: true }]);
    ctx.s().closeStaff();
    expect(ctx.s().screen.id).toBe('plan');
  });
});

describe('電子署名して提出 (sign instead of print)', () => {
  const twoForms: Plan = {
    ...plan('bno'),
    forms: [
      { id: 'jumin-ido', title: '住民異動届', requiresMyNumber: false },
      { id: 'inkan', title: '印鑑登録申請書', requiresMyNumber: false },
    ],
  };
  const signed = {
    documents: [{ formId: 'jumin-ido', title: '住民異動届', pageCount: 1, pages: [] }],
    signer: { name: '山田　太郎' },
    signedAt: '2026-12-07T01:00:00.000Z',
  };

  async function toConfirm(overrides: FakeHandlers) {
    const ctx = setup({
      'planner.plan': () => ok(twoForms),
      'sign.status': () =>
        ok({
          configured: true,
          queued: 0,
          forms: [
            { formId: 'jumin-ido', title: '住民異動届', electronic: true },
            { formId: 'inkan', title: '印鑑登録申請書', electronic: false },
          ],
        }),
      ...overrides,
    });
    await toPlan(ctx);
    await ctx.s().confirmPlan();
    await ctx.s().submitBno({
      birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '2285',
      variant: 'wareki',
    });
    await ctx.s().confirmResident();
    await ctx.s().saveInput('phone', '045-000-0000');
    await ctx.s().saveInput('nameKana', 'ヤマダ\u3000タロウ');
    await ctx.s().loadSigningOffer();
    return ctx;
  }

  it('offers only the electronic forms; a wrong password shows the tries; signed, sent, the rest printed', async () => {
    let left = 5;
    const ctx = await toConfirm({
      'sign.card': () => ok({ hasCertificate: true, retriesLeft: left }),
      'sign.sign': ({ password }) =>
        password === 'ABC123' ? ok(signed) : err('WRONG_SECRET', { retriesLeft: --left }),
      'sign.send': () => ok({ delivered: true, queued: false, files: 1 }),
    });
    expect(ctx.s().signing?.offer).toEqual([{ formId: 'jumin-ido', title: '住民異動届' }]);
    ctx.s().startSigning();
    expect(ctx.s().screen.id).toBe('signChoose');
    await ctx.s().checkSigningCard();
    expect(ctx.s().screen.id).toBe('signPassword');
    expect(ctx.s().signing?.retriesLeft).toBe(5);
    await ctx.s().submitSignPassword('WRONG1');
    expect(ctx.s().screen.id).toBe('signPassword');
    expect(ctx.s().signing?.retriesLeft).toBe(4);
    expect(ctx.s().notice).toMatchObject({ key: 'sign.password.wrong', params: { count: 4 } });
    await ctx.s().submitSignPassword('ABC123');
    expect(ctx.s().screen.id).toBe('signed');
    expect(ctx.client.inputsOf('sign.sign').at(-1)).toMatchObject({
      formIds: ['jumin-ido'],
      confirmLastTry: false,
    });
    await ctx.s().sendSigned();
    expect(ctx.s().screen.id).toBe('signSent');
    expect(ctx.s().signing?.sent).toEqual({ delivered: true, formIds: ['jumin-ido'] });
    // Only the form that did not go electronically is printed (with the guide).
    await ctx.s().print();
    expect(ctx.client.inputsOf('forms.render').at(-1)).toEqual({
      blank: false,
      includeGuide: true,
      formIds: ['inkan'],
    });
    // The end of the visit forgets it all.
    await ctx.s().finish();
    expect(ctx.s().signing).toBeNull();
  });

  it('the last try is confirmed first; a wrong last try ends on the blocked screen', async () => {
    const ctx = await toConfirm({
      'sign.card': () => ok({ hasCertificate: true, retriesLeft: 1 }),
      'sign.sign': () => err('BLOCKED'),
    });
    ctx.s().startSigning();
    await ctx.s().checkSigningCard();
    expect(ctx.s().screen.id).toBe('signLastTry');
    ctx.s().confirmSignLastTry();
    expect(ctx.s().screen.id).toBe('signPassword');
    await ctx.s().submitSignPassword('WRONG1');
    expect(ctx.client.inputsOf('sign.sign').at(-1)).toMatchObject({ confirmLastTry: true });
    expect(ctx.s().screen.id).toBe('signBlocked');
    // Print instead: back on the confirmation, printing everything.
    await ctx.s().back();
    expect(ctx.s().screen.id).toBe('confirm');
  });

  it('a card without a signing certificate and a blocked one are told before any password', async () => {
    const noCert = await toConfirm({ 'sign.card': () => ok({ hasCertificate: false, retriesLeft: null }) });
    noCert.s().startSigning();
    await noCert.s().checkSigningCard();
    expect(noCert.s().screen.id).toBe('signNoCert');
    const blocked = await toConfirm({ 'sign.card': () => ok({ hasCertificate: true, retriesLeft: 0 }) });
    blocked.s().startSigning();
    await blocked.s().checkSigningCard();
    expect(blocked.s().screen.id).toBe('signBlocked');
    expect(blocked.client.inputsOf('sign.sign')).toEqual([]);
  });

  it('no offer when the terminal has no inbox, or for blank forms', async () => {
    const ctx = await toConfirm({ 'sign.status': () => ok({ configured: false, queued: 0, forms: [] }) });
    expect(ctx.s().signing).toBeNull();
  });
});
