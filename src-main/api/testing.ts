/**
 * Test doubles for the kiosk's hardware and engines, behind the same interfaces as the real ones
 * (the vxsuite way): a forms engine that records what it was asked to render, a printer that
 * follows a script, and a kiosk built from them with the in-process virtual card.
 * Used by the api/services tests and available to e2e helpers; never by production code.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { EmulatorProvider } from '../card/emulator/in-process.ts';
import { listPersonas } from '../card/emulator/personas.ts';
import { formDefinitionSchema, type FormDefinition } from '../forms/schema.ts';
import { PrintError } from '../print/errors.ts';
import type { JobProgress, JobStatus, PrinterBackend, PrinterInfo, SubmittedJob } from '../print/types.ts';
import { defaultTerminalConfig, type TerminalConfig } from '../services/terminal-config.ts';
import type { EngineRenderRequest, FormsEngine } from '../services/forms-service.ts';
import { createKiosk, type Kiosk, type KioskOptions } from './kiosk.ts';

/** The forms procedures.json names; those marked true print the 個人番号 in these doubles. */
export const FAKE_FORMS: Record<string, boolean> = {
  'jumin-ido': false,
  'inkan-toroku': false,
  'juminhyo-seikyu': false,
  'inkan-shomei-seikyu': false,
  'koseki-seikyu': false,
  'jido-teate': true,
  'kokuho-ido': true,
  'kaigo-nintei': true,
  'kanpu-koza': false,
  'risai-shomei': false,
  'kijitsumae-senseisho': false,
  'hinansha-card': false,
  'tetsuzuki-annai': false,
};

function fakeDefinition(id: string, requiresMyNumber: boolean): FormDefinition {
  const fields: unknown[] = [{ type: 'text', bind: 'resident.name', x: 20, y: 20, w: 80, h: 10 }];
  if (requiresMyNumber)
    fields.push({ type: 'comb', bind: 'resident.myNumber', cells: 12, x: 20, y: 40, w: 120, h: 10 });
  const inputs: unknown[] = [
    { key: 'phone', type: 'phone', label: '電話番号', labelEn: 'Phone number', required: true },
    { key: 'nameKana', type: 'kana', label: 'フリガナ' },
  ];
  if (id === 'jumin-ido') {
    inputs.push({
      key: 'moveType',
      type: 'choice',
      label: '届出の種類',
      required: true,
      options: [
        { value: 'tennyu', label: '転入' },
        { value: 'tenkyo', label: '転居' },
        { value: 'tenshutsu', label: '転出' },
      ],
    });
    inputs.push({ key: 'hasNhi', type: 'boolean', label: '国民健康保険' });
    inputs.push({
      key: 'members',
      type: 'list',
      label: '一緒に異動する人',
      maxRows: 5,
      columns: [{ key: 'name', type: 'text', label: '氏名', required: true }],
    });
  }
  return formDefinitionSchema.parse({
    schemaVersion: 1,
    id,
    title: `様式 ${id}`,
    titleEn: `Form ${id}`,
    requiresMyNumber,
    inputs,
    pages: [{ fields }],
  });
}

/** A forms engine double: real PDFs (one page per form, ASCII only), every request recorded. */
export class FakeFormsEngine implements FormsEngine {
  readonly requests: EngineRenderRequest[] = [];
  readonly definitions: FormDefinition[];

  constructor(forms: Record<string, boolean> = FAKE_FORMS) {
    this.definitions = Object.entries(forms).map(([id, mn]) => fakeDefinition(id, mn));
  }

  async list(): Promise<FormDefinition[]> {
    return this.definitions;
  }

  async render(request: EngineRenderRequest) {
    // Keep a shallow copy: the session wipes the originals.
    this.requests.push({
      ...request,
      inputs: { ...request.inputs },
      ...(request.resident ? { resident: { ...request.resident } } : {}),
    });
    const forms = [];
    for (const id of request.formIds) {
      const def = this.definitions.find((d) => d.id === id);
      if (!def) throw new Error(`unknown form ${id}`);
      const doc = await PDFDocument.create();
      const page = doc.addPage([595, 842]);
      const font = await doc.embedFont(StandardFonts.Helvetica);
      page.drawText(`form ${id}${request.blank ? ' (blank)' : ''}`, { x: 50, y: 780, size: 12, font });
      forms.push({ formId: id, title: def.title, pdf: await doc.save(), pageCount: 1 });
    }
    return { forms };
  }
}

/** What the fake printer does with the next job. */
export type PrintScript = 'complete' | 'fail' | { refuse: 'OUT_OF_PAPER' | 'PRINTER_STOPPED' };

