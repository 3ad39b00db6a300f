import { describe, expect, it } from 'vitest';
import { HlcClock, compareHlc, formatHlc, parseHlc, type Hlc } from './hlc.ts';
import { prng } from '../../test/helpers/prng.ts';

describe('HLC', () => {
  it('keeps increasing when the wall clock stalls or jumps back', () => {
    let wall = 1_000;
    const clock = new HlcClock('A', () => wall);
    const seen: Hlc[] = [];
    for (const w of [1_000, 1_000, 999, 500, 1_001, 1_001, 2_000]) {
      wall = w;
      seen.push(clock.tick());
    }
    for (let i = 1; i < seen.length; i++) expect(compareHlc(seen[i - 1]!, seen[i]!)).toBe(-1);
    expect(seen.at(-1)).toEqual({ wall: 2_000, counter: 0, node: 'A' });
    expect(seen[3]).toEqual({ wall: 1_000, counter: 3, node: 'A' });
  });

  it('orders a local event after every remote event it received, even from a clock ahead', () => {
    const a = new HlcClock('A', () => 1_000);
    const remote = { wall: 50_000, counter: 7, node: 'B' };
    expect(a.receive(remote)).toBe(49_000);
    const next = a.tick();
    expect(compareHlc(remote, next)).toBe(-1);
    expect(next).toEqual({ wall: 50_000, counter: 9, node: 'A' });
  });

  it('receive from a clock behind does not move the wall time back', () => {
    const a = new HlcClock('A', () => 10_000);
    a.tick();
    expect(a.receive({ wall: 5, counter: 3, node: 'B' })).toBe(0);
    expect(a.peek()).toEqual({ wall: 10_000, counter: 1, node: 'A' });
  });

  it('borrows the next millisecond when the counter would overflow its width', () => {
    const a = new HlcClock('A', () => 0);
    a.restore({ wall: 10, counter: 999_999, node: 'A' });
    expect(a.tick()).toEqual({ wall: 11, counter: 0, node: 'A' });
  });

  it('format/parse round-trips and string order equals clock order (property)', () => {
    const rnd = prng(42);
    const nodes = ['A', 'B', 'desk-1', 'desk-10', 'Z9'];
    const values: Hlc[] = [];
    for (let i = 0; i < 2_000; i++) {
      values.push({
        wall: Math.floor(rnd() * 2 ** 44),
        counter: Math.floor(rnd() * 1_000) * (rnd() < 0.5 ? 1 : 0),
        node: nodes[Math.floor(rnd() * nodes.length)]!,
      });
    }
    for (let i = 1; i < values.length; i++) {
      const x = values[i - 1]!;
      const y = values[i]!;
      expect(parseHlc(formatHlc(x))).toEqual(x);
      const byString = formatHlc(x) < formatHlc(y) ? -1 : formatHlc(x) > formatHlc(y) ? 1 : 0;
      expect(byString).toBe(compareHlc(x, y));
    }
  });

  it('rejects malformed timestamps', () => {
    expect(() => parseHlc('12.3@A')).toThrow(/malformed HLC/);
  });
});
