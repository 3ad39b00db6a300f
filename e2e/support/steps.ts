/**
 * The steps journeys share, written as a resident does them: touch, choose, type on the pads.
 */
import { expect } from '@playwright/test';
import type { KioskPage } from './kiosk.ts';

/** Attract → language → life event → answers (question id → answer value as data-answer). */
export async function toPlan(
  k: KioskPage,
  options: { language: string; lifeEvent: string; answers: Array<[string, string]> },
): Promise<void> {
  await k.click('[data-testid=start]');
  await k.screen('language');
  await k.click(`[data-lang="${options.language}"]`);
  await k.screen('lifeEvent', { fullPage: true });
  await k.click(`[data-life-event="${options.lifeEvent}"]`);
  for (const [question, answer] of options.answers) {
    await k.screen(`question:${question}`);
    await k.click(`[data-answer="${answer}"]`);
  }
  await k.screen('plan', { fullPage: true });
}

/** 転入, moving alone, no 国保 or 年金 change: the shortest moving journey. */
export const MOVING_IN_ALONE: Array<[string, string]> = [
  ['moveType', 'tennyu'],
  ['who', 'self'],
  ['kokuho', 'false'],
  ['pension', 'false'],
];

export interface BnoEntry {
  era: 'showa' | 'heisei' | 'reiwa' | 'taisho' | 'gregorian';
  year: string;
  month: string;
  day: string;
  expiryYear: string;
  securityCode: string;
}

/** 照合番号B parts printed on the 'ordinary' persona's card (昭和55年2月17日, 2035, 2285). */
export const ORDINARY_BNO: BnoEntry = {
  era: 'showa',
  year: '55',
  month: '2',
  day: '17',
  expiryYear: '2035',
  securityCode: '2285',
};

/** Builds 照合番号B on the picture-guided screen, checking each step as it goes. */
export async function enterBno(k: KioskPage, b: BnoEntry, options: { shots?: boolean } = {}): Promise<void> {
  const page = k.page;
  const step = page.getByTestId('bno-step');
  await expect(step).toHaveAttribute('data-step', 'era');
  await page.locator(`[data-era="${b.era}"]`).click();
  for (const [name, value] of [
    ['year', b.year],
    ['month', b.month],
    ['day', b.day],
    ['expiryYear', b.expiryYear],
    ['securityCode', b.securityCode],
  ] as const) {
    await expect(step).toHaveAttribute('data-step', name);
    await k.type(value);
    await expect(page.getByTestId('bno-display')).toHaveText(value);
    if (options.shots && (name === 'year' || name === 'expiryYear' || name === 'securityCode'))
      await k.check(`bno-${name}`);
    await page.getByTestId('bno-next').click();
  }
  await expect(step).toHaveAttribute('data-step', 'review');
  if (options.shots) await k.check('bno-review');
}

/** Types a PIN on the pad (each digit on the on-screen keys) and presses OK. */
export async function enterPin(k: KioskPage, pin: string): Promise<void> {
  for (const d of pin) await k.page.locator('.pad').getByRole('button', { name: d, exact: true }).click();
  await expect(k.page.locator('.pin-dots .filled')).toHaveCount(pin.length);
  await k.click('[data-testid=pin-ok]');
}

