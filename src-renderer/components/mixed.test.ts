import { describe, expect, it } from 'vitest';
import { japaneseRuns } from './Mixed.tsx';

describe('japaneseRuns', () => {
  it('marks the quoted Japanese of a translated sentence', () => {
    const runs = japaneseRuns('The year in "…年…月…日まで有効" (valid until)', 'en');
    expect(runs.filter((r) => r.ja).map((r) => r.text)).toEqual(['年', '月', '日まで有効']);
    expect(
      runs
        .filter((r) => !r.ja)
        .map((r) => r.text)
        .join(''),
    ).toBe('The year in "………" (valid until)');
    expect(japaneseRuns('Citizens Division（市民課 住民記録係）', 'vi').filter((r) => r.ja)).toEqual([
      { text: '（市民課', ja: true },
      { text: '住民記録係）', ja: true },
    ]);
  });

  it('leaves Chinese Han text alone and marks only runs with kana on a Chinese screen', () => {
    expect(japaneseRuns('市民课（住民登记）', 'zh-Hans').some((r) => r.ja)).toBe(false);
    expect(
      japaneseRuns('卡上写着「まで有効」', 'zh-Hans')
        .filter((r) => r.ja)
        .map((r) => r.text),
    ).toEqual(['卡上写着「まで有効」']);
  });
});
