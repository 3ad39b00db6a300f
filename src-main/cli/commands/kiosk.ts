/**
 * `kakanai serve` — server mode (HTTP + WebSocket, the built renderer) until Ctrl-C.
 * `kakanai start` — what `npm start` runs: Electron when its binary is installed, otherwise server
 *                   mode opened in Chromium/Chrome/Edge app + kiosk mode (the URL is printed).
 * `kakanai config set-pin` — sets the operator PIN (stored as a scrypt hash).
 * `kakanai config check` — validates the terminal configuration and forms/procedures.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT, createKiosk, type Kiosk } from '../../api/kiosk.ts';
import { isLoopbackHost, startHttpServer, type RunningServer } from '../../api/http-server.ts';
import { Timings } from '../../services/timings.ts';
import { loadProcedures } from '../../modes/counter/procedures.ts';
import { readFormCatalog } from '../../services/forms-engine-adapter.ts';
import { hashOperatorPin, isValidOperatorPin } from '../../services/operator-pin.ts';
import {
  defaultConfigPath,
  loadTerminalConfig,
  resolveConfigRelative,
  saveTerminalConfig,
} from '../../services/terminal-config.ts';
import { withSecret } from '../../card/secret.ts';
import {
  CommandError,
  EXIT,
  UsageError,
  optNumber,
  optString,
  type Command,
  type CommandContext,
} from '../command.ts';
import { getSecret } from '../secret-input.ts';
import { browserArgs, electronBinary, electronMain, findBrowser, privateProfileDir } from '../launch.ts';
import { ensureRendererBuilt } from '../renderer-build.ts';

const SERVER_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'pairing-token-file': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'insecure-lan': { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  config: { type: 'string' },
  'static-dir': { type: 'string' },
} as const;

function configPathOf(ctx: CommandContext): string {
  return optString(ctx, 'config') ?? defaultConfigPath();
}

function readPairingToken(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new UsageError(`cannot read the pairing token file ${file}: ${(e as Error).message}`);
  }
  if (token.length < 16)
    throw new UsageError(`the pairing token in ${file} must have at least 16 characters`);
  return token;
}

/** The PEM certificate and key for HTTPS, both or neither. */
function readTls(
  certFile: string | undefined,
  keyFile: string | undefined,
): { cert: Buffer; key: Buffer } | undefined {
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile)
    throw new UsageError('TLS needs both a certificate (--tls-cert) and its key (--tls-key)');
  try {
    return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  } catch (e) {
    throw new UsageError(`cannot read the TLS certificate or key: ${(e as Error).message}`);
  }
}

interface Served {
  kiosk: Kiosk;
  server: RunningServer;
  timings: Timings;
  staticDir: string;
}

/** Builds the kiosk and starts the HTTP server per flags and configuration. */
async function serveFromFlags(ctx: CommandContext, opts: { buildScreens: boolean }): Promise<Served> {
  const timings = new Timings();
  const configPath = configPathOf(ctx);
  const config = loadTerminalConfig(configPath);
  const host = optString(ctx, 'host') ?? config.server.host;
  const port = optNumber(ctx, 'port') ?? config.server.port;
  const tokenFile =
    optString(ctx, 'pairing-token-file') ??
    (config.server.pairingTokenFile
      ? resolveConfigRelative(configPath, config.server.pairingTokenFile)
      : undefined);
  if (!isLoopbackHost(host) && !tokenFile) {
    throw new UsageError(
      `listening on ${host} needs --pairing-token-file (only 127.0.0.1 is served without one)`,
    );
  }
  const pairingToken = tokenFile ? readPairingToken(tokenFile) : undefined;
  const tls = readTls(
    optString(ctx, 'tls-cert') ??
      (config.server.tls ? resolveConfigRelative(configPath, config.server.tls.certFile) : undefined),
    optString(ctx, 'tls-key') ??
      (config.server.tls ? resolveConfigRelative(configPath, config.server.tls.keyFile) : undefined),
  );
  const insecureLan = ctx.values['insecure-lan'] === true;
  if (!isLoopbackHost(host) && !tls && !insecureLan) {
    throw new UsageError(
      `listening on ${host} needs a TLS certificate and key (--tls-cert/--tls-key or server.tls), or --insecure-lan`,
    );
  }
  const customStaticDir = optString(ctx, 'static-dir');
  if (!customStaticDir && opts.buildScreens) {
    // `npm install && npm start` must be enough: build the screens on first start.
    try {
      await ensureRendererBuilt(APP_ROOT, (line) => ctx.stderr.write(line + '\n'));
    } catch (e) {
      throw new CommandError('RENDERER_BUILD_FAILED', (e as Error).message, EXIT.FAILURE);
    }
  }
  const kiosk = await createKiosk({
    transport: 'http',
    configPath,
    config,
    demo: ctx.values.demo === true,
    timings,
  });
  timings.startup('kiosk-ready');
  const staticDir = customStaticDir ?? join(APP_ROOT, 'dist', 'renderer');
  let server: RunningServer;
  try {
    server = await startHttpServer({
      router: kiosk.router,
      events: kiosk.events,
      host,
      port,
      ...(pairingToken ? { pairingToken } : {}),
      ...(tls ? { tls } : {}),
      insecureLan,
      staticDir,
    });
  } catch (e) {
    await kiosk.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CommandError(
        'PORT_IN_USE',
        `port ${port} on ${host} is in use: is the kiosk already running? (choose another with --port)`,
        EXIT.FAILURE,
      );
    }
    throw e;
  }
  timings.startup('server-listening');
  return { kiosk, server, timings, staticDir };
}

