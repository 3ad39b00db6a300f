/**
 * Identification (spec §1): SELECT the JPKI AP and read its token EF 0006 — never by ATR, which
 * differs by reader and interface.
 *   00 A4 04 0C 0A D392F000260100000001   SELECT JPKI   (6A82 → NOT_MYNUMBER_CARD)
 *   00 B0 86 00 20                         READ BINARY SFI 06, 32 bytes: the token label
 */
import type { CardChannel } from '../channel.ts';
import { CardError, isCardError } from '../errors.ts';
import { log } from '../../util/log.ts';
import { AID, JPKI_EF } from './aids.ts';

/** What holds the JPKI application. */
export type TokenKind = 'mynumber-card' | 'juki-card' | 'android' | 'iphone' | 'unknown';

export interface TokenInfo {
  /** The label from EF 0006 without its space/NUL padding, e.g. "JPKIAPICCTOKEN2". */
  label: string;
  kind: TokenKind;
}

const KINDS: Record<string, TokenKind> = {
  JPKIAPICCTOKEN2: 'mynumber-card',
  JPKIAPICCTOKEN: 'juki-card',
  JPKIAPGPSETOKEN: 'android',
  JPKIAPIOSTOKEN: 'iphone',
};

/** Parses the token EF's first 32 bytes: ASCII, padded with spaces or NULs (or FF filler). */
export function parseTokenLabel(bytes: Uint8Array): TokenInfo {
  let end = Math.min(bytes.length, 32);
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00 || bytes[end - 1] === 0xff)) end--;
  const raw = bytes.subarray(0, end);
  if (raw.some((b) => b < 0x20 || b > 0x7e)) {
    throw new CardError('BAD_RESPONSE', { detail: 'token label is not printable ASCII' });
  }
  const label = Buffer.from(raw).toString('latin1').trim();
  return { label, kind: KINDS[label] ?? 'unknown' };
}

/** Identifies the card (2 APDUs); leaves the JPKI AP selected. */
export async function identifyCard(channel: CardChannel): Promise<TokenInfo> {
  let found: boolean;
  try {
    found = await channel.trySelectAp(AID.JPKI, 'SELECT JPKI');
  } catch (e) {
    // A card that rejects the SELECT outright (6D00, 6E00, 6A86, 69xx) is not a My Number Card
    // either; a garbled answer (no such status, a broken GET RESPONSE chain) says nothing about the
    // card and stays BAD_RESPONSE ("place it again").
    if (isCardError(e, 'BAD_RESPONSE') && /^6[9ADE]/.test(e.details.sw ?? '')) {
      throw new CardError('NOT_MYNUMBER_CARD', e.details);
    }
    throw e;
  }
  if (!found) throw new CardError('NOT_MYNUMBER_CARD', { sw: '6A82' });
  const r = await channel.readBinary({ sfi: JPKI_EF.TOKEN }, 0, 32);
  const token = parseTokenLabel(r.data);
  log.info('card.identify', { token: token.label, kind: token.kind });
  return token;
}
