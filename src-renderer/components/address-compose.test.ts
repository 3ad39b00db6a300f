import { describe, expect, it } from 'vitest';
import { composeAddress, formatPostalCode } from './address-compose.ts';

const ginza = { prefecture: '東京都', city: '中央区', town: '銀座' };

describe('composeAddress', () => {
  it('writes 丁目, then 番 and 号 (住居表示) or 番地 alone (地番), then the building after a space', () => {
    expect(
      composeAddress({ place: ginza, chome: '1', ban: '2', go: '3', building: 'ギンザハイツ 405' }),
    ).toBe('東京都中央区銀座1丁目2番3号 ギンザハイツ 405');
    expect(composeAddress({ place: ginza, chome: '', ban: '123', go: '', building: '' })).toBe(
      '東京都中央区銀座123番地',
    );
    expect(composeAddress({ place: ginza, chome: '4', ban: '', go: '', building: '  ' })).toBe(
      '東京都中央区銀座4丁目',
    );
  });

  it('keeps a whole-city place (no town) and a bare place', () => {
    const city = { prefecture: '神奈川県', city: '足柄上郡大井町', town: '' };
    expect(composeAddress({ place: city, chome: '', ban: '', go: '', building: '' })).toBe(
      '神奈川県足柄上郡大井町',
    );
  });
});

describe('formatPostalCode', () => {
  it('shows 〒 and the hyphen for seven digits, anything else as it is', () => {
    expect(formatPostalCode('1040061')).toBe('〒104-0061');
    expect(formatPostalCode('104')).toBe('104');
  });
});