function untilSignal(extra?: Promise<unknown>): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(sig);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    extra?.then(() => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve('browser-closed');
    });
  });
}

function announce(
  ctx: CommandContext,
  served: Served,
  readers: number,
  extra: Record<string, unknown> = {},
): void {
  const info = {
    event: 'listening',
    url: served.server.url,
    host: served.server.host,
    port: served.server.port,
    demo: served.kiosk.services.card.demoActive,
    readers,
    startupMs: served.timings.snapshot().startup,
    ...extra,
  };
  if (!existsSync(join(served.staticDir, 'index.html'))) {
    ctx.stderr.write(
      `The kiosk screens are not built (${served.staticDir}): run \`npm run build:renderer\` (\`npm start\` builds them itself).\n`,
    );
  }
  if (ctx.json) ctx.stdout.write(JSON.stringify(info) + '\n');
  else {
    ctx.stdout.write(`Kakanai kiosk: ${served.server.url}\n`);
    if (info.demo) ctx.stdout.write('Demo mode: the virtual card is used (the screen says so).\n');
    else if (readers === 0)
      ctx.stdout.write('No card reader found: the screen offers the demo with a virtual card.\n');
  }
}

async function shutdown(served: Served): Promise<void> {
  await served.server.close();
  await served.kiosk.close();
}

const serve: Command = {
  path: ['serve'],
  summary: 'Run server mode (HTTP + WebSocket on 127.0.0.1) until Ctrl-C',
  usage: [
    'kakanai serve [--port P] [--host H --pairing-token-file F --tls-cert C --tls-key K] [--insecure-lan]',
    '              [--demo] [--config FILE] [--static-dir DIR]',
    '',
    'Serves the kiosk screens (dist/renderer) and the API on http://127.0.0.1:8787/ (config: server.*).',
    'Another address (a tablet on the LAN) needs a pairing token of ≥ 16 characters in a file and a TLS',
    'certificate and key (PEM; plain HTTP only with --insecure-lan); clients open https://HOST:PORT/?token=…',
    'once. --demo uses the virtual card. The config file defaults to $KAKANAI_CONFIG or config/terminal.json.',
  ].join('\n'),
  options: SERVER_OPTIONS,
  async run(ctx) {
    const served = await serveFromFlags(ctx, { buildScreens: false });
    const readers = (await served.kiosk.services.card.systemReaders()).length;
    announce(ctx, served, readers);
    const signal = await untilSignal();
    await shutdown(served);
    return { json: { stopped: signal }, human: `stopped (${signal})` };
  },
};

