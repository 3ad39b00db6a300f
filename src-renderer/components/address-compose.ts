/**
 * The address a resident builds by touch, as one line the way Japanese forms print it:
 * 「東京都中央区銀座1丁目2番3号 ギンザハイツ405」. 丁目 is written after its number; a 号 makes the
 * block a 番 (住居表示), a block alone is a 番地 (地番). The postal code travels beside it.
 */
import type { PostalPlace } from '../api/types.ts';

export interface AddressParts {
  place: Pick<PostalPlace, 'prefecture' | 'city' | 'town'>;
  chome: string;
  ban: string;
  go: string;
  /** Building and room (kana, Latin letters, digits). */
  building: string;
}

export function composeAddress(p: AddressParts): string {
  const numbers =
    (p.chome ? `${p.chome}丁目` : '') + (p.ban ? (p.go ? `${p.ban}番${p.go}号` : `${p.ban}番地`) : '');
  const building = p.building.trim();
  return `${p.place.prefecture}${p.place.city}${p.place.town}${numbers}${building ? ` ${building}` : ''}`;
}

/** 〒104-0061 */
export function formatPostalCode(code: string): string {
  return code.length === 7 ? `〒${code.slice(0, 3)}-${code.slice(3)}` : code;
}
