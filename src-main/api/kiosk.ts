/**
 * The composition root: builds every service from the terminal configuration and returns the
 * router and event bus that the shells (Electron IPC, HTTP server, tests) carry. No Electron here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardReaderProvider } from '../card/transport.ts';
import { Planner } from '../modes/counter/planner.ts';
import { loadProcedures, ProceduresError } from '../modes/counter/procedures.ts';
import type { PrinterBackend } from '../print/types.ts';
import { CardService, type DemoProvider } from '../services/card-service.ts';
import { ConfigService } from '../services/config-service.ts';
import { FormsService, type FormsEngine } from '../services/forms-service.ts';
import { OperatorService } from '../services/operator-service.ts';
import { PrintService } from '../services/print-service.ts';
import { SessionService } from '../services/session-service.ts';
import { StatisticsService } from '../services/statistics-service.ts';
import {
  defaultConfigPath,
  loadTerminalConfig,
  resolveConfigRelative,
  type TerminalConfig,
} from '../services/terminal-config.ts';
import { log } from '../util/log.ts';
import type { AppInfo } from './contract.ts';
import { fail } from './errors.ts';
import { EventBus } from './event-bus.ts';
import { createHandlers, type KioskServices } from './handlers.ts';
import { closeElectionDesk } from '../modes/election/desk-handlers.ts';
import { Router } from './router.ts';
import { Timings } from './timings.ts';

/** The installation root (where forms/, assets/, dist/renderer live). */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface KioskOptions {
  /** Terminal configuration file (default: $KAKANAI_CONFIG or config/terminal.json). */
  configPath?: string;
  /** A configuration object instead of reading the file (tests). */
  config?: TerminalConfig;
  /** Save settings changes to configPath (default true; tests pass false). */
  persistConfig?: boolean;
  /** Force the virtual card (--demo). */
  demo?: boolean;
  transport: 'ipc' | 'http';
  /** forms/ folder (default: the installation's forms/; the config's paths.forms wins). */
  formsDir?: string;
  /** Defaults: the real forms engine, CUPS/Windows, PC/SC and the in-process virtual card. */
  formsEngine?: FormsEngine;
  printerBackend?: PrinterBackend;
  createSystemProvider?: () => CardReaderProvider;
  createDemoProvider?: () => DemoProvider;
  /** Persona ids and labels for the demo (default: the shipped personas). */
  personas?: () => { id: string; label: string }[];
  timings?: Timings;
  /** Print job watch timing (tests use short ones). */
  printWatch?: { intervalMs?: number; timeoutMs?: number };
}

export interface Kiosk {
  router: Router;
  events: EventBus;
  services: KioskServices;
  close(): Promise<void>;
}

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

async function defaultFormsEngine(root: string): Promise<FormsEngine> {
  const { createFormsEngine } = await import('../services/forms-engine-adapter.ts');
  return createFormsEngine(root);
}

async function defaultPrinterBackend(): Promise<PrinterBackend> {
  const { createPrinterBackend } = await import('../print/index.ts');
  return createPrinterBackend();
}

async function defaultCardFactories(): Promise<{
  system: () => CardReaderProvider;
  demo: () => DemoProvider;
  personas: () => { id: string; label: string }[];
}> {
  const [{ PcscProvider }, { EmulatorProvider }, { listPersonas, loadPersona }] = await Promise.all([
    import('../card/pcsc/pcsc-provider.ts'),
    import('../card/emulator/in-process.ts'),
    import('../card/emulator/personas.ts'),
  ]);
  const personas = () =>
    listPersonas().flatMap((id) => {
      try {
        return [{ id, label: loadPersona(id).description }];
      } catch {
        return [];
      }
    });
  return {
    system: () => new PcscProvider(),
    // The demo starts with an empty reader: the resident "places" a card with an on-screen button.
    demo: () => new EmulatorProvider({ present: false }),
    personas,
  };
}

