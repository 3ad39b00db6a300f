/**
 * Which fonts the browser really drew a screen's text with, from Chromium's own layout
 * (CSS.getPlatformFontsForNode over CDP). axe cannot see text drawn as empty boxes; this can: a
 * character that no bundled font has is drawn with an operating-system font, or with none.
 */
import type { Page } from '@playwright/test';

export interface FontUse {
  /** The element whose own text was measured (tag and a few characters of its text). */
  element: string;
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  nodeValue?: string;
  children?: CdpNode[];
}

/** Every font used for the text of the visible elements under `selector`. */
export async function fontsUsed(page: Page, selector = 'body'): Promise<FontUse[]> {
  await page.evaluate(() => document.fonts.ready);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: CdpNode };
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: `${selector}, ${selector} *`,
    })) as { nodeIds: number[] };
    // All nodes at once (one CDP round trip each would take most of a minute per screen).
    const perNode = await Promise.all(
      nodeIds.map(async (nodeId) => {
        const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as {
          fonts: Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }>;
        };
        if (fonts.length === 0) return [];
        const { node } = (await cdp.send('DOM.describeNode', { nodeId, depth: 1 })) as { node: CdpNode };
        const text = (node.children ?? [])
          .filter((c) => c.nodeName === '#text')
          .map((c) => c.nodeValue ?? '')
          .join('')
          .trim()
          .slice(0, 24);
        return fonts.map((f) => ({ element: `${node.nodeName.toLowerCase()} "${text}"`, ...f }));
      }),
    );
    const uses: FontUse[] = perNode.flat();
    return uses;
  } finally {
    await cdp.detach();
  }
}

/** Text drawn with a font the kiosk did not bring (an OS font, or the browser's last resort). */
export async function textNotInBundledFonts(page: Page, selector = 'body'): Promise<string[]> {
  return (await fontsUsed(page, selector))
    .filter((u) => !u.isCustomFont)
    .map((u) => `${u.element}: ${u.glyphCount} glyphs in "${u.familyName}"`);
}