/** Presses the katakana keys (゛ as its own key after the base character, as a resident would). */
export async function typeKana(k: KioskPage, kana: string): Promise<void> {
  const voiced: Record<string, [string, string]> = {
    ダ: ['タ', '゛'],
    ガ: ['カ', '゛'],
    ジ: ['シ', '゛'],
    ゴ: ['コ', '゛'],
    ギ: ['キ', '゛'],
    ズ: ['ス', '゛'],
    ブ: ['フ', '゛'],
    パ: ['ハ', '゜'],
  };
  const markLabel: Record<string, RegExp> = { '゛': /゛/, '゜': /゜/ };
  const small: Record<string, string> = {
    ャ: 'ヤ',
    ュ: 'ユ',
    ョ: 'ヨ',
    ッ: 'ツ',
    ァ: 'ア',
    ィ: 'イ',
    ゥ: 'ウ',
    ェ: 'エ',
    ォ: 'オ',
  };
  for (const ch of kana) {
    if (ch === '\u3000' || ch === ' ') {
      await k.page.getByTestId('kana-space').click();
      continue;
    }
    if (small[ch]) {
      await k.page.locator('.kana').getByRole('button', { name: small[ch], exact: true }).click();
      await k.page.getByTestId('kana-small').click();
      continue;
    }
    const [base, mark] = voiced[ch] ?? [ch, undefined];
    await k.page.locator('.kana').getByRole('button', { name: base, exact: true }).click();
    if (mark) await k.page.locator('.kana-tools').getByRole('button', { name: markLabel[mark] }).click();
  }
}

export type InputAnswer =
  | { digits: string }
  | { kana: string }
  | { text: string }
  | { option: string }
  | { date: { era: string; y: string; m: string; d: string } }
  | { address: AddressAnswer }
  | { rows: Array<Record<string, InputAnswer>> }
  | 'skip'
  /** The journey's own onScreen filled the screen: just press Next. */
  | 'asIs';

/**
 * An address entered by touch: the postal code on the pad (and the town, when the code has
 * several), 丁目・番地・号 on the pad, the building in katakana and then letters/digits.
 */
export interface AddressAnswer {
  postal: string;
  town?: string;
  chome?: string;
  ban?: string;
  go?: string;
  building?: string;
  latin?: string;
}

async function answerAddress(k: KioskPage, a: AddressAnswer): Promise<void> {
  const p = k.page;
  // An address saved before is kept until the resident chooses another place.
  if ((await p.getByTestId('address-by-postal').count()) === 0) await p.getByTestId('address-change').click();
  await p.getByTestId('address-by-postal').click();
  await k.type(a.postal);
  if (a.town !== undefined) await p.locator(`[data-testid=address-place][data-town="${a.town}"]`).click();
  await expect(p.getByTestId('address-postal')).toContainText(`${a.postal.slice(0, 3)}-${a.postal.slice(3)}`);
  await addressRest(k, a);
}

/** Once the place is chosen: 丁目・番地・号 on the pad, the building in katakana, then letters. */
export async function addressRest(k: KioskPage, a: Omit<AddressAnswer, 'postal' | 'town'>): Promise<void> {
  const p = k.page;
  for (const part of ['chome', 'ban', 'go'] as const) {
    if (!a[part]) continue;
    await p.locator(`[data-address-part=${part}]`).click();
    await k.type(a[part]);
  }
  if (a.building) await typeKana(k, a.building);
  if (a.latin) {
    await p.getByTestId('keyboard-latin').click();
    for (const ch of a.latin) await p.locator('.kana').getByRole('button', { name: ch, exact: true }).click();
  }
}

/** Types one scalar answer into the control on screen. */
export async function answerScalar(
  k: KioskPage,
  key: string,
  a: Exclude<InputAnswer, 'skip' | 'asIs' | { rows: unknown }>,
) {
  if ('digits' in a) await k.type(a.digits);
  if ('kana' in a) await typeKana(k, a.kana);
  if ('text' in a) await k.page.locator(`#input-${key}`).fill(a.text);
  if ('option' in a) await k.page.locator(`main [data-option="${a.option}"]`).click();
  if ('address' in a) await answerAddress(k, a.address);
  if ('date' in a) {
    await k.page
      .getByRole('button', { name: new RegExp(a.date.era) })
      .first()
      .click();
    // Each part from empty, whatever the screen held before.
    for (const part of ['y', 'm', 'd'] as const) {
      await k.page.locator(`[data-date-part=${part}]`).click();
      await k.page.locator('main [data-key=clear]').click();
      await k.type(a.date[part]);
    }
  }
}

