/**
 * What the benchmarks share: the median, and one card session over the real PC/SC path (connect
 * to the reader, identify the My Number Card, run the flow, release the card unpowered).
 */
import { MyNumberCard } from '../src-main/card/myna/my-number-card.ts';
import { PcscProvider, type ExtendedApduPolicy } from '../src-main/card/pcsc/pcsc-provider.ts';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The p-th percentile (0–100) of sorted values: the value below which p% of them lie. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` on a freshly opened card; returns its result and the APDUs the session sent. */
export async function cardSession<T>(
  reader: string,
  fn: (card: MyNumberCard) => Promise<T>,
  extendedApdu: ExtendedApduPolicy = 'never',
): Promise<{ result: T; apdus: number }> {
  const provider = new PcscProvider({ extendedApdu });
  const transport = await provider.connect({ readerFilter: reader, waitMs: 5000 });
  try {
    const card = await MyNumberCard.open(transport);
    const result = await fn(card);
    return { result, apdus: card.apduCount };
  } finally {
    await transport.close('unpower');
    await provider.close();
  }
}
