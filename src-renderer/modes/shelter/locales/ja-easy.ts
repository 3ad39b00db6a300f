/**
 * 避難所受付 — やさしい日本語. The entrance is staffed and official terms stay as printed, so this
 * is the Japanese wording with easier words where a resident may read along (same keys as ja).
 */
import { overlay } from '../../../i18n/overlay.ts';
import ja from './ja.ts';

export default overlay(ja, {
  ready: {
    title: 'つぎの かた どうぞ',
    lead: 'マイナンバーカードを カードリーダーに おいて ください。',
    tapHint: '2かいめ からは おく だけで だいじょうぶ です（ばんごうは いりません）。',
  },
  person: {
    consentAsk: 'かぞくや しりあいが きいた とき、あなたが ここに いると つたえても いいですか。',
  },
  safety: {
    notHere: 'おこたえ できる じょうほうは ありません。',
  },
  common: { cancel: 'やめる', back: 'もどる', next: 'つぎの かたへ' },
});
