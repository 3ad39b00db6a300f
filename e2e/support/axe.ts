/**
 * axe-core run straight in the page. The kiosk is one page that never navigates between screens,
 * so the axe script is injected once per page load and then only `axe.run` is called per screen.
 * (@axe-core/playwright re-injected the 500 kB script and opened a helper page for every check:
 * about 1 s a screen, three quarters of the every-language sweep's time.) Only violations are
 * collected — passes and inapplicable rules are not needed and cost time to serialise.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, Result, RunOptions } from 'axe-core';

/** WCAG 2.0–2.2 A and AA: what the kiosk is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeWindow = { axe?: { run(context: Document, options: RunOptions): Promise<AxeResults> } };

/** The violations of the page as it is now (every impact; the caller decides what fails). */
export async function axeViolations(page: Page): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as AxeWindow;
    if (!axe) throw new Error('axe-core did not load in the page');
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations;
  }, AXE_TAGS);
}
