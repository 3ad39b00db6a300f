import { describe, expect, it } from 'vitest';
import { listText } from './text.ts';

describe('lists in the resident’s language', () => {
  it('joins with 、 in Japanese and with the language’s own words elsewhere', () => {
    expect(listText(['住民異動届', '国民健康保険異動届'], 'ja')).toBe('住民異動届、国民健康保険異動届');
    expect(listText(['住民異動届', '国民健康保険異動届'], 'ja-easy')).toBe('住民異動届、国民健康保険異動届');
    expect(listText(['passport', 'residence card', 'seal'], 'en')).toBe('passport, residence card, and seal');
    expect(listText(['a', 'b'], 'pt-BR')).toBe('a e b');
    expect(listText(['only'], 'vi')).toBe('only');
  });
});
