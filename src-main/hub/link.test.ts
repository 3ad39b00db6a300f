/**
 * A hub row's seal without a database: it opens with the group key only, and only in its place
 * (group, terminal, seq and HLC are its additional data); the lag wording.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEvent, sealEvent } from './link.ts';
import { agoText } from './lag.ts';

const event = {
  terminalId: 'desk-1',
  seq: 7,
  hlc: '001780000000000.000001@desk-1',
  type: 'vote.recorded',
  payload: '{"rollNumber":"0001","name":"髙橋 一郎"}',
};

describe('a hub row', () => {
  it('opens with the group key, in its own place only', () => {
    const key = randomBytes(32);
    const sealed = sealEvent(key, 'el-1', event);
    expect(sealed.includes(Buffer.from('髙橋'))).toBe(false);
    expect(sealed.includes(Buffer.from('0001'))).toBe(false);
    expect(openEvent(key, 'el-1', { ...event, sealed })).toEqual(event);
    for (const moved of [{ seq: 8 }, { terminalId: 'desk-2' }, { hlc: '001780000000001.000001@desk-1' }])
      expect(() => openEvent(key, 'el-1', { ...event, ...moved, sealed })).toThrow();
    expect(() => openEvent(key, 'el-2', { ...event, sealed })).toThrow();
    expect(() => openEvent(randomBytes(32), 'el-1', { ...event, sealed })).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[30]! ^= 1;
    expect(() => openEvent(key, 'el-1', { ...event, sealed: flipped })).toThrow();
  });

  it('says how long ago a terminal last recorded', () => {
    expect(agoText(40)).toBe('40 s ago');
    expect(agoText(12 * 60)).toBe('12 min ago');
    expect(agoText(3 * 3600)).toBe('3 h ago');
  });
});
