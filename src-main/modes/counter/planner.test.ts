import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAKE_FORMS } from '../../api/testing.ts';
import { Planner, type FormLookup } from './planner.ts';
import { loadProcedures, ProceduresError, validateProcedures } from './procedures.ts';

const FILE = new URL('../../../forms/procedures.json', import.meta.url).pathname;
const FORM_IDS = Object.keys(FAKE_FORMS);
const lookup: FormLookup = (id) =>
  id in FAKE_FORMS ? { id, title: `様式 ${id}`, requiresMyNumber: FAKE_FORMS[id]! } : undefined;
const planner = new Planner(loadProcedures(FILE, { knownFormIds: FORM_IDS }), lookup, [
  { id: 'shimin', name: '市民課 1番' },
]);

function planOf(lifeEventId: string, answers: Record<string, string | boolean | string[]>) {
  return planner.plan(lifeEventId, answers).plan;
}
const ids = (p: { procedures: { id: string }[] }) => p.procedures.map((x) => x.id);
const formIds = (p: { forms: { id: string }[] }) => p.forms.map((x) => x.id);

describe('forms/procedures.json', () => {
  it('is valid and covers the life events of the brief', () => {
    const events = planner.lifeEvents().map((e) => e.id);
    for (const id of [
      'moving',
      'birth',
      'death',
      'marriage',
      'divorce',
      'certificates',
      'seal-registration',
      'childcare',
      'care',
    ]) {
      expect(events).toContain(id);
    }
  });

  it('every life event has English and やさしい日本語 titles', () => {
    for (const e of planner.lifeEvents()) {
      expect(e.title.en, e.id).toBeTruthy();
      expect(e.title['ja-easy'], e.id).toBeTruthy();
    }
  });
});