export async function createKiosk(options: KioskOptions): Promise<Kiosk> {
  const timings = options.timings ?? new Timings();
  const events = new EventBus();
  const configPath = options.configPath ?? defaultConfigPath();
  const initial = options.config ?? loadTerminalConfig(configPath);
  const config = new ConfigService({
    path: configPath,
    config: initial,
    events,
    persist: options.persistConfig ?? true,
  });
  const cfg = () => config.config;

  const statsFile = initial.statistics.file
    ? resolveConfigRelative(configPath, initial.statistics.file)
    : undefined;
  const statistics = new StatisticsService({
    ...(statsFile ? { file: statsFile } : {}),
    enabled: initial.statistics.enabled,
  });
  const session = new SessionService({
    events,
    idle: () => cfg().idle,
    defaultLanguage: () => cfg().languages.default,
    onEnd: (summary) => statistics.record(summary),
  });

  const formsRoot = cfg().paths.forms
    ? resolveConfigRelative(configPath, cfg().paths.forms!)
    : (options.formsDir ?? join(APP_ROOT, 'forms'));
  // The default modules load in parallel (startup time is the first screen's time).
  const needCardDefaults = !(options.createSystemProvider && options.createDemoProvider && options.personas);
  const [engine, printerBackend, cardDefaults] = await Promise.all([
    options.formsEngine ?? defaultFormsEngine(formsRoot),
    options.printerBackend ?? defaultPrinterBackend(),
    needCardDefaults ? defaultCardFactories() : undefined,
  ]);
  const forms = new FormsService(engine);
  await forms.load();

  const personas = options.personas ?? cardDefaults!.personas;
  const card = new CardService({
    events,
    createSystemProvider: options.createSystemProvider ?? cardDefaults!.system,
    createDemoProvider: options.createDemoProvider ?? cardDefaults!.demo,
    readerFilter: () => cfg().reader.filter,
    demo: options.demo === true || initial.demo.enabled,
  });
  // A wipe also lets go of a card held between identify and read.
  events.subscribe((e) => {
    if (e.type === 'session.wiped') void card.release();
  });
  card.onCardRemoved(() => {
    if (cfg().privacy.wipeOnCardRemoval && session.resident) session.wipe('card-removed');
  });

  const print = new PrintService({
    events,
    backend: printerBackend,
    printer: () => cfg().printer,
    ...(options.printWatch ? { watch: options.printWatch } : {}),
  });

  const operator = new OperatorService(config);

  // The planner is rebuilt when the configuration (counter names) changes; a broken
  // procedures.json leaves the kiosk running and every planner call failing with the field named.
  const proceduresPath = () =>
    cfg().paths.procedures
      ? resolveConfigRelative(configPath, cfg().paths.procedures!)
      : join(formsRoot, 'procedures.json');
  let planner: Planner | ProceduresError;
  const buildPlanner = () => {
    try {
      // Unknown form ids are not fatal here (one missing form must not take every life event off
      // the kiosk): a plan that needs one fails with FORM_NOT_FOUND naming it, and
      // `kakanai config check` reports them all.
      const file = loadProcedures(proceduresPath(), { extraCounterIds: cfg().counters.map((c) => c.id) });
      const missing = [
        ...new Set(file.lifeEvents.flatMap((e) => e.procedures.flatMap((p) => p.forms))),
      ].filter((id) => !forms.has(id));
      if (missing.length > 0) log.warn('forms.render', { procedures: 'forms not installed', missing });
      planner = new Planner(file, forms.lookup, cfg().counters);
    } catch (e) {
      if (!(e instanceof ProceduresError)) throw e;
      planner = e;
    }
  };
  buildPlanner();
  config.onChange(() => {
    buildPlanner();
    statistics.setEnabled(cfg().statistics.enabled);
    session.touch();
  });
  const getPlanner = (): Planner => {
    if (planner instanceof ProceduresError) {
      throw fail(
        'PROCEDURES_INVALID',
        planner.message,
        planner.messageJa,
        planner.field ? { field: planner.field } : {},
      );
    }
    return planner;
  };

  const startedAt = new Date(Date.now() - performance.now()).toISOString();
  const version = appVersion();
  const appInfo = async (): Promise<AppInfo> => {
    const c = cfg();
    const offerable =
      !card.demoActive && c.demo.offerWhenNoReader && (await card.systemReaders()).length === 0;
    return {
      version,
      mode: c.mode,
      terminalId: c.terminalId,
      municipality: c.municipality,
      counters: planner instanceof Planner ? planner.counters() : c.counters,
      languages: c.languages.available,
      defaultLanguage: c.languages.default,
      idle: c.idle,
      wipeOnCardRemoval: c.privacy.wipeOnCardRemoval,
      demo: {
        active: card.demoActive,
        reason: card.demoReason,
        offerable: offerable || c.demo.enabled,
        personas: card.demoActive || offerable || c.demo.enabled ? personas() : [],
      },
      transport: options.transport,
      startedAt,
    };
  };

  const services: KioskServices = {
    config,
    operator,
    session,
    statistics,
    card,
    forms,
    print,
    planner: getPlanner,
    timings,
    appInfo,
    personas,
  };
  const router = new Router(createHandlers(services), { timings });
  if (!options.formsEngine) {
    // In the background: the first screen does not wait for it.
    setTimeout(() => void forms.warmUp().then(() => timings.startup('forms-warm')), 0).unref();
  }
  return {
    router,
    events,
    services,
    async close() {
      session.wipe('staff');
      session.close();
      await closeElectionDesk(services);
      await card.close();
    },
  };
}