const start: Command = {
  path: ['start'],
  summary: 'Start the kiosk: Electron if installed, else server mode in a browser kiosk window',
  usage: [
    'kakanai start [--demo] [--config FILE] [--port P] [--no-browser] [--windowed]',
    '',
    'Runs Electron when its binary is installed and dist/electron is built; otherwise starts server',
    'mode and opens it in Chromium/Chrome/Edge with --app --kiosk (set KAKANAI_BROWSER to choose).',
    'The URL is printed either way. --windowed drops --kiosk (for trying it on a desktop).',
  ].join('\n'),
  options: {
    ...SERVER_OPTIONS,
    'no-browser': { type: 'boolean', default: false },
    windowed: { type: 'boolean', default: false },
  },
  async run(ctx) {
    const electron = electronBinary(APP_ROOT);
    if (electron && existsSync(electronMain(APP_ROOT))) {
      await ensureRendererBuilt(APP_ROOT, (line) => ctx.stderr.write(line + '\n'));
      const args = [APP_ROOT];
      const cfg = optString(ctx, 'config');
      if (cfg) args.push('--config', cfg);
      if (ctx.values.demo === true) args.push('--demo');
      ctx.stdout.write(
        ctx.json ? JSON.stringify({ event: 'electron', binary: electron }) + '\n' : 'Starting Electron…\n',
      );
      const code = await new Promise<number>((resolve) => {
        const child = spawn(electron, args, { stdio: 'inherit' });
        child.on('exit', (c) => resolve(c ?? 0));
        child.on('error', () => resolve(EXIT.FAILURE));
      });
      return { json: { electron: true, exitCode: code }, human: `Electron exited (${code})`, exitCode: code };
    }

    const served = await serveFromFlags(ctx, { buildScreens: true });
    const readers = (await served.kiosk.services.card.systemReaders()).length;
    const browser = ctx.values['no-browser'] === true ? undefined : findBrowser();
    const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
    let browserExit: Promise<unknown> | undefined;
    let profile: ReturnType<typeof privateProfileDir> | undefined;
    if (browser && hasDisplay) {
      profile = privateProfileDir();
      const args = browserArgs(served.server.url, {
        kiosk: ctx.values.windowed !== true,
        profileDir: profile.dir,
      });
      const child = spawn(browser, args, { stdio: 'ignore' });
      browserExit = new Promise((resolve) => {
        child.on('exit', resolve);
        child.on('error', resolve);
      });
    }
    announce(ctx, served, readers, {
      electron: false,
      browser: browser && hasDisplay ? browser : null,
    });
    if (!browserExit) {
      ctx.stderr.write(
        browser
          ? 'No display: open the URL above in a browser.\n'
          : 'No Chromium, Chrome or Edge found (set KAKANAI_BROWSER): open the URL above in a browser.\n',
      );
    }
    const why = await untilSignal(browserExit);
    profile?.remove();
    await shutdown(served);
    return { json: { stopped: why }, human: `stopped (${why})` };
  },
};

const setPin: Command = {
  path: ['config', 'set-pin'],
  summary: 'Set the operator PIN (4–12 digits, stored as a scrypt hash)',
  usage:
    'kakanai config set-pin [--config FILE] [--pin-stdin]\n\nPrompts for the PIN (or reads it from stdin with --pin-stdin).',
  options: { config: { type: 'string' }, 'pin-stdin': { type: 'boolean', default: false } },
  async run(ctx) {
    const path = configPathOf(ctx);
    const config = loadTerminalConfig(path);
    const pin = await getSecret(ctx, 'pin-stdin', 'New operator PIN (4–12 digits)');
    const pinHash = await withSecret(pin, async (p) => {
      if (!isValidOperatorPin(p)) throw new UsageError('the operator PIN must have 4–12 digits');
      return hashOperatorPin(p);
    });
    saveTerminalConfig(path, { ...config, operator: { ...config.operator, pinHash } });
    return {
      json: { configPath: path, operatorPinSet: true },
      human: `Operator PIN saved (as a scrypt hash) in ${path}`,
    };
  },
};

const check: Command = {
  path: ['config', 'check'],
  summary: 'Validate the terminal configuration and forms/procedures.json',
  usage: 'kakanai config check [--config FILE]',
  options: { config: { type: 'string' } },
  async run(ctx) {
    const path = configPathOf(ctx);
    const config = loadTerminalConfig(path);
    const formsDir = config.paths.forms
      ? resolveConfigRelative(path, config.paths.forms)
      : join(APP_ROOT, 'forms');
    const procPath = config.paths.procedures
      ? resolveConfigRelative(path, config.paths.procedures)
      : join(formsDir, 'procedures.json');
    let procedures;
    try {
      procedures = loadProcedures(procPath, {
        extraCounterIds: config.counters.map((c) => c.id),
        knownFormIds: readFormCatalog(formsDir).map((f) => f.id),
      });
    } catch (e) {
      const err = e as { code?: string; message: string; field?: string };
      throw new CommandError(
        err.code ?? 'PROCEDURES_INVALID',
        err.message,
        EXIT.FAILURE,
        err.field ? { field: err.field } : {},
      );
    }
    const json = {
      configPath: path,
      exists: existsSync(path),
      mode: config.mode,
      municipality: config.municipality,
      operatorPinSet: config.operator.pinHash !== undefined,
      procedures: procPath,
      lifeEvents: procedures.lifeEvents.map((e) => e.id),
    };
    return {
      json,
      human: [
        `config: ${path}${json.exists ? '' : ' (not found: defaults)'}`,
        `mode: ${config.mode}, ${config.municipality.name} (${config.municipality.code})`,
        `operator PIN: ${json.operatorPinSet ? 'set' : 'NOT SET (kakanai config set-pin)'}`,
        `procedures: ${procPath} — ${json.lifeEvents.length} life events OK`,
      ].join('\n'),
    };
  },
};

export const kioskCommands: Command[] = [serve, start, setPin, check];