describe('planner: procedures per life event', () => {
  it('転入 alone: the moving-in notice and the card address update, 住民異動届 only, 照合番号B', () => {
    const p = planOf('moving', { moveType: 'tennyu', who: 'self', kokuho: false, pension: false });
    expect(ids(p)).toEqual(['tennyu-todoke', 'card-address']);
    expect(formIds(p)).toEqual(['jumin-ido']);
    expect(p.cardMethod).toBe('bno');
    // The configuration renames counter "shimin".
    expect(p.counters[0]).toEqual({ id: 'shimin', name: '市民課 1番' });
  });

  it('転入 with children and 国保: 児童手当 and 国保 follow, so the PIN is needed', () => {
    const p = planOf('moving', {
      moveType: 'tennyu',
      who: 'family',
      children: true,
      kokuho: true,
      pension: true,
    });
    expect(ids(p)).toEqual([
      'tennyu-todoke',
      'card-address',
      'family-cards',
      'jido-teate-tennyu',
      'tengaku',
      'kokuho-tennyu',
      'nenkin',
    ]);
    expect(formIds(p)).toEqual(['jumin-ido', 'jido-teate', 'kokuho-ido']);
    expect(p.cardMethod).toBe('pin');
    expect(p.counters.map((c) => c.id)).toEqual(['shimin', 'kodomo', 'kyoiku', 'hoken']);
    // Things to bring are merged without duplicates.
    const bring = p.bring.map((b) => b.ja);
    expect(new Set(bring).size).toBe(bring.length);
  });

  it('転居 does not ask about the pension (it changes nothing there)', () => {
    const q = planner.questions('moving', { moveType: 'tenkyo', who: 'self', kokuho: false });
    expect(q.questions.map((x) => x.id)).toEqual(['moveType', 'who', 'kokuho']);
    expect(q.next).toBeNull();
    const p = planOf('moving', { moveType: 'tenkyo', who: 'self', kokuho: false });
    expect(ids(p)).toEqual(['tenkyo-todoke', 'card-address']);
  });

  it('転出 with 国保: 資格喪失 and the moving-out notice; no card address update', () => {
    const p = planOf('moving', { moveType: 'tenshutsu', who: 'self', kokuho: true, pension: false });
    expect(ids(p)).toEqual(['tenshutsu-todoke', 'kokuho-tenshutsu']);
  });

  it('出生: first child → 認定請求; already receiving → 額改定; 国保 adds the 加入', () => {
    const first = planOf('birth', { receivingAllowance: false, kokuho: false });
    expect(ids(first)).toEqual(['shussei-todoke', 'jido-teate-nintei', 'iryohi']);
    expect(first.cardMethod).toBe('pin');
    const second = planOf('birth', { receivingAllowance: true, kokuho: true });
    expect(ids(second)).toEqual(['shussei-todoke', 'jido-teate-kaitei', 'iryohi', 'kokuho-kanyu']);
    expect(formIds(second)).toEqual(['jido-teate', 'kokuho-ido']);
  });

  it('死亡 (おくやみ): insurance, care, pension, head of household and certificates follow the answers', () => {
    const p = planOf('death', {
      insurance: 'kouki',
      over65: true,
      pension: true,
      householdHead: false,
      certificates: true,
    });
    expect(ids(p)).toEqual([
      'shibou-todoke',
      'kouki-soushitsu',
      'kaigo-soushitsu',
      'nenkin-mishikyu',
      'shoumei',
    ]);
    expect(formIds(p)).toEqual(['koseki-seikyu', 'juminhyo-seikyu']);
    expect(p.cardMethod).toBe('bno');
    const kokuho = planOf('death', {
      insurance: 'kokuho',
      over65: false,
      pension: false,
      householdHead: true,
      certificates: false,
    });
    expect(ids(kokuho)).toEqual(['shibou-todoke', 'kokuho-soushitsu', 'setainushi-henko']);
  });

  it('婚姻: a surname change with a registered seal means re-registering it; a move adds 住民異動届', () => {
    const p = planOf('marriage', { surnameChange: true, hasInkan: true, moveType: 'tenkyo', kokuho: false });
    expect(ids(p)).toEqual(['konin-todoke', 'card-name', 'inkan-saitoroku', 'konin-ido']);
    expect(formIds(p)).toEqual(['inkan-toroku', 'jumin-ido']);
    // hasInkan is asked only when the surname changes.
    expect(planner.questions('marriage', { surnameChange: false }).questions.map((q) => q.id)).toEqual([
      'surnameChange',
      'moveType',
      'kokuho',
    ]);
    expect(ids(planOf('marriage', { surnameChange: false, moveType: 'none', kokuho: false }))).toEqual([
      'konin-todoke',
    ]);
  });

  it('離婚 with children: 児童手当 and ひとり親 support', () => {
    const p = planOf('divorce', { children: true, moveType: 'none', kokuho: true });
    expect(ids(p)).toEqual(['rikon-todoke', 'jido-teate-henko', 'jido-fuyo', 'kokuho-kanyu']);
  });

  it('証明書: each certificate chosen gives its request form', () => {
    const p = planOf('certificates', { certs: ['koseki', 'juminhyo'] });
    expect(formIds(p)).toEqual(['juminhyo-seikyu', 'koseki-seikyu']);
    expect(p.counters.map((c) => c.id)).toEqual(['shimin', 'koseki']);
    expect(formIds(planOf('certificates', { certs: ['inkan'] }))).toEqual(['inkan-shomei-seikyu']);
  });

  it('印鑑登録, 子育て and 介護', () => {
    expect(formIds(planOf('seal-registration', { alsoCertificate: true }))).toEqual([
      'inkan-toroku',
      'inkan-shomei-seikyu',
    ]);
    expect(formIds(planOf('childcare', { needs: ['medical', 'nursery'] }))).toEqual([]);
    expect(planOf('childcare', { needs: ['medical'] }).cardMethod).toBe('none');
    const care = planOf('care', { ageGroup: '40to64' });
    expect(ids(care)).toEqual(['kaigo-nintei', 'kaigo-tokutei']);
    expect(care.cardMethod).toBe('pin');
  });

  it('the PIN is needed exactly when a selected form prints the 個人番号, for every life event and answer set', () => {
    const all = JSON.parse(readFileSync(FILE, 'utf8')) as {
      lifeEvents: { id: string; questions: { id: string; kind: string; options?: { value: string }[] }[] }[];
    };
    let plans = 0;
    for (const ev of all.lifeEvents) {
      // Enumerate every combination of answers (the files keep questions few, so this is small).
      const choices = ev.questions.map((q) =>
        q.kind === 'yesno'
          ? [true, false]
          : q.kind === 'single'
            ? q.options!.map((o) => o.value)
            : q.options!.map((o) => [o.value]),
      );
      const combos = choices.reduce<unknown[][]>(
        (acc, c) => acc.flatMap((a) => c.map((v) => [...a, v])),
        [[]],
      );
      for (const combo of combos) {
        const answers = Object.fromEntries(ev.questions.map((q, i) => [q.id, combo[i]])) as Record<
          string,
          string | boolean | string[]
        >;
        const p = planOf(ev.id, answers);
        const needs = p.forms.some((f) => FAKE_FORMS[f.id]);
        expect(p.cardMethod, `${ev.id} ${JSON.stringify(answers)}`).toBe(
          needs ? 'pin' : p.forms.length ? 'bno' : 'none',
        );
        plans++;
      }
    }
    expect(plans).toBeGreaterThan(50);
  });

  it('withForms recomputes the card method', () => {
    const p = planOf('seal-registration', { alsoCertificate: false });
    expect(planner.withForms(p, ['inkan-toroku', 'kokuho-ido']).cardMethod).toBe('pin');
    expect(() => planner.withForms(p, ['no-such-form'])).toThrow(/no-such-form/);
  });
});

