/**
 * Writing CSV for spreadsheets: UTF-8 with a BOM (so Excel shows Japanese), CRLF lines, cells
 * quoted when needed, and a cell that starts like a formula (= + - @, tab, CR) prefixed with an
 * apostrophe so a name typed as "=HYPERLINK(…)" stays text (CSV injection).
 */

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let v = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvDocument(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Milliseconds → "2026-12-07T09:30:00+09:00" (Japan has no daylight saving time). */
export function toJstIso(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+09:00');
}

/** "202612070930": Japan time to the minute, for file names. */
export function jstStamp(ms: number): string {
  return toJstIso(ms).slice(0, 16).replace(/[-:T]/g, '');
}
