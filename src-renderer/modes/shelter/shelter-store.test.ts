import { describe, expect, it } from 'vitest';
import { err, FakeClient, ok, type FakeHandlers } from '../../api/fake-client.ts';
import type { ShelterHousehold, ShelterPerson, ShelterStatus } from '../../../src-main/contract/index.ts';
import { createShelterStore, defaultSelection } from './shelter-store.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

const STATUS: ShelterStatus = {
  mode: 'shelter',
  ready: true,
  storeFound: true,
  terminalId: 'gym-1',
  shelter: { shelterId: 's-1', name: '本町小学校', kind: 'designated', capacity: 300 },
  totals: { here: 0, out: 0, left: 0, households: 0 },
  list: { residents: 8, households: 4 },
  conflicts: 0,
};

function person(
  id: string,
  state: ShelterPerson['state'] = 'none',
  extra: Partial<ShelterPerson> = {},
): ShelterPerson {
  return {
    personId: id,
    householdId: '1001',
    name: `山田 ${id}`,
    kana: 'やまだ',
    birthDate: '1980-02-17',
    birthDateWareki: '昭和55年2月17日',
    age: 46,
    address: '横浜市中区',
    relation: '',
    source: 'list',
    state,
    stays: [],
    needs: [],
    consent: 'not-asked',
    cardLinked: false,
    ...extra,
  };
}

const household = (...members: ShelterPerson[]): ShelterHousehold => ({ householdId: '1001', members });

function setup(handlers: FakeHandlers) {
  const client = new FakeClient({
    'shelter.status': () => ok(STATUS),
    'diagnostics.mark': () => ok({ done: true as const }),
    ...handlers,
  });
  const store = createShelterStore(client, {
    setInterval: (() => 0) as never,
    clearInterval: () => undefined,
  });
  return { client, store, s: () => store.getState() };
}

describe('shelter entrance store', () => {
  it('a placed card is tapped first: a linked card shows the household with its holder ticked', async () => {
    const h = household(person('a', 'here'), person('b', 'here', { cardLinked: true }));
    const { client, store, s } = setup({ 'shelter.tap': () => ok({ person: h.members[1]!, household: h }) });
    await s().start();
    expect(s().screen.id).toBe('ready');
    client.emit({ type: 'card', kind: 'card-inserted', reader: 'r' });
    await tick();
    expect(s().screen.id).toBe('household');
    expect(s().via).toBe('tap');
    expect(s().selected).toEqual(['b']);
    expect(client.names()).toEqual(['shelter.status', 'shelter.tap']);
    store.getState().stop();
  });

  it('a card never linked goes to 照合番号B; the read shows the whole family ticked for arrival', async () => {
    const h = household(person('a'), person('b'), person('c', 'here'));
    const { client, s } = setup({
      'shelter.tap': () => err('CARD_NOT_LINKED'),
      'card.identify': () => ok({ reader: 'r', retries: { pin: 3, bno: 10 } } as never),
      'shelter.identifyCard': () =>
        ok({
          found: { match: 'unique', by: 'name-birth', person: h.members[0]!, household: h },
          card: { name: '山田 a', birthDateWareki: '昭和55年2月17日', address: '横浜市' },
        }),
    });
    await s().start();
    await s().beginCard();
    expect(s().screen.id).toBe('cardBno');
    await s().submitBno({
      birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
      expiryYear: 2035,
      securityCode: '2285',
    });
    expect(s().screen.id).toBe('household');
    // Those not here yet are ticked: the family arriving.
    expect(s().selected).toEqual(['a', 'b']);
    expect(client.calls.find((c) => c.name === 'shelter.identifyCard')?.input).toMatchObject({
      method: 'bno',
    });
  });

  it('a movement is recorded for the ticked people, the household reloads, nobody stays ticked', async () => {
    const before = household(person('a'), person('b'));
    const after = household(person('a', 'here'), person('b', 'here'));
    const { client, s } = setup({
      'shelter.tap': () => ok({ person: before.members[0]!, household: before }),
      'shelter.move': (input) =>
        ok({
          moved: input.personIds.map((id) => ({
            personId: id,
            name: `山田 ${id}`,
            move: 'arrived' as const,
          })),
          skipped: [],
        }),
      'shelter.household': () => ok(after),
    });
    await s().start();
    await s().beginCard();
    s().selectAll(true);
    await s().move('arrive');
    expect(client.calls.find((c) => c.name === 'shelter.move')?.input).toEqual({
      personIds: ['a', 'b'],
      move: 'arrive',
    });
    expect(s().household).toEqual(after);
    expect(s().selected).toEqual([]);
    expect(s().flash).toMatchObject({
      key: 'shelter.flash.arrived',
      params: { names: '山田 a、山田 b', count: 2 },
    });
    // Nothing ticked: the buttons do nothing.
    await s().move('out');
    expect(client.names().filter((n) => n === 'shelter.move')).toHaveLength(1);
  });

  it('a laptop locked elsewhere goes back to the passphrase and drops the household', async () => {
    const h = household(person('a'));
    const { s } = setup({
      'shelter.tap': () => ok({ person: h.members[0]!, household: h }),
      'shelter.move': () => err('SHELTER_NOT_OPEN'),
    });
    await s().start();
    await s().beginCard();
    expect(s().selected).toEqual(['a']);
    await s().move('out');
    expect(s().screen.id).toBe('open');
    expect(s().household).toBeNull();
    expect(s().notice?.key).toBe('shelter.error.notOpen');
  });

  it('the safety answer is shown as given; next() forgets everything about the family', async () => {
    const { s } = setup({ 'shelter.safety': () => ok({ answer: 'not-here' as const }) });
    await s().start();
    s().openSafety();
    await s().askSafety('山田 ウメ', '1940-03-03');
    expect(s().safety).toEqual({ answer: 'not-here' });
    s().next();
    expect(s().safety).toBeNull();
    expect(s().screen.id).toBe('ready');
  });

  it('defaultSelection: a first arrival takes everyone not here; a search or tap takes the one person', () => {
    const h = household(person('a', 'here'), person('b'), person('c', 'left'));
    expect(defaultSelection(h, 'card', 'a')).toEqual(['b', 'c']);
    expect(defaultSelection(household(person('a', 'here')), 'card', 'a')).toEqual(['a']);
    expect(defaultSelection(h, 'search', 'c')).toEqual(['c']);
  });
});
