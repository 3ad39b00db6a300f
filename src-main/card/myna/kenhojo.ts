/**
 * 券面事項入力補助AP (Kenhojo): the 基本4情報 (EF 0002) and the 個人番号 (EF 0001), spec §2 and §5.
 *
 * EF 0002: FF20 { DF21 offsets (ignored: fixed offsets broke on 2023 cards), DF22 氏名, DF23 住所,
 * DF24 生年月日 YYYYMMDD, DF25 性別 } + FF filler, text UTF-8 (non-BMP characters occur).
 * EF 0001: FF10 0C <12 ASCII digits> FF FF.
 */
import type { CardChannel } from '../channel.ts';
import { CardError } from '../errors.ts';
import { childrenOf, parseTlv, requireTag } from '../tlv.ts';
import { isValidIsoDate } from '../../util/wareki.ts';
import { KENHOJO_EF } from './aids.ts';
import { isValidMyNumber } from './my-number.ts';

export type Sex = 'male' | 'female' | 'other';

export interface BasicInfo {
  /** 氏名; family and given name separated by U+3000. */
  name: string;
  /** 住所 as on the card (full-width digits and hyphens, no postcode). */
  address: string;
  /** 生年月日, ISO "YYYY-MM-DD". */
  birthDate: string;
  sex: Sex;
  /** The card's raw code: '1' male, '2' female, '9' not applicable, others seen ('0', '3'). */
  sexCode: string;
}

const bad = (detail: string) => new CardError('BAD_RESPONSE', { detail: `Kenhojo: ${detail}` });
const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(value: Uint8Array, what: string): string {
  try {
    return utf8.decode(value).replace(/\0+$/, '');
  } catch {
    throw bad(`${what} is not valid UTF-8`);
  }
}

export function sexOf(code: string): Sex {
  return code === '1' ? 'male' : code === '2' ? 'female' : 'other';
}

/** Parses EF 0002 (TLV bytes; trailing filler is ignored). */
export function parseBasicInfo(file: Uint8Array): BasicInfo {
  const outer = parseTlv(file);
  if (outer.tag !== 0xff20) throw bad(`EF 0002 starts with tag ${outer.tag.toString(16)}, expected FF20`);
  const kids = childrenOf(outer);
  const birth = text(requireTag(kids, 0xdf24, '生年月日 DF24').value, '生年月日');
  if (!/^\d{8}$/.test(birth)) throw bad('生年月日 is not YYYYMMDD');
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isValidIsoDate(birthDate)) throw bad('生年月日 is not a date');
  const sexCode = text(requireTag(kids, 0xdf25, '性別 DF25').value, '性別');
  if (sexCode.length !== 1) throw bad('性別 is not one character');
  return {
    name: text(requireTag(kids, 0xdf22, '氏名 DF22').value, '氏名'),
    address: text(requireTag(kids, 0xdf23, '住所 DF23').value, '住所'),
    birthDate,
    sex: sexOf(sexCode),
    sexCode,
  };
}

/** Parses EF 0001: 12 digits with a valid check digit, else INVALID_MY_NUMBER. */
export function parseMyNumber(file: Uint8Array): string {
  const t = parseTlv(file);
  if (t.tag !== 0xff10) throw bad(`EF 0001 starts with tag ${t.tag.toString(16)}, expected FF10`);
  const value = Buffer.from(t.value).toString('latin1');
  if (!isValidMyNumber(value)) throw new CardError('INVALID_MY_NUMBER');
  return value;
}

/** READ EF 0002 by SFI (1 APDU for ≤ 256 bytes, more only for long files). Needs PIN or B verified. */
export async function readBasicInfo(channel: CardChannel): Promise<BasicInfo> {
  return parseBasicInfo(await channel.readTlvFile({ sfi: KENHOJO_EF.BASIC_INFO }));
}

/** READ EF 0001 by SFI, exactly its 17 physical bytes (1 APDU). Needs the PIN verified. */
export async function readMyNumber(channel: CardChannel): Promise<string> {
  const file = await channel.readTlvFile({ sfi: KENHOJO_EF.MY_NUMBER }, { firstChunk: 17 });
  try {
    return parseMyNumber(file);
  } finally {
    file.fill(0); // the 個人番号 is not kept anywhere but in the returned string
  }
}