/** A printer double: jobs go queued → printing → completed (or failed), with progress callbacks. */
export class FakePrinter implements PrinterBackend {
  readonly kind = 'cups' as const;
  readonly tracksJobs = true;
  readonly jobs: { jobId: string; bytes: number; title: string | undefined; printer: string }[] = [];
  script: PrintScript = 'complete';
  #next = 1;

  #info(): PrinterInfo {
    return { name: 'PDF', state: 'idle', accepting: true, reasons: [], isDefault: true };
  }
  async listPrinters() {
    return [this.#info()];
  }
  async getPrinter(name: string) {
    if (name !== 'PDF') throw new PrintError('PRINTER_NOT_FOUND', { printer: name });
    return this.#info();
  }
  async defaultPrinter() {
    return 'PDF';
  }
  async print(
    pdf: Uint8Array | { path: string },
    options: { printer: string; title?: string },
  ): Promise<SubmittedJob> {
    if (typeof this.script === 'object')
      throw new PrintError(this.script.refuse, { printer: options.printer });
    await this.getPrinter(options.printer);
    const jobId = `PDF-${this.#next++}`;
    this.jobs.push({
      jobId,
      bytes: 'path' in pdf ? 0 : pdf.length,
      title: options.title,
      printer: options.printer,
    });
    return { jobId, printer: options.printer };
  }
  #status(jobId: string, phase: JobStatus['phase']): JobProgress {
    return { jobId, printer: 'PDF', phase, state: phase, reasons: [], at: new Date().toISOString() };
  }
  async jobStatus(jobId: string): Promise<JobStatus> {
    return this.#status(jobId, 'completed');
  }
  async cancel(jobId: string): Promise<JobStatus> {
    return this.#status(jobId, 'cancelled');
  }
  async *watchJob(jobId: string): AsyncGenerator<JobProgress, JobProgress> {
    yield this.#status(jobId, 'printing');
    return this.#status(jobId, 'completed');
  }
  async waitForJob(jobId: string, options?: { onProgress?: (p: JobProgress) => void }): Promise<JobProgress> {
    await new Promise((r) => setTimeout(r, 5));
    options?.onProgress?.({ ...this.#status(jobId, 'printing'), pagesCompleted: 1 });
    await new Promise((r) => setTimeout(r, 5));
    if (this.script === 'fail') throw new PrintError('JOB_FAILED', { jobId });
    const done = this.#status(jobId, 'completed');
    options?.onProgress?.(done);
    return done;
  }
}

export interface TestKiosk extends Kiosk {
  engine: FakeFormsEngine;
  printer: FakePrinter;
  /** The virtual card (the "system" reader in tests). */
  reader: EmulatorProvider;
  call<T = unknown>(name: string, input?: unknown): Promise<T>;
}

/** A kiosk on doubles: the virtual card as the system reader (ordinary persona inserted). */
export async function createTestKiosk(
  options: {
    config?: Partial<TerminalConfig>;
    persona?: string;
    present?: boolean;
    forms?: Record<string, boolean>;
    /** Use this engine (e.g. the real one) instead of FakeFormsEngine. */
    formsEngine?: FormsEngine;
  } & Partial<Pick<KioskOptions, 'demo' | 'timings' | 'configPath' | 'persistConfig'>> = {},
): Promise<TestKiosk> {
  const engine = new FakeFormsEngine(options.forms);
  const printer = new FakePrinter();
  const reader = new EmulatorProvider({
    persona: options.persona ?? 'ordinary',
    present: options.present ?? true,
  });
  const kiosk = await createKiosk({
    transport: 'http',
    config: { ...defaultTerminalConfig(), ...options.config },
    configPath: options.configPath ?? '/nonexistent/kakanai-test/terminal.json',
    persistConfig: options.persistConfig ?? false,
    formsEngine: options.formsEngine ?? engine,
    printerBackend: printer,
    createSystemProvider: () => reader,
    createDemoProvider: () => new EmulatorProvider({ present: false }),
    personas: () => listPersonas().map((id) => ({ id, label: id })),
    printWatch: { intervalMs: 5, timeoutMs: 2000 },
    ...(options.demo !== undefined ? { demo: options.demo } : {}),
    ...(options.timings ? { timings: options.timings } : {}),
  });
  return {
    ...kiosk,
    engine,
    printer,
    reader,
    async call<T>(name: string, input: unknown = {}) {
      const r = await kiosk.router.call(name, input);
      if (!r.ok)
        throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { apiError: r.error });
      return r.value as T;
    },
  };
}
