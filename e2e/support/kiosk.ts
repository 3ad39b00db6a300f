/**
 * Drives the kiosk screens in a real page: waits for a screen, checks it with axe (no serious or
 * critical violation may pass), saves its screenshot, and measures how long each transition took
 * from the click that caused it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { SCREENSHOT_DIR } from './env.ts';
import type { RunningApp } from './app.ts';
import { recordAxe, recordMetric } from './report.ts';

export interface ScreenOptions {
  /** Screenshot name (default: the screen id). */
  name?: string;
  /** Whole page, not just the viewport. */
  fullPage?: boolean;
  /** Skip the screenshot (the axe check always runs). */
  noShot?: boolean;
  timeoutMs?: number;
}

/**
 * Every visible control smaller than 60 × 60 CSS px (a checkbox counts with its label, which is
 * what a finger hits).
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])',
    );
    for (const el of controls) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || el.closest('dialog:not([open])'))
        continue;
      const box =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
          ? (el.closest('label') ?? el)
          : el;
      const r = box.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 59.5 || r.height < 59.5) {
        const label = (el.textContent || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 30);
        out.push(`${el.tagName.toLowerCase()} "${label}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
}

/**
 * Japanese script on a screen shown in another language, outside what is marked Japanese
 * (`lang="ja"`: the resident's own data, official names shown beside their translation) or marked
 * as a third language (each language's own name on the language buttons). Chinese screens use Han
 * characters themselves, so only kana counts there.
 */
export async function japaneseOutsideJa(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    if (lang.startsWith('ja')) return [];
    const script = lang.startsWith('zh')
      ? /[\u3040-\u30ff\u31f0-\u31ff]/u
      : /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]|[\u{20000}-\u{3134f}]/u;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!script.test(text)) continue;
      const el = n.parentElement;
      // Marked Japanese, or marked as another language (a language's own name on its button).
      const marked = el?.closest('[lang]')?.getAttribute('lang') ?? lang;
      if (!el || marked.startsWith('ja') || marked !== lang) continue;
      if (el.closest('[hidden], dialog:not([open]), .visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      out.push(`${el.tagName.toLowerCase()}: ${text.trim().slice(0, 40)}`);
    }
    return out;
  });
}

export class KioskPage {
  private n = 0;
  private actionAt: number | null = null;
  /** Every screen the journey saw, in order, with its language. */
  readonly seen: Array<{ screen: string; language: string }> = [];

  constructor(
    readonly page: Page,
    readonly app: RunningApp,
    readonly journey: string,
  ) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }

  /** Opens the kiosk and waits for the attract screen; returns ms from navigation to it. */
  async open(): Promise<number> {
    const t0 = performance.now();
    await this.page.goto(this.app.url);
    await this.page.locator('[data-screen="attract"]').waitFor();
    const ms = performance.now() - t0;
    await this.check('attract');
    return ms;
  }

  /** Marks the start of a user action whose effect is the next screen. */
  mark(): void {
    this.actionAt = performance.now();
  }

  async click(selector: string): Promise<void> {
    this.mark();
    await this.page.locator(selector).click();
  }

  async button(name: string | RegExp): Promise<void> {
    this.mark();
    await this.page.getByRole('button', { name, exact: typeof name === 'string' }).click();
  }

  async type(keys: string): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  /** Waits for a screen (data-screen equal to id, or starting with "id:"), then checks it. */
  async screen(id: string, options: ScreenOptions = {}): Promise<number> {
    const locator = this.page.locator(`main[data-screen="${id}"], main[data-screen^="${id}:"]`);
    await locator.waitFor({ timeout: options.timeoutMs ?? 20_000 });
    const ms = this.actionAt === null ? 0 : performance.now() - this.actionAt;
    if (this.actionAt !== null) recordMetric({ kind: 'transition', journey: this.journey, to: id, ms });
    this.actionAt = null;
    await this.check(options.name ?? (await locator.getAttribute('data-screen')) ?? id, options);
    return ms;
  }

  /** axe + screenshot of what is on screen now. */
  async check(name: string, options: ScreenOptions = {}): Promise<void> {
    // Let fonts, images and the focus move settle before judging the screen.
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.waitForTimeout(120);
    const language = await this.page.evaluate(() => document.documentElement.lang);
    const violations = await axeViolations(this.page);
    const by = (impact: string) => violations.filter((v) => v.impact === impact);
    const bad = [...by('serious'), ...by('critical')];
    recordAxe({
      journey: this.journey,
      screen: name,
      language,
      serious: by('serious').length,
      critical: by('critical').length,
      moderate: by('moderate').length,
      minor: by('minor').length,
      ids: violations.map((v) => `${v.id}(${v.impact})`),
    });
    this.seen.push({ screen: name, language });
    if (!options.noShot) {
      this.n += 1;
      const file = `${this.journey}--${String(this.n).padStart(2, '0')}-${name.replace(/[^A-Za-z0-9_-]+/g, '_')}-${language}.tmp.png`;
      await this.page.screenshot({ path: join(SCREENSHOT_DIR, file), fullPage: options.fullPage ?? false });
    }
    expect(
      bad.map(
        (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
      ),
      `axe on ${name} [${language}]`,
    ).toEqual([]);
    expect(await smallTargets(this.page), `touch targets under 60 px on ${name} [${language}]`).toEqual([]);
    expect(
      await japaneseOutsideJa(this.page),
      `Japanese script outside lang="ja" on ${name} [${language}]`,
    ).toEqual([]);
  }

  /** Reads main-side call timings and the renderer's marks from the diagnostics call. */
  async recordDiagnostics(): Promise<void> {
    const d = await this.app.call<{
      calls: Array<{ name: string; count: number; p50Ms: number; p95Ms: number; maxMs: number }>;
      marks: Record<string, number[]>;
    }>('diagnostics.get');
    recordMetric({ kind: 'main-calls', journey: this.journey, calls: d.calls, marks: d.marks });
  }

  /** The session as the main process holds it (no personal values). */
  session() {
    return this.app.call<{
      hasResident: boolean;
      hasPlan: boolean;
      inputKeys: string[];
      lifeEventId: string | null;
    }>('session.state');
  }
}
