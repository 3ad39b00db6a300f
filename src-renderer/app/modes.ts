/**
 * Every mode the renderer can show, and the texts of all of them. To add a mode: write its
 * `modes/<id>/mode.ts` (see kit/mode.ts) and list it here; nothing else in the app names a mode.
 */
import type { Language } from '../api/types.ts';
import type { RendererMode } from '../kit/mode.ts';
import { RESOURCES, type LocaleTree } from '../i18n/resources.ts';
import { counterMode } from '../modes/counter/mode.ts';
import { electionMode } from '../modes/election/mode.ts';
import { fareMode } from '../modes/fare/mode.ts';
import { shelterMode } from '../modes/shelter/mode.ts';

export const RENDERER_MODES: readonly RendererMode[] = [counterMode, electionMode, shelterMode, fareMode];

/** The mode for app.info's `mode`; the counter when the terminal could not say. */
export function modeFor(id: string | undefined): RendererMode {
  return RENDERER_MODES.find((m) => m.id === id) ?? counterMode;
}

/** The core locales with each mode's texts under its namespace key. */
export function allLocales(modes: readonly RendererMode[] = RENDERER_MODES): Record<Language, LocaleTree> {
  const out = {} as Record<Language, LocaleTree>;
  for (const [lang, core] of Object.entries(RESOURCES) as Array<[Language, LocaleTree]>) {
    const tree: LocaleTree = { ...core };
    for (const m of modes) {
      if (!m.locales) continue;
      if (m.locales.namespace in core)
        throw new Error(`mode ${m.id}: "${m.locales.namespace}" is a core key`);
      tree[m.locales.namespace] = m.locales.resources[lang];
    }
    out[lang] = tree;
  }
  return out;
}
