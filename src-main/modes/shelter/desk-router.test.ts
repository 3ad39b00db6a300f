/**
 * The shelter entrance through the kiosk's router (the path the screens take): the contract
 * checks input, the virtual card read with 照合番号B finds the household, the family arrives, the
 * card is linked and later found by a tap, a person without a card is registered by hand, needs
 * and consent, the safety answer, the roster behind the operator login, and the 避難者カード
 * rendered by the real forms engine and printed (checked with pdftotext).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  ShelterFind,
  ShelterHousehold,
  ShelterPerson,
  ShelterStatus,
} from '../../contract/index.ts';
import { createTestKiosk, type TestKiosk } from '../../api/testing.ts';
import { Secret } from '../../card/secret.ts';
import { createFormsEngine } from '../../services/forms-engine-adapter.ts';
import type { FormsEngine } from '../../services/forms-service.ts';
import { hashOperatorPin } from '../../services/operator-pin.ts';
import { tempDir } from '../../store/test-support.ts';
import { ShelterService } from './service.ts';
import { GROUP_SALT, PASSPHRASE, SAMPLE_LIST, listCsv, secret } from './test-support.ts';

const FORMS = new URL('../../../forms/', import.meta.url).pathname;
const BNO = {
  birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
  expiryYear: 2035,
  securityCode: '2285',
};

let tmp: ReturnType<typeof tempDir>;
let kiosk: TestKiosk;
const rendered: Uint8Array[] = [];

function recordingEngine(): FormsEngine {
  const real = createFormsEngine(FORMS);
  return {
    list: () => real.list(),
    render: async (req) => {
      const r = await real.render(req);
      for (const f of r.forms) rendered.push(Uint8Array.from(f.pdf));
      return r;
    },
  };
}

async function error(name: string, input: unknown = {}): Promise<ApiError> {
  const r = await kiosk.router.call(name, input);
  if (r.ok) throw new Error(`${name} succeeded`);
  return r.error;
}

beforeAll(async () => {
  tmp = tempDir('kakanai-shelter-router-');
  const svc = await ShelterService.init(join(tmp.dir, 'shelter.db'), secret(), {
    shelterName: '本町小学校体育館',
    capacity: 300,
    terminalId: 'gym-1',
    groupSalt: GROUP_SALT,
  });
  writeFileSync(join(tmp.dir, 'list.csv'), listCsv(SAMPLE_LIST));
  svc.importResidents(join(tmp.dir, 'list.csv'));
  await svc.close();
  const pinHash = await hashOperatorPin(Secret.fromString('2468'));
  kiosk = await createTestKiosk({
    config: { mode: 'shelter', terminalId: 'gym-1', operator: { pinHash, sessionMinutes: 15 } },
    configPath: join(tmp.dir, 'terminal.json'),
    formsEngine: recordingEngine(),
    persona: 'ordinary',
  });
});

afterAll(async () => {
  await kiosk.close();
  tmp.cleanup();
});

describe('shelter entrance through the router', () => {
  it('is closed until the passphrase; input is checked by the contract', async () => {
    expect(await kiosk.call<ShelterStatus>('shelter.status')).toMatchObject({
      ready: false,
      storeFound: true,
    });
    expect(await error('shelter.tap')).toMatchObject({ code: 'SHELTER_NOT_OPEN' });
    expect(await error('shelter.open', { passphrase: 'guess' })).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const status = await kiosk.call<ShelterStatus>('shelter.open', { passphrase: PASSPHRASE });
    expect(status).toMatchObject({
      ready: true,
      shelter: { name: '本町小学校体育館', capacity: 300 },
      totals: { here: 0 },
      list: { residents: 8, households: 4 },
    });
    expect(await error('shelter.move', { personIds: [], move: 'arrive' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'personIds',
    });
    expect(await error('shelter.needs', { personId: 'x', needs: ['wings'] })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('card → household → arrivals → the card linked → 外出 and 戻り by tap; an unlinked card says so', async () => {
    expect(await error('shelter.tap')).toMatchObject({ code: 'CARD_NOT_LINKED' });
    const read = await kiosk.call<{ found: ShelterFind }>('shelter.identifyCard', {
      method: 'bno',
      bno: BNO,
    });
    expect(read.found.match).toBe('unique');
    if (read.found.match !== 'unique') return;
    const household = read.found.household;
    expect(household.members).toHaveLength(4);
    expect(household.members[0]).toMatchObject({ name: '山田 ウメ', birthDateWareki: '昭和15年3月3日' });
    expect(JSON.stringify(read)).not.toContain('123456789018');
    const moved = await kiosk.call<{ moved: unknown[] }>('shelter.move', {
      personIds: household.members.map((m) => m.personId),
      move: 'arrive',
    });
    expect(moved.moved).toHaveLength(4);
    const holder = read.found.person;
    expect(
      (await kiosk.call<ShelterPerson>('shelter.linkCard', { personId: holder.personId })).cardLinked,
    ).toBe(true);
    const tap = await kiosk.call<{ person: ShelterPerson; household: ShelterHousehold }>('shelter.tap');
    expect(tap.person.personId).toBe(holder.personId);
    expect(tap.household.members.every((m) => m.state === 'here')).toBe(true);
    await kiosk.call('shelter.move', { personIds: [holder.personId], move: 'out' });
    const back = await kiosk.call<{ moved: Array<{ move: string }> }>('shelter.move', {
      personIds: [holder.personId],
      move: 'back',
    });
    expect(back.moved[0]!.move).toBe('back');
  });

  it('registers a person by hand, records needs and consent, answers a safety inquiry', async () => {
    const r = await kiosk.call<{ person: ShelterPerson }>('shelter.register', {
      name: 'Nguyen Van An',
      kana: 'グエン バン アン',
      birthDate: 'H7.5.5',
      sex: 'M',
      address: '静岡県浜松市',
    });
    expect(r.person).toMatchObject({
      state: 'here',
      source: 'hand',
      birthDate: '1995-05-05',
      birthDateWareki: '平成7年5月5日',
    });
    const p = await kiosk.call<ShelterPerson>('shelter.needs', {
      personId: r.person.personId,
      needs: ['allergy'],
      note: 'えび',
    });
    expect(p.needs).toEqual(['allergy']);
    expect(await kiosk.call('shelter.safety', { name: 'Nguyen Van An', birthDate: '1995-05-05' })).toEqual({
      answer: 'not-here',
    });
    await kiosk.call('shelter.consent', { personId: r.person.personId, safety: 'yes' });
    expect(await kiosk.call('shelter.safety', { name: 'Nguyen Van An', birthDate: '1995-05-05' })).toEqual({
      answer: 'here',
      shelterName: '本町小学校体育館',
    });
    const stats = await kiosk.call<{ totals: { here: number; households: number } }>('shelter.stats', {});
    expect(stats.totals).toMatchObject({ here: 5, households: 2 });
  });

  it('the roster needs the operator; the 避難者カード prints pre-filled', async () => {
    expect(await error('shelter.roster', { token: 'x'.repeat(20), format: 'csv' })).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const op = await kiosk.call<{ token: string }>('operator.login', { pin: '2468' });
    const file = await kiosk.call<{ fileName: string; base64: string }>('shelter.roster', {
      token: op.token,
      format: 'csv',
    });
    expect(file.fileName).toMatch(/^shelter-roster-gym-1-\d{12}\.csv$/);
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain('山田 ウメ');
    const job = await kiosk.call<{ jobId: string; pageCount: number }>('shelter.evacueeCard', {
      householdId: '1001',
    });
    expect(job.pageCount).toBe(1);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(rendered.at(-1)!),
    }).toString('utf8');
    for (const word of ['本町小学校体育館', '山田 太郎', '山田 ウメ', 'ヤマダ', '母', '妻'] as const)
      expect(text).toContain(word);
  });
});
