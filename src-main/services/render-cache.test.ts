import { describe, expect, it } from 'vitest';
import { RenderCache, type CachedForm } from './render-cache.ts';

const form = (formId: string, byte: number): CachedForm => ({
  formId,
  title: formId,
  pdf: Uint8Array.from([byte, byte, byte]),
  pageCount: 1,
});

function engine() {
  const calls: string[][] = [];
  let fail = false;
  const made: CachedForm[] = [];
  return {
    calls,
    made,
    failNext: () => (fail = true),
    render: async (ids: string[]) => {
      calls.push(ids);
      if (fail) {
        fail = false;
        throw new Error('engine broke');
      }
      const out = ids.map((id) => form(id, calls.length));
      made.push(...out);
      return out;
    },
  };
}

describe('render cache', () => {
  it('keys a skipped input (empty text, no rows) as one never asked; a typed one changes the key', () => {
    const base = {
      formId: 'jumin-ido',
      inputs: { phone: '03-1234-5678' },
      blank: false,
      today: '2026-12-06',
    };
    const key = RenderCache.key(base);
    expect(RenderCache.key({ ...base, inputs: { phone: '03-1234-5678', honseki: '', members: [] } })).toBe(
      key,
    );
    expect(RenderCache.key({ ...base, inputs: { phone: '03-1234-5678', honseki: '東京都' } })).not.toBe(key);
    expect(RenderCache.key({ ...base, inputs: { phone: '03-1234-5678', hasNhi: false } })).not.toBe(key);
  });

  it('reuses a form rendered for the same data and renders only what changed', async () => {
    const cache = new RenderCache();
    const e = engine();
    const a = RenderCache.key({ formId: 'a', inputs: { phone: '1' }, blank: false, today: '2026-12-06' });
    const b = RenderCache.key({ formId: 'b', inputs: { phone: '1' }, blank: false, today: '2026-12-06' });
    await cache.get([{ formId: 'a', key: a }], e.render);
    const both = await cache.get(
      [
        { formId: 'a', key: a },
        { formId: 'b', key: b },
      ],
      e.render,
    );
    expect(e.calls).toEqual([['a'], ['b']]);
    expect(both.map((f) => [f.formId, f.pdf[0]])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    // A changed input is another key: rendered again.
    const a2 = RenderCache.key({ formId: 'a', inputs: { phone: '2' }, blank: false, today: '2026-12-06' });
    expect(a2).not.toBe(a);
    await cache.get([{ formId: 'a', key: a2 }], e.render);
    expect(e.calls).toEqual([['a'], ['b'], ['a']]);
    expect([cache.hits, cache.misses]).toEqual([1, 3]);
  });

  it('hands each caller its own bytes, shares a render in flight, and zeroes everything on clear', async () => {
    const cache = new RenderCache();
    const e = engine();
    const key = RenderCache.key({ formId: 'a', inputs: {}, blank: false, today: '2026-12-06' });
    const [one, two] = await Promise.all([
      cache.get([{ formId: 'a', key }], e.render),
      cache.get([{ formId: 'a', key }], e.render),
    ]);
    expect(e.calls).toEqual([['a']]);
    one[0]!.pdf.fill(0); // the first caller zeroes its copy after use
    expect([...two[0]!.pdf]).toEqual([1, 1, 1]);
    expect([...(await cache.get([{ formId: 'a', key }], e.render))[0]!.pdf]).toEqual([1, 1, 1]);
    cache.clear();
    await Promise.resolve();
    expect([...e.made[0]!.pdf]).toEqual([0, 0, 0]);
    await cache.get([{ formId: 'a', key }], e.render);
    expect(e.calls).toEqual([['a'], ['a']]);
  });

  it('does not keep a failed render: the next call tries again', async () => {
    const cache = new RenderCache();
    const e = engine();
    const key = RenderCache.key({ formId: 'a', inputs: {}, blank: true, today: '2026-12-06' });
    e.failNext();
    await expect(cache.get([{ formId: 'a', key }], e.render)).rejects.toThrow('engine broke');
    await expect(cache.get([{ formId: 'a', key }], e.render)).resolves.toHaveLength(1);
    expect(e.calls).toEqual([['a'], ['a']]);
  });
});
