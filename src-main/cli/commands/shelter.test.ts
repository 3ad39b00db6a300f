/**
 * `kakanai shelter …` end to end through the CLI entry point, with the in-process virtual card:
 * set-up, a Shift_JIS list with a bad line, a family of four checked in by card (照合番号B, the
 * card linked), tap-only 外出/戻り, registration by hand, needs and consent, the safety answer, exit
 * codes, and two shelters' files merged at the HQ. Every output meant for outside the staff room
 * is searched for the name of a person who did not consent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain, type LooseJson } from '../../../test/helpers/cli.ts';
import { pdfText } from '../../forms/test-pdf.ts';
import { encodeShiftJis } from '../../roster/test-support.ts';
import { tempDir } from '../../store/test-support.ts';
import { ORDINARY_BNO, PASSPHRASE, SAMPLE_LIST, listCsv } from '../../modes/shelter/test-support.ts';

const run = (argv: string[], stdin = `${PASSPHRASE}\n`) => runMain(argv, stdin);
const p = ['--passphrase-stdin', '--json'];

let tmp: ReturnType<typeof tempDir>;
let gym: string;
let hall: string;
let hq: string;
let salt: string;
let family: LooseJson;

beforeAll(async () => {
  tmp = tempDir('kakanai-cli-shelter-');
  gym = join(tmp.dir, 'gym.db');
  hall = join(tmp.dir, 'hall.db');
  hq = join(tmp.dir, 'hq.db');
  writeFileSync(join(tmp.dir, 'list.csv'), encodeShiftJis(listCsv(SAMPLE_LIST)));
  const first = await run([
    'shelter',
    'init',
    '--db',
    gym,
    '--shelter-name',
    '本町小学校体育館',
    '--capacity',
    '300',
    '--terminal',
    'gym-1',
    ...p,
  ]);
  expect(first.code).toBe(0);
  salt = first.json.groupSalt;
  const more = (db: string, name: string, terminal: string, kind = 'designated') =>
    run([
      'shelter',
      'init',
      '--db',
      db,
      '--shelter-name',
      name,
      '--capacity',
      '80',
      '--terminal',
      terminal,
      '--kind',
      kind,
      '--group-salt',
      salt,
      ...p,
    ]);
  expect((await more(hall, '中区福祉センター', 'hall-1', 'welfare')).code).toBe(0);
  expect((await more(hq, '災害対策本部', 'hq-1', 'emergency')).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('kakanai shelter', () => {
  it('imports the list all or nothing, bad lines by number; Shift_JIS detected', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(
      bad,
      listCsv([
        ...SAMPLE_LIST.slice(0, 2),
        '1009,鈴木 一,すずき,令和9年2月30日,男,,',
        '1009,鈴木 二,suzuki,2001-01-01,男,,',
      ]),
    );
    const r = await run(['shelter', 'import-residents', '--db', gym, '--csv', bad, ...p]);
    expect(r.code).toBe(1);
    expect(r.json.committed).toBe(false);
    expect(r.json.rejected.map((x: LooseJson) => [x.line, x.code])).toEqual([
      [4, 'NO_SUCH_DATE'],
      [5, 'BAD_KANA'],
    ]);
    const ok = await run([
      'shelter',
      'import-residents',
      '--db',
      gym,
      '--csv',
      join(tmp.dir, 'list.csv'),
      ...p,
    ]);
    expect(ok.json).toMatchObject({ imported: 8, households: 4, committed: true, encoding: 'sjis' });
    const again = await run([
      'shelter',
      'import-residents',
      '--db',
      gym,
      '--csv',
      join(tmp.dir, 'list.csv'),
      ...p,
    ]);
    expect(again.json.error.code).toBe('LIST_EXISTS');
  });

  it('checks in the card holder’s household of four by 照合番号B and links the card', async () => {
    const r = await run(
      [
        'shelter',
        'checkin',
        '--db',
        gym,
        '--card',
        '--bno-stdin',
        '--link-card',
        '--emulator',
        'ordinary',
        ...p,
      ],
      `${PASSPHRASE}\n${ORDINARY_BNO}\n`,
    );
    expect(r.code).toBe(0);
    expect(r.json.checkedIn.map((m: LooseJson) => m.name)).toEqual([
      '山田 ウメ',
      '山田 太郎',
      '山田 花子',
      '山田 一郎',
    ]);
    expect(r.json.household.members.every((m: LooseJson) => m.state === 'here')).toBe(true);
    expect(r.json.household.members.find((m: LooseJson) => m.relation === '世帯主').cardLinked).toBe(true);
    expect(r.out).not.toContain(ORDINARY_BNO);
    family = r.json.household;
    // A wrong 照合番号B: exit 5, nothing recorded.
    const wrong = await run(
      ['shelter', 'checkin', '--db', gym, '--card', '--bno-stdin', '--emulator', 'ordinary', ...p],
      `${PASSPHRASE}\n55021720359999\n`,
    );
    expect(wrong.code).toBe(5);
  });

  it('外出 and 戻り by tap only (3 APDUs); a card never linked is exit 11; nothing to do is exit 12', async () => {
    const out = await run(['shelter', 'out', '--db', gym, '--tap', '--emulator', 'ordinary', ...p]);
    expect(out.code).toBe(0);
    expect(out.json.moved).toEqual([expect.objectContaining({ name: '山田 太郎', move: 'out' })]);
    expect(out.json.card.apdus).toBeLessThanOrEqual(3);
    expect((await run(['shelter', 'out', '--db', gym, '--tap', '--emulator', 'ordinary', ...p])).code).toBe(
      12,
    );
    const back = await run(['shelter', 'back', '--db', gym, '--tap', '--emulator', 'ordinary', ...p]);
    expect(back.json.moved[0].move).toBe('back');
    const stranger = await run(['shelter', 'back', '--db', gym, '--tap', '--emulator', 'reiwa-child', ...p]);
    expect(stranger.code).toBe(11);
    expect(stranger.json.error.code).toBe('CARD_NOT_LINKED');
  });

  it('registers a person from another town by hand, with needs; name look-ups need the birth date to act', async () => {
    const r = await run([
      'shelter',
      'register',
      '--db',
      gym,
      '--name',
      '佐々木 健',
      '--kana',
      'ささき けん',
      '--birth-date',
      'S30.7.7',
      '--sex',
      'M',
      '--address',
      '宮城県石巻市',
      '--checkin',
      ...p,
    ]);
    expect(r.code).toBe(0);
    expect(r.json.person).toMatchObject({ source: 'hand', state: 'here', birthDate: '1955-07-07' });
    const needs = await run([
      'shelter',
      'needs',
      '--db',
      gym,
      '--person',
      r.json.person.personId,
      '--set',
      'medication,care',
      '--note',
      'インスリン',
      ...p,
    ]);
    expect(needs.json.person.needs).toEqual(['care', 'medication']);
    expect(
      (
        await run([
          'shelter',
          'needs',
          '--db',
          gym,
          '--person',
          r.json.person.personId,
          '--set',
          'flying',
          ...p,
        ])
      ).code,
    ).toBe(2);
    const ambiguous = await run([
      'shelter',
      'checkin',
      '--db',
      gym,
      '--name',
      '山田太郎',
      '--birth-date',
      '1980-02-17',
      ...p,
    ]);
    expect(ambiguous.code).toBe(13);
    expect(ambiguous.json.error.candidates).toHaveLength(2);
    const none = await run([
      'shelter',
      'checkin',
      '--db',
      gym,
      '--name',
      '誰 でもない',
      '--birth-date',
      '2001-01-01',
      ...p,
    ]);
    expect(none.code).toBe(11);
    expect((await run(['shelter', 'checkin', '--db', gym, '--name', '山田太郎', ...p])).code).toBe(2);
  });

  it('answers safety inquiries only with consent, and the outside outputs never name a person without it', async () => {
    const [ume, taro, hanako] = family.members;
    await run(['shelter', 'consent', '--db', gym, '--person', hanako.personId, '--safety', 'yes', ...p]);
    await run(['shelter', 'consent', '--db', gym, '--person', ume.personId, '--safety', 'no', ...p]);
    const yes = await run([
      'shelter',
      'safety',
      '--db',
      gym,
      '--name',
      '山田 花子',
      '--birth-date',
      '昭和57年6月1日',
      ...p,
    ]);
    expect(yes.json).toEqual({ answer: 'here', shelterName: '本町小学校体育館' });
    const no = await run([
      'shelter',
      'safety',
      '--db',
      gym,
      '--name',
      '山田 ウメ',
      '--birth-date',
      '1940-03-03',
      ...p,
    ]);
    const unknown = await run([
      'shelter',
      'safety',
      '--db',
      gym,
      '--name',
      '山田 ウメ',
      '--birth-date',
      '1941-03-03',
      ...p,
    ]);
    const notConsulted = await run([
      'shelter',
      'safety',
      '--db',
      gym,
      '--name',
      taro.name,
      '--birth-date',
      taro.birthDate,
      ...p,
    ]);
    expect(no.out).toBe(unknown.out);
    expect(notConsulted.out).toBe(unknown.out);
    const humanNo = await run([
      'shelter',
      'safety',
      '--db',
      gym,
      '--name',
      '山田 ウメ',
      '--birth-date',
      '1940-03-03',
      '--passphrase-stdin',
    ]);
    expect(humanNo.out).toContain('お答えできる避難者の情報はありません');

    // Everything that leaves the staff room: the HQ CSV, figures, status, conflicts, safety, files merged.
    const csvPath = join(tmp.dir, 'hq.csv');
    const outputs = [
      no.out,
      humanNo.out,
      (await run(['shelter', 'export-csv', '--db', gym, '--out', csvPath, ...p])).out,
      readFileSync(csvPath, 'utf8'),
      (await run(['shelter', 'stats', '--db', gym, ...p])).out,
      (await run(['shelter', 'stats', '--db', gym, '--passphrase-stdin'])).out,
      (await run(['shelter', 'status', '--db', gym, ...p])).out,
      (await run(['shelter', 'conflicts', '--db', gym, ...p])).out,
    ];
    for (const text of outputs) {
      expect(text).not.toContain('ウメ');
      expect(text).not.toContain('1940-03-03');
      expect(text).not.toContain(taro.name); // never asked: not consented either
    }
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv).toContain('山田 花子');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFshelter_id,shelter_name,person_ref,household_ref,state,since,first_arrived,left_to,age_band,sex,needs,consent,name,kana,birth_date,address',
    );
    // The staff roster lists everyone (personal data for staff).
    const roster = await run(['shelter', 'roster', '--db', gym, '--passphrase-stdin']);
    expect(roster.out).toContain('山田 ウメ');
  });

  it('merges two shelters at the HQ: one picture, a person at both shelters shown with both records', async () => {
    // The grandmother is also checked in at the welfare centre (its laptop has no list: by hand
    // she would be a new person; with the gym's file merged first, she is the same person).
    const gymFile = join(tmp.dir, 'gym.kev');
    expect((await run(['shelter', 'export', '--db', gym, '--out', gymFile, ...p])).code).toBe(0);
    expect((await run(['shelter', 'merge', '--db', hall, '--in', gymFile, ...p])).code).toBe(0);
    const ume = family.members[0];
    const atHall = await run(['shelter', 'checkin', '--db', hall, '--person', ume.personId, ...p]);
    expect(atHall.json.moved).toHaveLength(1);
    const hallFile = join(tmp.dir, 'hall.kev');
    await run(['shelter', 'export', '--db', hall, '--out', hallFile, ...p]);
    const m1 = await run(['shelter', 'merge', '--db', hq, '--in', gymFile, ...p]);
    const m2 = await run(['shelter', 'merge', '--db', hq, '--in', hallFile, ...p]);
    expect(m1.json.added).toBeGreaterThan(0);
    expect(m2.json.conflicts).toEqual([
      expect.objectContaining({
        kind: 'TWO_SHELTERS',
        people: [expect.objectContaining({ personId: ume.personId })],
      }),
    ]);
    const again = await run(['shelter', 'merge', '--db', hq, '--in', hallFile, ...p]);
    expect(again.json.added).toBe(0);
    const stats = await run(['shelter', 'stats', '--db', hq, '--all', ...p]);
    const byName = Object.fromEntries(stats.json.byShelter.map((s: LooseJson) => [s.name, s.here]));
    expect(byName).toEqual({ 本町小学校体育館: 5, 中区福祉センター: 1, 災害対策本部: 0 });
    const conflicts = await run(['shelter', 'conflicts', '--db', hq, '--passphrase-stdin']);
    expect(conflicts.out).toContain('二か所で受付');
    expect(conflicts.out).toMatch(
      /本町小学校体育館 在所 \/ 中区福祉センター 在所|中区福祉センター 在所 \/ 本町小学校体育館 在所/,
    );
  });

  it('prints the 避難者カード pre-filled for the household (checked with pdftotext)', async () => {
    const taro = family.members.find((m: LooseJson) => m.relation === '世帯主');
    await run([
      'shelter',
      'needs',
      '--db',
      gym,
      '--person',
      family.members[0].personId,
      '--set',
      'care,medication',
      '--note',
      '血圧の薬',
      ...p,
    ]);
    const out = join(tmp.dir, 'card.pdf');
    const r = await run([
      'shelter',
      'card',
      '--db',
      gym,
      '--household',
      family.householdId,
      '--holder',
      taro.personId,
      '--out',
      out,
      ...p,
    ]);
    expect(r.code).toBe(0);
    expect(r.json.members).toHaveLength(3);
    const text = pdfText(readFileSync(out)).replace(/\s+/g, ' ');
    for (const word of [
      '本町小学校体育館',
      '山田 太郎',
      'ヤマダ タロウ',
      '山田 ウメ',
      'ヤマダ イチロウ',
      '母',
      '山田 ウメ: 要介護・服薬（血圧の薬）',
    ])
      expect(text).toContain(word);
  });

  it('refuses a wrong passphrase (5) and bad usage (2)', async () => {
    expect((await run(['shelter', 'stats', '--db', gym, ...p], 'not the passphrase\n')).code).toBe(5);
    expect((await run(['shelter', 'checkin', '--db', gym, ...p])).code).toBe(2);
    expect(
      (
        await run([
          'shelter',
          'init',
          '--db',
          join(tmp.dir, 'x.db'),
          '--shelter-name',
          'x',
          '--capacity',
          '1',
          '--terminal',
          't',
          '--kind',
          'tent',
          ...p,
        ])
      ).code,
    ).toBe(2);
  });
});
