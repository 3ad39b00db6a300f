/**
 * 投票受付 — やさしい日本語. The desk is staffed and official terms stay as printed, so this is the
 * Japanese wording with easier words where they help (same keys as ja, by construction).
 */
import { overlay } from '../../../i18n/overlay.ts';
import ja from './ja.ts';

export default overlay(ja, {
  bar: {
    stats: 'しゅうけい',
    lock: 'とじる',
  },
  open: {
    lead: '名簿は かぎが かかっています。せきにんしゃから きいた パスフレーズを いれてください。',
  },
  ready: {
    title: 'つぎの かた どうぞ',
    lookUp: 'しらべる',
    search: 'てで いれて さがす',
  },
  search: {
    title: 'てで いれて さがす',
  },
  result: {
    ok: {
      title: 'うけつけ できます',
      record: 'とうひょうようしを わたして きろく する',
    },
    voted: {
      title: 'もう とうひょう しました',
    },
    wrongStation: {
      title: 'この とうひょうくでは ありません',
    },
    none: {
      number: 'めいぼ ばんごう：{{roll}}',
      title: 'めいぼに ありません',
    },
    faceCheck: 'かおしゃしんと ほんにんが おなじか、かかりの ひとが めで たしかめてください。',
    next: 'つぎの かたへ',
  },
  senseisho: {
    step3: '交付したら「とうひょうようしを わたしました」を押す（ここで初めて記録されます）。',
    handedOver: 'とうひょうようしを わたしました',
  },
  flash: {
    recorded: '記録しました：{{name}} さん。つぎの かた どうぞ。',
  },
  stats: {
    title: '投票者数のしゅうけい',
    conflicts: '未解決の競合が{{count}}件あります（しゅうけいでは1人として数えています）。',
    printed: 'しゅうけい表を印刷しました。',
  },
  conflicts: {
    lead: '同期できなかった間に、同じ方が2か所で とうひょう したと記録されることがあります。両方の記録を確かめ、誤っている記録を取り消してください。',
  },
});
