import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../store/test-support.ts';
import { ShelterService } from './service.ts';
import { ORDINARY_CARD, initShelter, secret } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let svc: ShelterService;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  tmp = tempDir('kakanai-shelter-');
  clock = Date.parse('2026-12-07T09:00:00+09:00');
  svc = await initShelter(tmp.dir, 'gym-1', { now });
});
afterEach(async () => {
  await svc.close();
  tmp.cleanup();
});

function tick(minutes = 1): void {
  clock += minutes * 60_000;
}

describe('finding people', () => {
  it('card data finds the holder and the whole household; the address tells namesakes apart', () => {
    const r = svc.findByCard(ORDINARY_CARD);
    expect(r.match).toBe('unique');
    if (r.match !== 'unique') return;
    expect(r.by).toBe('name-birth-address');
    expect(r.person.name).toBe('山田 太郎');
    expect(r.household.members.map((m) => m.name)).toEqual([
      '山田 ウメ',
      '山田 太郎',
      '山田 花子',
      '山田 一郎',
    ]);
    expect(r.household.members.every((m) => m.state === 'none')).toBe(true);
  });

  it('without the address, namesakes are shown side by side, nearest address first', () => {
    const r = svc.findByCard({ name: '山田太郎', birthDate: 'S55.2.17' });
    expect(r.match).toBe('ambiguous');
    const r2 = svc.findByCard({ ...ORDINARY_CARD, address: '神奈川県横浜市中区山下町５－５' });
    expect(r2.match === 'unique' && r2.person.householdId).toBe('1002');
  });

  it('異体字 and spaces do not matter; kana search finds by prefix', () => {
    const r = svc.findByCard({ name: '高橋　さくら', birthDate: '1990-01-08' });
    expect(r.match === 'unique' && r.household.members).toHaveLength(2);
    expect(svc.search({ kana: 'タカハシ' }).map((p) => p.name)).toEqual(['髙橋 さくら', '髙橋 蓮']);
    expect(svc.findByCard({ name: '鈴木 一', birthDate: '1990-01-01' })).toEqual({ match: 'none' });
  });
});

