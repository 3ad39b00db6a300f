import { describe, expect, it } from 'vitest';
import {
  classifyToolError,
  combinePrinterViews,
  parseAccepting,
  parseDefault,
  parsePrinterList,
  parseRequestId,
  printerProblem,
  splitJobId,
} from './lpstat-parse.ts';

// Captured from CUPS 2.4.2 (Debian 12) with LC_ALL=C, then trimmed; "now printing" and the
// Japanese description follow lpstat.c's format strings.
const LONG_LIST = [
  'printer KK_EXP disabled since Sun Nov 22 00:27:14 2026 -',
  '\tpaused for test',
  '\tForm mounted:',
  '\tContent types: any',
  '\tPrinter types: unknown',
  '\tDescription: KK_EXP',
  '\tAlerts: paused',
  '\tLocation: ',
  '\tConnection: direct',
  '\tInterface: /etc/cups/ppd/KK_EXP.ppd',
  '\tOn fault: no alert',
  '\tAfter fault: continue',
  '\tUsers allowed:',
  '\t\t(all)',
  '\tForms allowed:',
  '\t\t(none)',
  '\tBanner required',
  '\tCharset sets:',
  '\t\t(none)',
  '\tDefault pitch:',
  '\tDefault page size:',
  '\tDefault port settings:',
  'printer PDF is idle.  enabled since Sun Nov 22 00:26:48 2026',
  '\tForm mounted:',
  '\tContent types: any',
  '\tDescription: PDF',
  '\tAlerts: none',
  '\tLocation: ',
  'printer 窓口-2F.laser now printing 窓口-2F.laser-17.  enabled since Mon Jan  5 09:00:00 2026',
  '\tDescription: 2階 住民課 カウンター横',
  '\tAlerts: media-empty-warning toner-low-report',
  '\tLocation: 市役所 2F',
  'printer Tray is holding new jobs.  enabled since Mon Jan  5 09:00:00 2026',
  '\tAlerts: hold-new-jobs',
  'printer Broken disabled since Mon Jan  5 09:00:00 2026 -',
  '\treason unknown',
  '\tAlerts: media-empty-error paused',
  '',
].join('\n');

describe('parsePrinterList', () => {
  const { items, unrecognized } = parsePrinterList(LONG_LIST);

  it('reads every printer with state, message, description and reasons', () => {
    expect(unrecognized).toEqual([]);
    expect(items.map((p) => [p.name, p.state])).toEqual([
      ['KK_EXP', 'stopped'],
      ['PDF', 'idle'],
      ['窓口-2F.laser', 'printing'],
      ['Tray', 'idle'],
      ['Broken', 'stopped'],
    ]);
    expect(items[0]).toMatchObject({
      message: 'paused for test',
      description: 'KK_EXP',
      reasons: ['paused'],
    });
    expect(items[0]?.location).toBeUndefined();
    expect(items[1]).toMatchObject({ reasons: [] });
    expect(items[1]?.message).toBeUndefined();
    expect(items[2]).toMatchObject({
      currentJob: '窓口-2F.laser-17',
      description: '2階 住民課 カウンター横',
      location: '市役所 2F',
      reasons: ['media-empty-warning', 'toner-low-report'],
    });
    expect(items[3]?.reasons).toEqual(['hold-new-jobs']);
    // "reason unknown" is lpstat's filler, not a message.
    expect(items[4]?.message).toBeUndefined();
    expect(items[4]?.reasons).toEqual(['media-empty-error', 'paused']);
  });

  it('reads the short form (lpstat -p) and a message on an idle printer', () => {
    const { items: short } = parsePrinterList(
      'printer KK_EXP is idle.  enabled since Sun Nov 22 00:27:46 2026\n\tloadFilename failed: damaged file\n',
    );
    expect(short).toEqual([
      { name: 'KK_EXP', state: 'idle', reasons: [], message: 'loadFilename failed: damaged file' },
    ]);
  });

  it('reports localized output as unrecognised instead of "no printers"', () => {
    // What lpstat prints with LANG=ja_JP.UTF-8 (and de_DE) if the C locale were not forced.
    const ja = parsePrinterList('プリンター PDF は待機中です。Sun Nov 22 00:26:48 2026 以来有効です\n');
    expect(ja.items).toEqual([]);
    expect(ja.unrecognized).toHaveLength(1);
    const de = parsePrinterList('Drucker PDF ist im Leerlauf.  Aktiviert seit Sun Nov 22 00:26:48 2026\n');
    expect(de.items).toEqual([]);
    expect(de.unrecognized).toHaveLength(1);
  });

  it('copes with CRLF, empty input and stray indented lines without throwing', () => {
    expect(parsePrinterList('').items).toEqual([]);
    const r = parsePrinterList('\tstray\r\nprinter A is idle.  enabled since x\r\n\tAlerts: none\r\n');
    expect(r.items).toEqual([{ name: 'A', state: 'idle', reasons: [] }]);
    expect(r.unrecognized).toEqual(['\tstray']);
  });
});

