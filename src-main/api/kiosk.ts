/**
 * The composition root: builds every service from the terminal configuration and returns the
 * router and event bus that the shells (Electron IPC, HTTP server, tests) carry. No Electron here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CardReaderProvider } from '../card/transport.ts';
import type { ExtendedApduPolicy } from '../card/pcsc/pcsc-provider.ts';
import type { PrinterBackend } from '../print/types.ts';
import { CardService, type DemoProvider } from '../services/card-service.ts';
import { ConfigService } from '../services/config-service.ts';
import { FormsService, type FormsEngine } from '../services/forms-service.ts';
import { AddressService } from '../services/address-service.ts';
import { OperatorService } from '../services/operator-service.ts';
import { PrintService } from '../services/print-service.ts';
import { SigningService } from '../services/signing-service.ts';
import { InboxReview } from '../services/inbox-review.ts';

/** How often a kiosk with visits waiting for the inbox tries again. */
const INBOX_RETRY_MS = 60_000;
import { SessionService } from '../services/session-service.ts';
import { StatisticsService } from '../services/statistics-service.ts';
import {
  defaultConfigPath,
  loadTerminalConfig,
  resolveConfigRelative,
  type TerminalConfig,
} from '../services/terminal-config.ts';
import type { AppInfo } from '../contract/index.ts';
import { EventBus } from '../contract/event-bus.ts';
import { createCoreHandlers } from './handlers.ts';
import { mergeHandlers } from './mode-handlers.ts';
import { MODE_MODULES } from '../modes/registry.ts';
import type { CoreServices } from '../services/core-services.ts';
import { Router } from './router.ts';
import { Timings } from '../services/timings.ts';

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
  services: CoreServices;
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

async function defaultCardFactories(extendedApdu: () => ExtendedApduPolicy): Promise<{
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
    system: () => new PcscProvider({ extendedApdu: extendedApdu() }),
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
    needCardDefaults ? defaultCardFactories(() => cfg().reader.extendedApdu) : undefined,
  ]);
  const forms = new FormsService(engine, { holderBirthDate: () => session.resident?.birthDate });
  await forms.load();

  const personas = options.personas ?? cardDefaults!.personas;
  const card = new CardService({
    events,
    createSystemProvider: options.createSystemProvider ?? cardDefaults!.system,
    createDemoProvider: options.createDemoProvider ?? cardDefaults!.demo,
    readerFilter: () => cfg().reader.filter,
    demo: options.demo === true || initial.demo.enabled,
  });
  // A wipe also lets go of a card held between identify and read, and zeroes the visit's
  // rendered forms.
  events.subscribe((e) => {
    if (e.type !== 'session.wiped') return;
    void card.release();
    forms.forgetRenders();
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

  const signing = new SigningService({
    card,
    forms,
    inboxDir: () => {
      const dir = cfg().inbox?.dir;
      return dir ? resolveConfigRelative(configPath, dir) : undefined;
    },
    configPath: () => configPath,
    terminalId: () => cfg().terminalId,
  });
  // Signed applications of a visit never outlive it.
  events.subscribe((e) => {
    if (e.type === 'session.wiped') signing.forget();
  });
  // Visits waiting for an unreachable inbox go as soon as it is back (and at start).
  const inboxRetry = setInterval(() => {
    if (signing.status().queued > 0) signing.flush();
  }, INBOX_RETRY_MS);
  inboxRetry.unref?.();
  if (signing.status().queued > 0) signing.flush();
  const inbox = new InboxReview({
    inboxDir: () => {
      const dir = cfg().inbox?.dir;
      return dir ? resolveConfigRelative(configPath, dir) : undefined;
    },
    trustDir: () => {
      const dir = cfg().inbox?.trustDir;
      return dir ? resolveConfigRelative(configPath, dir) : undefined;
    },
    revocationCommand: () => cfg().inbox?.revocationCommand,
  });

  const operator = new OperatorService(config);
  const address = new AddressService({ municipalityCode: () => cfg().municipality.code });

  config.onChange(() => {
    statistics.setEnabled(cfg().statistics.enabled);
    session.touch();
  });

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
      counters: c.counters,
      ...Object.assign({}, ...modes.map((m) => m.instance.appInfo?.() ?? {})),
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

  const services: CoreServices = {
    config,
    operator,
    session,
    statistics,
    card,
    forms,
    address,
    print,
    signing,
    inbox,
    timings,
    appInfo,
    personas,
    formsRoot,
  };
  // Each mode builds itself on the core services; the core names none of them.
  const modes = MODE_MODULES.map((module) => ({ module, instance: module.create(services) }));
  const handlers = mergeHandlers(createCoreHandlers(services), modes, () => cfg().mode);
  const router = new Router(handlers, {
    timings,
    visitGuard: (ctx) => services.session.assertVisit(ctx.visitKey),
  });
  if (!options.formsEngine) {
    // In the background: the first screen does not wait for it.
    setTimeout(() => void forms.warmUp().then(() => timings.startup('forms-warm')), 0).unref();
    setTimeout(() => void address.warmUp().then(() => timings.startup('address-warm')), 0).unref();
  }
  return {
    router,
    events,
    services,
    async close() {
      clearInterval(inboxRetry);
      session.wipe('staff');
      session.close();
      for (const m of modes) await m.instance.close?.();
      await card.close();
    },
  };
}
