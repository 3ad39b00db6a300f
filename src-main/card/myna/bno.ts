/**
 * 照合番号B builder (spec §4): birth date YYMMDD with YY the 和暦 year, the card's expiry year YYYY
 * and its 4-digit security code — 14 ASCII digits, returned as a Secret.
 *
 * Residents find the 14 digits hard, so the UI collects parts: the birth date by era (昭和55年2月17日)
 * or as a Gregorian date (the era is then computed), the expiry year and the security code.
 * For holders whose card shows a Gregorian birth date (some foreign residents) the rule is not
 * established; the old 住基カード used the last two Gregorian digits, so `bnoCandidates` offers that
 * variant as an alternative after the 和暦 one.
 */
import { CardError } from '../errors.ts';
import { Secret } from '../secret.ts';
import { findEra, fromWareki, parseIsoDate, toWareki, type EraKey } from '../../util/wareki.ts';

export type BnoBirth =
  /** Era by key (showa), name (昭和), short form (昭) or letter (S); eraYear 1 = 元年. */
  | { era: EraKey | string; eraYear: number; month: number; day: number }
  /** Gregorian ISO date "YYYY-MM-DD". */
  | { date: string };

export interface BnoParts {
  birth: BnoBirth;
  /** Gregorian year of the card's 有効期限 (not the certificate's). */
  expiryYear: number;
  /** The 4-digit セキュリティコード on the card front. A Secret is read, not disposed (the caller owns it). */
  securityCode: string | Secret;
}

export type BnoVariant = 'wareki' | 'gregorian-yy';

export interface BnoCandidate {
  variant: BnoVariant;
  bno: Secret;
}

function invalid(detail: string): CardError {
  return new CardError('INVALID_SECRET_FORMAT', { secret: 'kenhojoB', detail });
}

/** The birth date as ISO, validating era dates (昭和64年2月1日 does not exist). */
function birthIso(birth: BnoBirth): string {
  try {
    if ('date' in birth) {
      parseIsoDate(birth.date);
      return birth.date;
    }
    const era = findEra(birth.era);
    if (!era) throw new RangeError(`unknown era ${birth.era}`);
    return fromWareki(era.key, birth.eraYear, birth.month, birth.day);
  } catch (e) {
    throw invalid(e instanceof Error ? e.message : 'bad birth date');
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** YYMMDD for the variant. */
export function bnoBirthDigits(birth: BnoBirth, variant: BnoVariant = 'wareki'): string {
  const iso = birthIso(birth);
  const { year, month, day } = parseIsoDate(iso);
  const yy = variant === 'wareki' ? toWareki(iso).year : year % 100;
  if (yy > 99) throw invalid('era year above 99');
  return pad2(yy) + pad2(month) + pad2(day);
}

/** Builds one 照合番号B; INVALID_SECRET_FORMAT (naming kenhojoB) for impossible parts. */
export function buildBno(parts: BnoParts, variant: BnoVariant = 'wareki'): Secret {
  const date = bnoBirthDigits(parts.birth, variant);
  if (!Number.isInteger(parts.expiryYear) || parts.expiryYear < 2000 || parts.expiryYear > 2099) {
    throw invalid('expiry year must be a 4-digit year 2000–2099');
  }
  const out = Buffer.alloc(14);
  out.write(date + String(parts.expiryYear), 0, 'ascii');
  const copyCode = (code: Buffer) => {
    if (code.length !== 4 || !code.every((c) => c >= 0x30 && c <= 0x39)) {
      out.fill(0);
      throw invalid('security code must be 4 digits');
    }
    code.copy(out, 10);
  };
  if (typeof parts.securityCode === 'string') copyCode(Buffer.from(parts.securityCode, 'ascii'));
  else parts.securityCode.use(copyCode);
  return Secret.fromBytes(out);
}

/**
 * The 照合番号B candidates to offer, most likely first: the 和暦 form always; for a birth date entered
 * as a Gregorian date also the Gregorian-YY form (when it differs).
 */
export function bnoCandidates(parts: BnoParts): BnoCandidate[] {
  const out: BnoCandidate[] = [{ variant: 'wareki', bno: buildBno(parts, 'wareki') }];
  if (
    'date' in parts.birth &&
    bnoBirthDigits(parts.birth, 'wareki') !== bnoBirthDigits(parts.birth, 'gregorian-yy')
  ) {
    out.push({ variant: 'gregorian-yy', bno: buildBno(parts, 'gregorian-yy') });
  }
  return out;
}
