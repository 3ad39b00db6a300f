/**
 * The screens bring their own fonts: in every language, every character on every screen of the
 * first steps is drawn with a font the kiosk bundles (never an OS font, never an empty box), and
 * the resident's own name from the card — 𠮷田 髙子 (a full-width space between), with 𠮷 outside the BMP — is drawn in the
 * faces it prints in. Chromium reports the fonts it used (support/fonts.ts). A screenshot per
 * language is kept for a person to look at (e2e/screenshots/fonts-*.tmp.png).
 */
import { test, expect } from './support/fixtures.ts';
import { fontsUsed, textNotInBundledFonts } from './support/fonts.ts';
import { enterBno, MOVING_IN_ALONE, toPlan, type BnoEntry } from './support/steps.ts';
import type { KioskPage } from './support/kiosk.ts';

const LANGUAGES = ['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR'];

/** The gaiji persona: born 昭和37年11月3日, card valid until 2031, security code 4417. */
const GAIJI_BNO: BnoEntry = {
  era: 'showa',
  year: '37',
  month: '11',
  day: '3',
  expiryYear: '2031',
  securityCode: '4417',
};

async function expectBundledFontsOnly(k: KioskPage, screen: string): Promise<void> {
  expect(await textNotInBundledFonts(k.page), `text outside the bundled fonts on ${screen}`).toEqual([]);
}

test.describe.configure({ mode: 'parallel' });
test.use({ appOptions: { demo: true } });

for (const lang of LANGUAGES) {
  test(`fonts ${lang}: every character drawn with a bundled font`, async ({ kiosk, page }) => {
    await kiosk.open();
    await expectBundledFontsOnly(kiosk, 'attract');
    await kiosk.app.call('demo.removeCard');
    await toPlan(kiosk, { language: lang, lifeEvent: 'moving', answers: MOVING_IN_ALONE });
    await expectBundledFontsOnly(kiosk, 'plan');
    await kiosk.click('[data-testid=plan-next]');
    await kiosk.screen('placeCard', { noShot: true });
    await expectBundledFontsOnly(kiosk, 'placeCard');
    kiosk.mark();
    await page.locator('[data-persona="gaiji"]').click();
    await kiosk.screen('bno', { noShot: true });
    await expectBundledFontsOnly(kiosk, 'bno');
    await enterBno(kiosk, GAIJI_BNO);
    await kiosk.click('[data-testid=bno-submit]');
    await kiosk.screen('resident', { name: `fonts-resident-${lang}` });
    await expectBundledFontsOnly(kiosk, 'resident');

    // The name as it will print: BIZ UDゴシック for 田 and 髙子, IPAmj明朝 for 𠮷 (as forms/fonts.ts).
    await expect(page.getByTestId('resident-name')).toHaveText('𠮷田\u3000髙子');
    const nameFonts = await fontsUsed(page, '[data-testid=resident-name]');
    const families = new Set(nameFonts.map((f) => f.familyName));
    expect(families, 'fonts of the resident name').toEqual(new Set(['BIZ UDGothic', 'IPAmjMincho']));
    // 𠮷 田 (full-width space) 髙 子: five glyphs, every one from those two fonts.
    expect(nameFonts.reduce((n, f) => n + f.glyphCount, 0)).toBe(5);
  });
}
