/**
 * Several shelters' files merged into one picture: three shelters and the HQ, a person checked in
 * at two of them, every order of merging giving the same tables, merging twice adding nothing,
 * nobody counted twice — and a hostile event in a file is reported, not projected.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/sqlite.ts';
import { tempDir } from '../../store/test-support.ts';
import type { ShelterService } from './service.ts';
import { ORDINARY_CARD, initShelter } from './test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let n = 0;
const opened: ShelterService[] = [];
beforeAll(() => {
  tmp = tempDir('kakanai-shelter-merge-');
});
afterAll(async () => {
  for (const s of opened) await s.close();
  tmp.cleanup();
});

async function laptop(shelterName: string, rows: 'list' | 'none' = 'list'): Promise<ShelterService> {
  const svc = await initShelter(tmp.dir, `t${n++}`, {
    shelterName,
    ...(rows === 'none' ? { rows: null } : {}),
  });
  opened.push(svc);
  return svc;
}

function exportOf(svc: ShelterService): string {
  const path = join(tmp.dir, `f${n++}.kev`);
  svc.exportEvents(path);
  return path;
}

function projection(db: Db): unknown {
  const all = (t: string, order: string) => db.prepare(`SELECT * FROM ${t} ORDER BY ${order}`).all();
  return {
    shelters: all('shelter_shelters', 'shelter_id'),
    people: all('shelter_people', 'person_id'),
    links: all('shelter_household_links', 'person_id'),
    moves: all('shelter_moves', 'terminal_id, seq'),
    presence: all('shelter_presence', 'person_id, shelter_id'),
    needs: all('shelter_needs', 'person_id'),
    consent: all('shelter_consent', 'person_id'),
    cards: all('shelter_cards', 'serial'),
  };
}

function yamada(svc: ShelterService) {
  const r = svc.findByCard(ORDINARY_CARD);
  if (r.match !== 'unique') throw new Error('the family is not on the list');
  return r.household.members;
}

describe('merging shelters', () => {
  it('three shelters and the HQ: one picture in every merge order; a person at two shelters has both records', async () => {
    const gym = await laptop('本町小学校体育館');
    const centre = await laptop('中区福祉センター');
    const temple = await laptop('寺院（自主避難所）', 'none');
    const [ume, taro, hanako, ichiro] = yamada(gym);
    gym.move([ume!.personId, taro!.personId, hanako!.personId, ichiro!.personId], 'arrive');
    gym.setNeeds(ume!.personId, ['care', 'medication']);
    gym.setConsent(hanako!.personId, 'yes');
    gym.move([taro!.personId], 'out');
    // The father went to help at the welfare centre and was checked in there too.
    centre.move([taro!.personId], 'arrive');
    const sakura = centre.search({ kana: 'たかはし さ' })[0]!;
    centre.move([sakura.personId], 'arrive');
    centre.move([sakura.personId], 'leave', { to: '実家（小田原市）' });
    // The temple has no list: people registered by hand, one family member linked in later.
    const guest = temple.register({
      name: 'Maria Silva',
      kana: 'まりあ しるば',
      birthDate: '1988-10-10',
      sex: 'F',
    });
    const child = temple.register({ name: 'Lucas Silva', kana: 'るかす しるば', birthDate: '2020-01-01' });
    temple.linkHousehold(child.personId, guest.householdId);
    temple.move([guest.personId, child.personId], 'arrive');
    temple.setConsent(guest.personId, 'yes');

    const files = [exportOf(gym), exportOf(centre), exportOf(temple)];
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ];
    const pictures: unknown[] = [];
    for (const order of orders) {
      const hq = await laptop('災害対策本部', 'none');
      for (const i of order) hq.mergeFile(files[i]!);
      for (const i of order) expect(hq.mergeFile(files[i]!).added).toBe(0); // twice: nothing new
      const s = hq.stats({ all: true });
      const here = Object.fromEntries(s.byShelter.map((x) => [x.name, [x.here, x.out, x.left]]));
      expect(here).toMatchObject({
        本町小学校体育館: [3, 1, 0],
        中区福祉センター: [1, 0, 1],
        '寺院（自主避難所）': [2, 0, 0],
      });
      // Across shelters: 8 stays of 7 people; the family is one household wherever its members are.
      expect(s.totals).toMatchObject({ here: 6, out: 1, left: 1, households: 2 });
      const conflicts = hq.conflicts();
      expect(conflicts).toHaveLength(1);
      expect(hq.conflictCount()).toBe(1);
      expect(conflicts[0]!.kind).toBe('TWO_SHELTERS');
      expect(conflicts[0]!.people[0]!.stays.map((x) => [x.shelterName, x.state]).sort()).toEqual([
        ['中区福祉センター', 'here'],
        ['本町小学校体育館', 'out'],
      ]);
      // The HQ answers a safety inquiry for a consenting person registered by hand elsewhere.
      expect(hq.safety('Maria Silva', '1988-10-10')).toEqual({
        answer: 'here',
        shelterName: '寺院（自主避難所）',
      });
      expect(hq.safety('山田 ウメ', '1940-03-03')).toEqual({ answer: 'not-here' });
      expect(hq.household(guest.householdId).members).toHaveLength(2);
      const picture = projection(hq.store.db);
      hq.store.events.rebuildProjections();
      expect(projection(hq.store.db)).toEqual(picture);
      // Each HQ laptop announced itself; the rest must be identical whatever the order.
      const { shelters, ...rest } = picture as { shelters: Array<{ shelter_id: string }> };
      pictures.push({ ...rest, shelters: shelters.filter((x) => x.shelter_id !== hq.config().shelterId) });
    }
    expect(pictures[1]).toEqual(pictures[0]);
    expect(pictures[2]).toEqual(pictures[0]);
  });

  it('merges several files all or none: a tampered one names itself and nothing is merged', async () => {
    const a = await laptop('本町小学校体育館');
    const b = await laptop('中区福祉センター');
    const [ume] = yamada(a);
    a.move([ume!.personId], 'arrive');
    b.move([ume!.personId], 'arrive');
    const good = exportOf(a);
    const bad = exportOf(b);
    const bytes = readFileSync(bad);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x01;
    writeFileSync(bad, bytes);
    const hq = await laptop('災害対策本部', 'none');
    const before = hq.store.events.count();
    expect(() => hq.mergeFiles([good, bad])).toThrow(
      expect.objectContaining({ code: 'TAMPERED', message: expect.stringContaining(bad) }),
    );
    expect(hq.store.events.count()).toBe(before);
    expect(hq.mergeFiles([good]).files[0]!.added).toBeGreaterThan(0);
  });

  it('the latest decision wins by the clock of events, not the order files arrive in', async () => {
    const a = await laptop('本町小学校体育館');
    const b = await laptop('本町小学校体育館');
    const [ume] = yamada(a);
    a.move([ume!.personId], 'arrive');
    b.mergeFile(exportOf(a));
    b.setConsent(ume!.personId, 'yes');
    b.move([ume!.personId], 'out');
    a.mergeFile(exportOf(b));
    a.setConsent(ume!.personId, 'no'); // later than b's yes
    a.move([ume!.personId], 'back');
    b.mergeFile(exportOf(a));
    for (const svc of [a, b]) {
      expect(svc.person(ume!.personId)).toMatchObject({ consent: 'no', state: 'here' });
    }
    expect(projection(a.store.db)).toEqual(projection(b.store.db));
  });
});
