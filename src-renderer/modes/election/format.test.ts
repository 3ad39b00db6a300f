import { describe, expect, it } from 'vitest';
import { activeVotes, cleanScan, whenParts, whereOf } from './format.ts';

describe('desk formatting', () => {
  it('reads the Japan-time parts of a record', () => {
    expect(whenParts({ atJst: '2026-07-19T09:05:59+09:00' })).toEqual({
      month: 7,
      day: 19,
      hour: 9,
      minute: '05',
    });
  });
  it('names the station, falling back to its id', () => {
    expect(whereOf({ stationId: 'st1', terminalId: 'desk-2' })).toEqual({
      station: 'st1',
      terminal: 'desk-2',
    });
    expect(whereOf({ stationId: 'st1', stationName: '第1投票所', terminalId: 'd' }).station).toBe(
      '第1投票所',
    );
  });
  it('keeps active records only', () => {
    expect(activeVotes([{ undone: true }, { undone: false }])).toEqual([{ undone: false }]);
  });
  it('cleans a scan: full-width digits, CR/LF and spaces', () => {
    expect(cleanScan(' ００１２3\r\n')).toBe('00123');
  });
});