describe('moving in and out', () => {
  it('a household arrives, one goes out and comes back, one leaves; wrong moves are skipped', () => {
    const r = svc.findByCard(ORDINARY_CARD);
    if (r.match !== 'unique') throw new Error('not found');
    const ids = r.household.members.map((m) => m.personId);
    const arrived = svc.move(ids.slice(0, 3), 'arrive', { operator: 'staff-a' });
    expect(arrived.moved.map((m) => m.move)).toEqual(['arrived', 'arrived', 'arrived']);
    tick();
    expect(svc.move(ids, 'arrive').skipped.map((s) => s.reason)).toEqual([
      '既に在所しています',
      '既に在所しています',
      '既に在所しています',
    ]);
    tick();
    const [grandma, taro] = ids;
    expect(svc.move([taro!], 'out').moved[0]!.move).toBe('out');
    expect(svc.person(taro!).state).toBe('out');
    expect(svc.move([taro!], 'out').skipped[0]!.reason).toBe('既に外出中です');
    tick();
    // Checking in someone who is out is their return.
    expect(svc.move([taro!], 'arrive').moved[0]!.move).toBe('back');
    tick();
    const left = svc.move([grandma!], 'leave', { to: '親戚宅（横浜市磯子区）' });
    expect(left.moved[0]!.move).toBe('left');
    const view = svc.person(grandma!);
    expect(view.state).toBe('left');
    expect(view.stays[0]).toMatchObject({ state: 'left', to: '親戚宅（横浜市磯子区）' });
    const s = svc.stats();
    expect(s.totals).toMatchObject({ here: 3, out: 0, left: 1, households: 1, capacity: 300 });
    // The header's one-query figures agree with the dashboard's.
    expect(svc.counts()).toEqual({ here: 3, out: 0, left: 1, households: 1 });
    expect(s.byAgeBand.find((b) => b.band === '6-14')?.here ?? 0).toBe(1);
  });

  it('registers a person by hand, adds a family member, records needs, consent and a card', () => {
    const a = svc.register({
      name: 'グエン ヴァン アン',
      kana: 'ぐえん ばん あん',
      birthDate: '1995-05-05',
      sex: 'M',
      address: '静岡県浜松市',
    });
    expect(a.source).toBe('hand');
    const b = svc.register({
      name: 'グエン ティ ホア',
      kana: 'ぐえん てぃ ほあ',
      birthDate: 'H10.3.3',
      householdId: a.householdId,
    });
    expect(
      svc
        .household(a.householdId)
        .members.map((m) => m.personId)
        .sort(),
    ).toEqual([a.personId, b.personId].sort());
    svc.move([a.personId, b.personId], 'arrive');
    expect(svc.setNeeds(b.personId, ['pregnant', 'diet'], '牛肉なし').needs).toEqual(['diet', 'pregnant']);
    expect(() => svc.setNeeds(b.personId, ['wings'])).toThrow(/unknown need/);
    expect(svc.setConsent(a.personId, 'yes').consent).toBe('yes');
    expect(svc.linkCard(a.personId, '0a1b2c').cardLinked).toBe(true);
    expect(svc.findByCardSerial('0A1B2C').person.personId).toBe(a.personId);
    expect(() => svc.findByCardSerial('FFFF')).toThrow(expect.objectContaining({ code: 'CARD_NOT_LINKED' }));
    // A list resident linked into the hand-made household.
    const ume = svc.search({ kana: 'やまだ う' })[0]!;
    svc.linkHousehold(ume.personId, a.householdId);
    expect(svc.household(a.householdId).members).toHaveLength(3);
    expect(svc.household('1001').members).toHaveLength(3);
    const s = svc.stats();
    expect(s.byNeed.find((n) => n.need === 'pregnant')?.count).toBe(1);
  });

  it('bad input is a typed error', () => {
    expect(() => svc.register({ name: ' ', kana: '', birthDate: '2000-01-01' })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(() => svc.register({ name: 'A', kana: 'abc', birthDate: '2000-01-01' })).toThrow(/not kana/);
    expect(() => svc.register({ name: 'A', kana: '', birthDate: '2000-02-30' })).toThrow(/birth date/);
    expect(() => svc.move(['nobody'], 'arrive')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('safety answers (安否情報)', () => {
  it('reveal a person only with consent; "no consent" and "not here" read the same', () => {
    const hanako = svc.search({ name: '山田花子' })[0]!;
    const ume = svc.search({ name: '山田ウメ' })[0]!;
    svc.move([hanako.personId, ume.personId], 'arrive');
    expect(svc.safety('山田 花子', '1982-06-01')).toEqual({ answer: 'not-here' });
    svc.setConsent(hanako.personId, 'yes');
    svc.setConsent(ume.personId, 'no');
    expect(svc.safety('山田　花子', '昭和57年6月1日')).toEqual({
      answer: 'here',
      shelterName: '中区立本町小学校体育館',
    });
    const noConsent = svc.safety('山田 ウメ', '1940-03-03');
    const notHere = svc.safety('佐藤 ヨシ', '1925-05-05');
    const stranger = svc.safety('存在 しない', '2000-01-01');
    expect(noConsent).toEqual(notHere);
    expect(JSON.stringify(noConsent)).toBe(JSON.stringify(stranger));
    // Withdrawn consent hides the person again.
    svc.setConsent(hanako.personId, 'no');
    expect(svc.safety('山田 花子', '1982-06-01')).toEqual({ answer: 'not-here' });
  });

  it('the HQ export names only consenting people; the staff roster lists everyone', async () => {
    const hanako = svc.search({ name: '山田花子' })[0]!;
    const ume = svc.search({ name: '山田ウメ' })[0]!;
    svc.move([hanako.personId, ume.personId], 'arrive');
    svc.setConsent(hanako.personId, 'yes');
    svc.setConsent(ume.personId, 'no');
    const hq = svc.hqCsv();
    expect(hq).toContain('山田 花子');
    expect(hq).not.toContain('ウメ');
    expect(hq).not.toContain('1940-03-03');
    expect(hq.trim().split('\r\n')).toHaveLength(3);
    const roster = svc.rosterCsv();
    expect(roster).toContain('山田 ウメ');
    expect(roster).toContain('不同意');
    const pdf = await svc.rosterPdf();
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  });
});

describe('durability', () => {
  it('a reopened store has every movement; the projection equals a replay of the log', async () => {
    const r = svc.findByCard(ORDINARY_CARD);
    if (r.match !== 'unique') throw new Error('not found');
    svc.move(
      r.household.members.map((m) => m.personId),
      'arrive',
    );
    svc.setNeeds(r.person.personId, ['chronic']);
    const before = svc.store.db.prepare('SELECT * FROM shelter_presence ORDER BY person_id').all();
    svc.store.events.rebuildProjections();
    expect(svc.store.db.prepare('SELECT * FROM shelter_presence ORDER BY person_id').all()).toEqual(before);
    await svc.close();
    const s = secret();
    svc = await ShelterService.open(`${tmp.dir}/gym-1.db`, s);
    s.dispose();
    expect(svc.stats().totals.here).toBe(4);
    expect(svc.person(r.person.personId).needs).toEqual(['chronic']);
  });
});
