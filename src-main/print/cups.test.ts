import { afterEach, describe, expect, it } from 'vitest';
import { CupsBackend } from './cups.ts';
import { cLocaleEnv, makeToolRunner, type ToolResult, type ToolRunner } from './cups-tools.ts';
import { ippInt, ippMessage, ippStr, startFakeIpp } from './fake-ipp.ts';
import { TAG } from './ipp.ts';

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));

const IDLE =
  'printer PDF is idle.  enabled since Sun Nov 22 00:26:48 2026\n\tDescription: PDF\n\tAlerts: none\n';
const STOPPED =
  'printer PDF disabled since Sun Nov 22 00:26:48 2026 -\n\tpaused by staff\n\tDescription: PDF\n\tAlerts: paused\n';
const NO_PAPER =
  'printer PDF disabled since Sun Nov 22 00:26:48 2026 -\n\treason unknown\n\tAlerts: media-empty-error\n';

type Call = { tool: string; args: string[]; input?: Uint8Array };

/** A fake of lp/lpstat/cancel: answers by the command line, records every call. */
function fakeTools(answers: Record<string, Partial<ToolResult>>): { run: ToolRunner; calls: Call[] } {
  const calls: Call[] = [];
  const run: ToolRunner = async (tool, args, input) => {
    calls.push({ tool, args, ...(input ? { input } : {}) });
    const key = [tool, ...args].join(' ');
    const hit = Object.entries(answers).find(([k]) => key === k || key.startsWith(`${k} `));
    return { code: 0, stdout: '', stderr: '', ...(hit?.[1] ?? {}) };
  };
  return { run, calls };
}

const ACCEPTING = { stdout: 'PDF accepting requests since Sun Nov 22 00:26:48 2026\n' };

describe('CupsBackend with fake tools', () => {
  it('lists printers with state, acceptance, default and problem', async () => {
    const { run } = fakeTools({
      'lpstat -l -p': { stdout: IDLE + STOPPED.replace(/PDF/g, 'Back') },
      'lpstat -a': {
        stdout: 'PDF accepting requests since x\nBack not accepting requests since x -\n\tservice\n',
      },
      'lpstat -d': { stdout: 'system default destination: PDF\n' },
    });
    const list = await new CupsBackend({ run }).listPrinters();
    expect(list).toEqual([
      { name: 'PDF', state: 'idle', accepting: true, reasons: [], isDefault: true, description: 'PDF' },
      {
        name: 'Back',
        state: 'stopped',
        accepting: false,
        reasons: ['paused'],
        isDefault: false,
        description: 'Back',
        message: 'paused by staff',
        problem: 'PRINTER_STOPPED',
      },
    ]);
  });

  it('says CUPS_UNAVAILABLE when the scheduler is down or the output cannot be read', async () => {
    const down = fakeTools({
      'lpstat -l -p': { code: 1, stderr: 'lpstat: Scheduler is not running.\n' },
      'lpstat -a': { code: 1, stderr: 'lpstat: Scheduler is not running.\n' },
      'lpstat -d': { stdout: 'no system default destination\n' },
    });
    await expect(new CupsBackend({ run: down.run }).listPrinters()).rejects.toMatchObject({
      code: 'CUPS_UNAVAILABLE',
    });
    const localized = fakeTools({
      'lpstat -l -p': { stdout: 'プリンター PDF は待機中です。Sun Nov 22 00:26:48 2026 以来有効です\n' },
      'lpstat -a': { stdout: 'PDF は Sun Nov 22 00:26:48 2026 からリクエストを受け付けています\n' },
    });
    await expect(new CupsBackend({ run: localized.run }).listPrinters()).rejects.toMatchObject({
      code: 'CUPS_UNAVAILABLE',
      message: expect.stringContaining('unrecognised lpstat -p output'),
    });
    const none = fakeTools({ 'lpstat -l -p': { code: 1, stderr: 'lpstat: No destinations added.\n' } });
    expect(await new CupsBackend({ run: none.run }).listPrinters()).toEqual([]);
  });

  it('prints through lp with copies, JIS B5 media and the PDF on stdin', async () => {
    const { run, calls } = fakeTools({
      'lpstat -l -p PDF': { stdout: IDLE },
      'lpstat -a PDF': ACCEPTING,
      lp: { stdout: 'request id is PDF-42 (0 file(s))\n' },
    });
    const job = await new CupsBackend({ run }).print(PDF, { printer: 'PDF', copies: 2, media: 'B5' });
    expect(job).toEqual({ jobId: 'PDF-42', printer: 'PDF' });
    const lp = calls.find((c) => c.tool === 'lp');
    expect(lp?.args).toEqual(['-d', 'PDF', '-n', '2', '-t', 'kakanai', '-o', 'media=jis_b5_182x257mm']);
    expect(lp?.input).toBe(PDF);
  });

  it('refuses up front, without submitting, a stopped queue, an empty tray, a rejecting queue', async () => {
    for (const [list, accepting, code] of [
      [STOPPED, ACCEPTING, 'PRINTER_STOPPED'],
      [NO_PAPER, ACCEPTING, 'OUT_OF_PAPER'],
      [IDLE, { stdout: 'PDF not accepting requests since x -\n\tfull\n' }, 'PRINTER_NOT_ACCEPTING'],
    ] as const) {
      const { run, calls } = fakeTools({ 'lpstat -l -p PDF': { stdout: list }, 'lpstat -a PDF': accepting });
      await expect(new CupsBackend({ run }).print(PDF, { printer: 'PDF' })).rejects.toMatchObject({
        code,
        details: { printer: 'PDF' },
      });
      expect(calls.some((c) => c.tool === 'lp')).toBe(false);
    }
  });

  it('gives PRINTER_NOT_FOUND for an unknown or impossible name, and checks its input', async () => {
    const { run, calls } = fakeTools({
      'lpstat -l -p': { code: 1, stderr: 'lpstat: Invalid destination name in list "NOPE".\n' },
      'lpstat -a': { code: 1, stderr: 'lpstat: Invalid destination name in list "NOPE".\n' },
    });
    const b = new CupsBackend({ run });
    await expect(b.print(PDF, { printer: 'NOPE' })).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND' });
    const before = calls.length;
    for (const bad of ['-o', 'a b', 'x/y', '', 'q#1']) {
      await expect(b.getPrinter(bad)).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND' });
    }
    expect(calls.length).toBe(before); // impossible names never reach a tool
    await expect(b.print(new Uint8Array(Buffer.from('hello')), { printer: 'PDF' })).rejects.toMatchObject({
      code: 'PRINT_INVALID_INPUT',
    });
    await expect(b.print(PDF, { printer: 'PDF', copies: 0 })).rejects.toMatchObject({
      code: 'PRINT_INVALID_INPUT',
    });
    await expect(b.print({ path: '/nonexistent/x.pdf' }, { printer: 'PDF' })).rejects.toMatchObject({
      code: 'PRINT_INVALID_INPUT',
    });
  });
});

