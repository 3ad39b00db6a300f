/**
 * A locale written as changes to another: やさしい日本語 keeps most of the Japanese desk wording
 * (official terms stay as printed) and replaces only what has easier words.
 */
export type Overrides<T> = { [K in keyof T]?: T[K] extends string ? string : Overrides<T[K]> };

export function overlay<T extends object>(base: T, changes: Overrides<T>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    const current = out[key];
    out[key] =
      typeof value === 'object' && value !== null && typeof current === 'object' && current !== null
        ? overlay(current, value as Overrides<object>)
        : value;
  }
  return out as T;
}
