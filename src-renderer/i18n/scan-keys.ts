/**
 * Finds the translation keys the renderer uses: every `t('…')` and `tk('…')` with a literal key in
 * src-renderer (tests excluded). Used by the locale completeness test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const KEY_CALL = /\b(?:t|tk)\(\s*'([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)'/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

export function usedKeys(root: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    for (const m of readFileSync(file, 'utf8').matchAll(KEY_CALL)) {
      const list = keys.get(m[1]!) ?? [];
      list.push(file);
      keys.set(m[1]!, list);
    }
  }
  return keys;
}
