import { describe, expect, it } from 'vitest';
import { overlay } from './overlay.ts';

describe('overlay', () => {
  it('replaces only the given leaves and leaves the base untouched', () => {
    const base = { a: 'A', nested: { b: 'B', c: 'C' } };
    const out = overlay(base, { nested: { c: 'し' } });
    expect(out).toEqual({ a: 'A', nested: { b: 'B', c: 'し' } });
    expect(base.nested.c).toBe('C');
  });
});
