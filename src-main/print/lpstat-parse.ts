/**
 * Parsers for the text that CUPS's `lpstat`, `lp` and `cancel` print in the C locale. The tools are
 * always run with LC_ALL=C (see cups-tools.ts); output that is still localized or otherwise
 * unrecognisable is reported as such instead of being read as "no printers".
 *
 * Formats (CUPS 2.x lpstat.c, identical on Linux and macOS):
 *   printer PDF is idle.  enabled since Sun Nov 22 00:26:48 2026
 *   printer PDF is holding new jobs.  enabled since …
 *   printer PDF now printing PDF-7.  enabled since …
 *   printer PDF disabled since … -
 *   \t<printer-state-message, or "reason unknown" when stopped without one>
 *   \tDescription: …   \tAlerts: paused media-empty-error   \tLocation: …   (with -l)
 */
import type { PrinterInfo, PrinterProblem, PrinterState } from './types.ts';
import type { PrintErrorCode } from './errors.ts';

export interface ParsedPrinter {
  name: string;
  state: PrinterState;
  message?: string;
  description?: string;
  location?: string;
  reasons: string[];
  currentJob?: string;
}

export interface ParseResult<T> {
  items: T;
  /** Non-empty lines that matched no known shape (a localized tool, a new CUPS version…). */
  unrecognized: string[];
}

const HEADER_RES: { re: RegExp; state: PrinterState; extraReason?: string }[] = [
  { re: /^printer (\S+) is idle\.\s+enabled since .*$/, state: 'idle' },
  {
    re: /^printer (\S+) is holding new jobs\.\s+enabled since .*$/,
    state: 'idle',
    extraReason: 'hold-new-jobs',
  },
  { re: /^printer (\S+) now printing (\S+)\.\s+enabled since .*$/, state: 'printing' },
  { re: /^printer (\S+) disabled since .* -$/, state: 'stopped' },
];

/** The labelled lines of `lpstat -l -p`; anything else indented once before them is the message. */
const DETAIL_KEYS = [
  'Form mounted',
  'Content types',
  'Printer types',
  'Description',
  'Alerts',
  'Location',
  'Connection',
  'Interface',
  'On fault',
  'After fault',
  'Users allowed',
  'Users denied',
  'Forms allowed',
  'Banner required',
  'Banner not required',
  'Charset sets',
  'Default pitch',
  'Default page size',
  'Default port settings',
  'Speed limit',
];