describe('CupsBackend job state over IPP (fake scheduler)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  const jobAnswer = (state: number, printer = 'PDF', reasons = ['job-completed-successfully']) =>
    ippMessage(0, [
      TAG.OPERATION,
      [TAG.CHARSET, 'attributes-charset', ippStr('utf-8')],
      TAG.JOB,
      [TAG.URI, 'job-printer-uri', ippStr(`ipp://localhost:631/printers/${printer}`)],
      [TAG.INTEGER, 'copies', ippInt(3)],
      [TAG.ENUM, 'job-state', ippInt(state)],
      ...reasons.map(
        (r, i) => [TAG.KEYWORD, i === 0 ? 'job-state-reasons' : '', ippStr(r)] as [number, string, Buffer],
      ),
      [TAG.INTEGER, 'job-impressions-completed', ippInt(6)],
      TAG.END,
    ]);

  it('maps job-state to phases and reads copies and pages', async () => {
    const states: Record<string, number> = {
      '/jobs/1': 9,
      '/jobs/2': 8,
      '/jobs/3': 7,
      '/jobs/4': 3,
      '/jobs/5': 5,
    };
    const fake = await startFakeIpp((p) => (states[p] ? jobAnswer(states[p]) : undefined));
    close = fake.close;
    const b = new CupsBackend({ run: fakeTools({}).run, endpoint: fake.endpoint });
    expect(await b.jobStatus('PDF-1')).toEqual({
      jobId: 'PDF-1',
      printer: 'PDF',
      phase: 'completed',
      state: 'completed',
      reasons: ['job-completed-successfully'],
      pagesCompleted: 6,
      copies: 3,
    });
    expect((await b.jobStatus('PDF-2')).phase).toBe('failed');
    expect((await b.jobStatus('PDF-3')).phase).toBe('cancelled');
    expect((await b.jobStatus('PDF-4')).phase).toBe('queued');
    expect((await b.jobStatus('PDF-5')).phase).toBe('printing');
  });

  it('says JOB_NOT_FOUND for an unknown job or one of another queue, CUPS_UNAVAILABLE when unreachable', async () => {
    const fake = await startFakeIpp((p) =>
      p === '/jobs/9'
        ? jobAnswer(9, 'Other')
        : ippMessage(0x0406, [TAG.OPERATION, [TAG.CHARSET, 'attributes-charset', ippStr('utf-8')], TAG.END]),
    );
    close = fake.close;
    const b = new CupsBackend({ run: fakeTools({}).run, endpoint: fake.endpoint });
    await expect(b.jobStatus('PDF-8')).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
      details: { jobId: 'PDF-8' },
    });
    await expect(b.jobStatus('PDF-9')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    await expect(b.jobStatus('nonsense')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    const dead = new CupsBackend({ run: fakeTools({}).run, endpoint: { host: '127.0.0.1', port: 1 } });
    await expect(dead.jobStatus('PDF-1')).rejects.toMatchObject({ code: 'CUPS_UNAVAILABLE' });
  });
});

describe('tool runner', () => {
  it('forces the C locale whatever the caller has', () => {
    const env = cLocaleEnv({ LANG: 'ja_JP.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8', LANGUAGE: 'ja', PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin', LANG: 'C', LC_ALL: 'C' });
  });

  it('runs a real process with LC_ALL=C, maps a missing tool and a hung tool to CUPS_UNAVAILABLE', async () => {
    const run = makeToolRunner(300);
    const env = await run('env', []);
    expect(env.stdout).toMatch(/^LC_ALL=C$/m);
    expect(env.stdout).not.toMatch(/^LC_MESSAGES=/m);
    const cat = await run('cat', [], new Uint8Array(Buffer.from('stdin reaches the tool')));
    expect(cat.stdout).toBe('stdin reaches the tool');
    await expect(run('kakanai-no-such-tool', [])).rejects.toMatchObject({
      code: 'CUPS_UNAVAILABLE',
      message: expect.stringContaining('not installed'),
    });
    await expect(run('sleep', ['5'])).rejects.toMatchObject({
      code: 'CUPS_UNAVAILABLE',
      message: expect.stringContaining('did not answer'),
    });
  });
});
