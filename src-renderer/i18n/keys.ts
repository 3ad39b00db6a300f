/**
 * Marks a translation key that is looked up later (stored in state, chosen from a table). The keys
 * test scans the sources for `t('…')` and `tk('…')`, so every key the UI can show is checked
 * against every locale.
 */
export function tk<K extends string>(key: K): K {
  return key;
}
