/**
 * Where to go, as the resident reads it: a counter's name and place in their language, with the
 * signposted Japanese name beside (the plan and the last screen both say it).
 */
import type { Counter, Language } from '../../../api/types.ts';

type Translate = (key: string, params: Record<string, string>) => string;

/**
 * A counter's name in the resident's language with the signposted Japanese name beside it (the sign
 * above the counter is in Japanese): 「Taxation Division（税務課）」.
 */
export function counterName(c: Counter, lang: Language): string {
  if (lang === 'ja') return c.name;
  const own = lang === 'en' ? c.nameEn : c.names?.[lang];
  if (!own) return c.name;
  return lang === 'ja-easy' ? own : `${own}（${c.name}）`;
}

/**
 * Where a counter is, in the resident's language when it follows the usual 「N階 M番窓口」 pattern
 * ("Floor 1, counter 5"); as configured otherwise.
 */
export function counterPlace(c: Counter, lang: Language, t: Translate): string {
  if (!c.location) return '';
  const m = /^\s*([0-9０-９]+)\s*階\s*([0-9０-９]+)\s*番\s*窓口\s*$/.exec(c.location);
  if (!m || lang === 'ja') return c.location;
  const ascii = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return t('plan.place', { floor: ascii(m[1]!), number: ascii(m[2]!) });
}

/** 「Taxation Division（税務課） — Floor 2, counter 25」: the name, and the place when known. */
export function counterLine(c: Counter, lang: Language, t: Translate): string {
  const place = counterPlace(c, lang, t);
  return place ? `${counterName(c, lang)} — ${place}` : counterName(c, lang);
}