/** Adds list rows (世帯員, 児童…) column by column in the row editor. */
async function answerRows(k: KioskPage, rows: Array<Record<string, InputAnswer>>) {
  for (const row of rows) {
    await k.page.getByTestId('add-row').click();
    for (let i = 0; i < 30; i++) {
      const editor = k.page.locator('section[data-column]');
      if ((await editor.count()) === 0) break;
      const col = (await editor.getAttribute('data-column'))!;
      const given = row[col];
      const a = given === undefined || given === 'skip' ? await defaultAnswer(k, col) : given;
      if (typeof a === 'object' && !('rows' in a)) await answerScalar(k, col, a);
      await k.page.getByTestId('row-next').click();
      await expect(k.page.locator(`section[data-column="${col}"]`)).toHaveCount(0);
    }
  }
}

/**
 * Answers every input screen until the confirmation: known keys from `answers`, other optional
 * ones skipped, other required ones fail the test (the journey must say what to type).
 */
export async function fillInputs(
  k: KioskPage,
  answers: Record<string, InputAnswer>,
  /** Called on each input screen before it is answered (a journey's own checks). */
  onScreen?: (key: string) => Promise<void>,
): Promise<string[]> {
  const asked: string[] = [];
  // The next screen is an input or, when nothing is left to ask, the confirmation.
  const next = k.page.locator('main[data-screen^="input:"], main[data-screen="confirm"]');
  for (let i = 0; i < 40; i++) {
    const main = next;
    await main.waitFor();
    const id = (await main.getAttribute('data-screen')) ?? '';
    if (!id.startsWith('input:')) break;
    const key = id.slice('input:'.length);
    await k.screen(`input:${key}`);
    asked.push(key);
    await onScreen?.(key);
    let a = answers[key];
    const skip = k.page.getByTestId('input-skip');
    if (a === undefined && (await skip.count()) === 0) a = await defaultAnswer(k, key);
    if (a === undefined || a === 'skip') {
      k.mark();
      await skip.click();
    } else {
      if (a === 'asIs') {
        // Filled by the journey's onScreen.
      } else if ('rows' in a) await answerRows(k, a.rows);
      else await answerScalar(k, key, a);
      await k.check(`input-${key}-filled`);
      await k.click('[data-testid=input-next]');
    }
    // Wait until this input screen has gone before looking at the next one.
    await expect(k.page.locator(`main[data-screen="input:${key}"]`)).toHaveCount(0);
  }
  return asked;
}

/**
 * A plausible value for a required input the journey does not name (form definitions grow), chosen
 * by the control the screen shows.
 */
async function defaultAnswer(k: KioskPage, key: string): Promise<InputAnswer> {
  const p = k.page;
  if ((await p.getByTestId('address-composed-card').count()) > 0)
    return { address: { postal: '1040061', chome: '1', ban: '2', go: '3' } };
  if ((await p.locator('main [data-option]').count()) > 0) {
    const first = await p.locator('main [data-option]').first().getAttribute('data-option');
    return { option: first! };
  }
  if ((await p.locator('[data-date-part]').count()) > 0) return { date: reiwaDaysAgo(10) };
  if ((await p.locator('main .kana').count()) > 0) return { kana: 'テスト' };
  const display = p.getByTestId('number-display');
  if ((await display.count()) > 0) {
    const length = Number((await display.getAttribute('data-length')) || 0);
    return { digits: length > 0 ? '1'.repeat(length) : '0120000000' };
  }
  if ((await p.locator(`#input-${key}`).count()) > 0) return { text: 'テスト' };
  if ((await p.getByTestId('add-row').count()) > 0)
    throw new Error(`required list input "${key}" needs rows from the journey`);
  throw new Error(`no way to answer the required input "${key}"`);
}

/**
 * A 令和 date `days` before today in Japan: a form accepts dates in a range around the visit (a
 * move from a year back to a month ahead), so a journey's dates move with the calendar.
 */