describe('planner: answers', () => {
  it('MISSING_ANSWER and INVALID_ANSWER name the question', () => {
    expect(() => planner.plan('moving', { moveType: 'tennyu' })).toThrow(
      expect.objectContaining({ code: 'MISSING_ANSWER', extra: { field: 'who' } }),
    );
    expect(() => planner.plan('moving', { moveType: 'teleport' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ANSWER', extra: { field: 'moveType' } }),
    );
    expect(() => planner.plan('certificates', { certs: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ANSWER' }),
    );
    expect(() => planner.plan('nothing', {})).toThrow(
      expect.objectContaining({ code: 'LIFE_EVENT_NOT_FOUND' }),
    );
  });

  it('an answer to a question that no longer applies is dropped (it cannot change the plan)', () => {
    const p = planOf('moving', {
      moveType: 'tennyu',
      who: 'self',
      children: true,
      kokuho: false,
      pension: false,
    });
    expect(ids(p)).not.toContain('jido-teate-tennyu');
  });

  it('answers fill the form inputs they stand for (setsInput)', () => {
    const { prefill } = planner.plan('moving', { moveType: 'tenkyo', who: 'self', kokuho: true });
    expect(prefill).toEqual({ moveType: 'tenkyo', hasNhi: true });
  });
});

describe('procedures.json validation names the field', () => {
  const base = () =>
    JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown> & {
      lifeEvents: Record<string, unknown>[];
    };
  const check = (mutate: (f: ReturnType<typeof base>) => void, field: string, message: RegExp) => {
    const f = base();
    mutate(f);
    let err: unknown;
    try {
      validateProcedures(f, 'procedures.json', { knownFormIds: FORM_IDS });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProceduresError);
    expect((err as ProceduresError).field).toBe(field);
    expect((err as ProceduresError).message).toMatch(message);
  };
  type Ev = { questions: Record<string, unknown>[]; procedures: Record<string, unknown>[] };
  const ev = (f: ReturnType<typeof base>, i: number) => f.lifeEvents[i] as unknown as Ev;

  it('schema errors', () => {
    check((f) => delete f.schemaVersion, 'schemaVersion', /./);
    check(
      (f) => ((ev(f, 0).procedures[0]!.title as Record<string, unknown>).ja = ''),
      'lifeEvents.0.procedures.0.title.ja',
      /./,
    );
    check((f) => (ev(f, 1).questions[0]!.kind = 'maybe'), 'lifeEvents.1.questions.0.kind', /./);
  });

  it('unknown counter, unknown form, duplicate id', () => {
    check(
      (f) => (ev(f, 0).procedures[0]!.counter = 'nowhere'),
      'lifeEvents.0.procedures.0.counter',
      /unknown counter "nowhere"/,
    );
    check(
      (f) => (ev(f, 0).procedures[0]!.forms = ['jumin-idou']),
      'lifeEvents.0.procedures.0.forms.0',
      /no form "jumin-idou"/,
    );
    check(
      (f) => (ev(f, 0).procedures[1]!.id = ev(f, 0).procedures[0]!.id),
      'lifeEvents.0.procedures.1.id',
      /duplicate/,
    );
  });

  it('conditions must name earlier questions and real option values', () => {
    check(
      (f) => (ev(f, 0).procedures[0]!.when = { question: 'moveType', equals: 'teleport' }),
      'lifeEvents.0.procedures.0.when',
      /no option "teleport"/,
    );
    check(
      (f) => (ev(f, 0).questions[0]!.when = { question: 'who', equals: 'self' }),
      'lifeEvents.0.questions.0.when',
      /not asked before/,
    );
    check(
      (f) => (ev(f, 1).procedures[1]!.when = { question: 'receivingAllowance', equals: 'yes' }),
      'lifeEvents.1.procedures.1.when',
      /yes\/no/,
    );
  });

  it('a question that changes nothing is refused', () => {
    check(
      (f) =>
        ev(f, 5).questions.push({
          id: 'favouriteColour',
          kind: 'single',
          text: { ja: '好きな色は' },
          options: [
            { value: 'red', label: { ja: '赤' } },
            { value: 'blue', label: { ja: '青' } },
          ],
        }),
      'lifeEvents.5.questions.1',
      /changes nothing/,
    );
  });

  it('a file that is not JSON names the file', () => {
    expect(() => loadProcedures('/nonexistent/procedures.json')).toThrow(/file not found/);
  });
});