function detailKey(line: string): { key: string; value: string } | undefined {
  for (const key of DETAIL_KEYS) {
    if (line === key || line.startsWith(`${key}:`)) {
      return { key, value: line.slice(key.length + 1).trim() };
    }
  }
  return undefined;
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Parses `lpstat -p` or `lpstat -l -p`. */
export function parsePrinterList(text: string): ParseResult<ParsedPrinter[]> {
  const printers: ParsedPrinter[] = [];
  const unrecognized: string[] = [];
  let current: ParsedPrinter | undefined;
  let seenDetail = false;

  for (const raw of splitLines(text)) {
    if (raw.trim() === '') continue;
    if (!raw.startsWith('\t') && !raw.startsWith(' ')) {
      current = undefined;
      seenDetail = false;
      for (const h of HEADER_RES) {
        const m = h.re.exec(raw);
        if (!m || m[1] === undefined) continue;
        current = { name: m[1], state: h.state, reasons: h.extraReason ? [h.extraReason] : [] };
        if (h.state === 'printing' && m[2]) current.currentJob = m[2];
        printers.push(current);
        break;
      }
      if (!current) unrecognized.push(raw);
      continue;
    }
    if (!current) {
      unrecognized.push(raw);
      continue;
    }
    // Second-level items ("\t\t(all)") belong to lists we do not need.
    if (raw.startsWith('\t\t')) continue;
    const line = raw.trim();
    const kv = detailKey(line);
    if (kv) {
      seenDetail = true;
      if (kv.key === 'Description' && kv.value !== '') current.description = kv.value;
      if (kv.key === 'Location' && kv.value !== '') current.location = kv.value;
      if (kv.key === 'Alerts') {
        for (const r of kv.value.split(/[\s,]+/)) {
          if (r !== '' && r !== 'none' && !current.reasons.includes(r)) current.reasons.push(r);
        }
      }
      continue;
    }
    if (!seenDetail && current.message === undefined) {
      if (line !== 'reason unknown') current.message = line;
      continue;
    }
    // Unknown labelled lines of a newer CUPS are harmless; keep them for diagnostics only.
  }
  return { items: printers, unrecognized };
}

export interface AcceptingState {
  accepting: boolean;
  message?: string;
}

/** Parses `lpstat -a`: "PDF accepting requests since …" / "X not accepting requests since … -\n\treason". */
export function parseAccepting(text: string): ParseResult<Map<string, AcceptingState>> {
  const map = new Map<string, AcceptingState>();
  const unrecognized: string[] = [];
  let last: AcceptingState | undefined;
  for (const raw of splitLines(text)) {
    if (raw.trim() === '') continue;
    if (raw.startsWith('\t') || raw.startsWith(' ')) {
      const line = raw.trim();
      if (last && last.message === undefined && line !== 'reason unknown') last.message = line;
      continue;
    }
    let m = /^(\S+) accepting requests since .*$/.exec(raw);
    if (m?.[1]) {
      last = { accepting: true };
      map.set(m[1], last);
      continue;
    }
    m = /^(\S+) not accepting requests since .*$/.exec(raw);
    if (m?.[1]) {
      last = { accepting: false };
      map.set(m[1], last);
      continue;
    }
    last = undefined;
    unrecognized.push(raw);
  }
  return { items: map, unrecognized };
}

/** Parses `lpstat -d`. Returns the queue name without an lpoptions instance ("PDF/draft" → "PDF"). */
export function parseDefault(text: string): ParseResult<string | undefined> {
  const unrecognized: string[] = [];
  let name: string | undefined;
  for (const raw of splitLines(text)) {
    if (raw.trim() === '') continue;
    const m = /^system default destination: (\S+)$/.exec(raw.trim());
    if (m?.[1]) {
      name = m[1].split('/')[0];
      continue;
    }
    if (/^no system default destination$/.test(raw.trim())) continue;
    unrecognized.push(raw);
  }
  return { items: name, unrecognized };
}

/** Parses `lp`'s "request id is PDF-42 (1 file(s))". */
export function parseRequestId(text: string): string | undefined {
  const m = /request id is (\S+-\d+)\b/.exec(text);
  return m?.[1];
}

/** Splits a CUPS job id "PDF-42" into queue and number; the queue name may itself contain "-". */
export function splitJobId(jobId: string): { printer: string; number: number } | undefined {
  const m = /^(.+)-(\d{1,9})$/.exec(jobId);
  if (!m?.[1] || !m[2]) return undefined;
  return { printer: m[1], number: Number(m[2]) };
}

/** Maps a CUPS tool's (C-locale) error text to a print error code. */
export function classifyToolError(stderr: string): PrintErrorCode | undefined {
  const s = stderr.toLowerCase();
  if (
    s.includes('scheduler is not running') ||
    s.includes('scheduler not responding') ||
    s.includes('unable to connect to server') ||
    s.includes('connection refused')
  ) {
    return 'CUPS_UNAVAILABLE';
  }
  if (
    s.includes('printer or class does not exist') ||
    s.includes('invalid destination name') ||
    s.includes('unknown destination') ||
    s.includes('no such destination')
  ) {
    return 'PRINTER_NOT_FOUND';
  }
  if (s.includes('not accepting jobs')) return 'PRINTER_NOT_ACCEPTING';
  return undefined;
}

const MEDIA_EMPTY = /^(media-empty|media-needed)(-error)?$/;
const MEDIA_ANY = /^(media-empty|media-needed)(-error|-warning|-report)?$/;

/**
 * Why a print to this printer would not come out now. Paper first (the most actionable message for
 * staff), then a stopped queue, then one that refuses or holds new jobs.
 */
export function printerProblem(p: {
  state: PrinterState;
  accepting: boolean | undefined;
  reasons: readonly string[];
}): PrinterProblem | undefined {
  const stopped = p.state === 'stopped' || p.reasons.includes('paused');
  if (p.reasons.some((r) => MEDIA_EMPTY.test(r)) || (stopped && p.reasons.some((r) => MEDIA_ANY.test(r)))) {
    return 'OUT_OF_PAPER';
  }
  if (stopped) return 'PRINTER_STOPPED';
  if (p.accepting === false || p.reasons.includes('hold-new-jobs')) return 'PRINTER_NOT_ACCEPTING';
  return undefined;
}

/** Joins the three lpstat views into PrinterInfo records. */
export function combinePrinterViews(
  printers: ParsedPrinter[],
  accepting: Map<string, AcceptingState>,
  defaultName: string | undefined,
): PrinterInfo[] {
  return printers.map((p) => {
    const acc = accepting.get(p.name);
    const info: PrinterInfo = {
      name: p.name,
      state: p.state,
      accepting: acc?.accepting,
      reasons: p.reasons,
      isDefault: p.name === defaultName,
    };
    if (p.description !== undefined) info.description = p.description;
    if (p.location !== undefined) info.location = p.location;
    const message = p.message ?? (acc?.accepting === false ? acc.message : undefined);
    if (message !== undefined) info.message = message;
    if (p.currentJob !== undefined) info.currentJob = p.currentJob;
    const problem = printerProblem(info);
    if (problem) info.problem = problem;
    return info;
  });
}