export function reiwaDaysAgo(days: number): { era: '令和'; y: string; m: string; d: string } {
  const jst = new Date(Date.now() + 9 * 3600_000 - days * 86_400_000);
  return {
    era: '令和',
    y: String(jst.getUTCFullYear() - 2018),
    m: String(jst.getUTCMonth() + 1),
    d: String(jst.getUTCDate()),
  };
}

/** Values a moving journey types (住民異動届): moved in five days ago. */
/** The new address of the moving journeys: 〒231-0021 横浜市中区日本大通, 1番2号, サクラ304. */
export const MOVING_ADDRESS: AddressAnswer = {
  postal: '2310021',
  ban: '1',
  go: '2',
  building: 'サクラ',
  latin: '304',
};
/** How MOVING_ADDRESS prints, written out (not recomputed: the journeys check the composition). */
export const MOVING_ADDRESS_LINE = '神奈川県横浜市中区日本大通1番2号 サクラ304';

export const MOVING_INPUTS: Record<string, InputAnswer> = {
  phone: { digits: '045-123-4567' },
  nameKana: { kana: 'ヤマダ\u3000タロウ' },
  moveDate: { date: reiwaDaysAgo(5) },
  newAddress: { address: MOVING_ADDRESS },
};

/** Values a birth journey types (児童手当認定請求書: the new child). */
export const BIRTH_INPUTS: Record<string, InputAnswer> = {
  phone: { digits: '090-1111-2222' },
  nameKana: { kana: 'ヤマダ\u3000タロウ' },
  childList: {
    rows: [
      {
        name: { text: '山田　陽葵' },
        nameKana: { kana: 'ヤマダ\u3000ヒマリ' },
        birthDate: { date: { era: '令和', y: '8', m: '10', d: '1' } },
        relationship: { text: '長女' },
        livesWith: { option: 'together' },
      },
    ],
  },
};

/** Confirmation with the rendered pages, then print; returns the CUPS job id. */
export async function previewAndPrint(k: KioskPage): Promise<string> {
  await k.screen('confirm', { noShot: true });
  await expect(k.page.getByTestId('preview-pages').locator('img').first()).toBeVisible({ timeout: 30_000 });
  await k.check('confirm', { fullPage: true });
  await k.click('[data-testid=print]');
  const next = k.page.locator('main[data-screen="printing"], main[data-screen="done"]');
  await next.waitFor({ timeout: 30_000 });
  if ((await next.getAttribute('data-screen')) === 'printing') await k.check('printing');
  await k.screen('done', { timeoutMs: 60_000 });
  const jobId = await k.page.locator('[data-job]').getAttribute('data-job');
  expect(jobId, 'the done screen knows the print job').toBeTruthy();
  return jobId!;
}

/** "Finish": back to the attract screen with nothing personal left in the main process. */
export async function finishAndCheckWiped(k: KioskPage, residentName: string): Promise<void> {
  await k.click('[data-testid=finish]');
  await k.screen('attract', { noShot: true });
  const s = await k.session();
  expect(s.hasResident).toBe(false);
  expect(s.hasPlan).toBe(false);
  expect(s.inputKeys).toEqual([]);
  await expect(k.page.locator('body')).not.toContainText(residentName);
}

/** The language switch in the top bar, available on every screen. */
export async function switchLanguage(k: KioskPage, lang: string, htmlLang = lang): Promise<void> {
  await k.page.getByTestId('language-button').click();
  const dialog = k.page.locator('dialog[open]');
  await dialog.waitFor();
  await k.check('language-dialog', { noShot: false });
  await dialog.locator(`button[data-lang-option="${lang}"]`).click();
  await expect(k.page.locator('html')).toHaveAttribute('lang', htmlLang);
  await expect(dialog).toHaveCount(0);
}

/** Staff login with the operator PIN on the pad. */
export async function staffLogin(k: KioskPage, pin: string): Promise<void> {
  await k.click('[data-testid=staff-button]');
  await k.screen('staffLogin');
  for (const d of pin) await k.page.locator('.pad').getByRole('button', { name: d, exact: true }).click();
  await k.click('[data-testid=staff-login]');
}