describe('parseAccepting / parseDefault / parseRequestId', () => {
  it('reads accepting and rejecting queues with their reason', () => {
    const { items, unrecognized } = parseAccepting(
      [
        'KK_EXP not accepting requests since Sun Nov 22 00:27:46 2026 -',
        '\tmaintenance',
        'PDF accepting requests since Sun Nov 22 00:26:48 2026',
        'Old not accepting requests since Sun Nov 22 00:26:48 2026 -',
        '\treason unknown',
      ].join('\n'),
    );
    expect(unrecognized).toEqual([]);
    expect(items.get('KK_EXP')).toEqual({ accepting: false, message: 'maintenance' });
    expect(items.get('PDF')).toEqual({ accepting: true });
    expect(items.get('Old')).toEqual({ accepting: false });
    expect(parseAccepting('PDF は Sun Nov 22 からリクエストを受け付けています\n').unrecognized).toHaveLength(
      1,
    );
  });

  it('reads the default destination, dropping an lpoptions instance', () => {
    expect(parseDefault('system default destination: PDF\n').items).toBe('PDF');
    expect(parseDefault('system default destination: PDF/draft\n').items).toBe('PDF');
    expect(parseDefault('no system default destination\n')).toEqual({ items: undefined, unrecognized: [] });
    expect(parseDefault('システムのデフォルトの宛先がありません\n').unrecognized).toHaveLength(1);
  });

  it('reads the job id lp prints, including queue names with dashes', () => {
    expect(parseRequestId('request id is PDF-42 (1 file(s))\n')).toBe('PDF-42');
    expect(parseRequestId('request id is 2F-laser-7 (0 file(s))\n')).toBe('2F-laser-7');
    expect(parseRequestId('lp: Error - The printer or class does not exist.\n')).toBeUndefined();
    expect(splitJobId('2F-laser-7')).toEqual({ printer: '2F-laser', number: 7 });
    expect(splitJobId('PDF')).toBeUndefined();
    expect(splitJobId('PDF-')).toBeUndefined();
  });
});

describe('classifyToolError', () => {
  it('maps real C-locale messages of lp, lpstat and cancel', () => {
    expect(classifyToolError('lpstat: Scheduler is not running.')).toBe('CUPS_UNAVAILABLE');
    expect(classifyToolError('cancel: Unable to connect to server.')).toBe('CUPS_UNAVAILABLE');
    expect(classifyToolError('lp: Error - The printer or class does not exist.')).toBe('PRINTER_NOT_FOUND');
    expect(classifyToolError('lpstat: Invalid destination name in list "NOSUCH".')).toBe('PRINTER_NOT_FOUND');
    expect(classifyToolError('lp: Destination "KK_EXP" is not accepting jobs.')).toBe(
      'PRINTER_NOT_ACCEPTING',
    );
    expect(
      classifyToolError('lp: Error - unable to access "/x.pdf" - No such file or directory'),
    ).toBeUndefined();
  });
});

describe('printerProblem', () => {
  it('puts paper first, then a stopped queue, then one that refuses jobs', () => {
    expect(printerProblem({ state: 'idle', accepting: true, reasons: [] })).toBeUndefined();
    expect(printerProblem({ state: 'idle', accepting: true, reasons: ['media-empty-error'] })).toBe(
      'OUT_OF_PAPER',
    );
    expect(printerProblem({ state: 'idle', accepting: true, reasons: ['media-needed'] })).toBe(
      'OUT_OF_PAPER',
    );
    // One empty tray of several is only a warning while the printer still runs…
    expect(
      printerProblem({ state: 'printing', accepting: true, reasons: ['media-empty-warning'] }),
    ).toBeUndefined();
    // …but it is the reason when the printer has stopped.
    expect(printerProblem({ state: 'stopped', accepting: true, reasons: ['media-empty-warning'] })).toBe(
      'OUT_OF_PAPER',
    );
    expect(printerProblem({ state: 'stopped', accepting: false, reasons: ['paused'] })).toBe(
      'PRINTER_STOPPED',
    );
    expect(printerProblem({ state: 'idle', accepting: true, reasons: ['paused'] })).toBe('PRINTER_STOPPED');
    expect(printerProblem({ state: 'idle', accepting: false, reasons: [] })).toBe('PRINTER_NOT_ACCEPTING');
    expect(printerProblem({ state: 'idle', accepting: true, reasons: ['hold-new-jobs'] })).toBe(
      'PRINTER_NOT_ACCEPTING',
    );
    expect(
      printerProblem({ state: 'idle', accepting: undefined, reasons: ['toner-low-report'] }),
    ).toBeUndefined();
  });

  it('combines the three lpstat views', () => {
    const printers = parsePrinterList(LONG_LIST).items;
    const acc = parseAccepting(
      'PDF accepting requests since x\nKK_EXP not accepting requests since x -\n\tgone\n',
    );
    const infos = combinePrinterViews(printers, acc.items, 'PDF');
    expect(infos.find((p) => p.name === 'PDF')).toMatchObject({ isDefault: true, accepting: true });
    expect(infos.find((p) => p.name === 'PDF')?.problem).toBeUndefined();
    expect(infos.find((p) => p.name === 'KK_EXP')).toMatchObject({
      isDefault: false,
      accepting: false,
      problem: 'PRINTER_STOPPED',
      message: 'paused for test',
    });
    expect(infos.find((p) => p.name === 'Broken')?.problem).toBe('OUT_OF_PAPER');
    expect(infos.find((p) => p.name === 'Tray')?.accepting).toBeUndefined();
  });
});
