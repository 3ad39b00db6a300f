/**
 * A translated sentence that quotes Japanese on purpose — what is printed on the card
 * (「…年…月…日まで有効」, 昭和), the sign above a counter (税務課), an official term — with each
 * Japanese run marked `lang="ja"`, so a screen reader says it in Japanese and the screens' check for
 * untranslated text knows it is meant. On a Chinese screen Han characters are the language's own:
 * only runs with kana are marked there.
 */

const JAPANESE_RUN =
  /([\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e々〆〜\u{20000}-\u{3134f}]+)/u;
import type { Language } from '../api/types.ts';

const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/u;

/** The text cut into Japanese runs (`ja: true`) and the rest. */
export function japaneseRuns(text: string, lang: Language): Array<{ text: string; ja: boolean }> {
  return text
    .split(JAPANESE_RUN)
    .map((part, i) => ({ text: part, ja: i % 2 === 1 && (lang !== 'zh-Hans' || KANA.test(part)) }))
    .filter((p) => p.text !== '');
}

export function Mixed(props: { text: string; lang: Language }) {
  if (props.lang.startsWith('ja')) return <>{props.text}</>;
  return (
    <>
      {japaneseRuns(props.text, props.lang).map((p, i) =>
        p.ja ? (
          <span key={i} lang="ja">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
