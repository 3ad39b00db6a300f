/**
 * The Electron shell: one locked-down kiosk window over the same core as server mode.
 *
 * - Single instance (a second launch focuses the first).
 * - The renderer is served from app://kiosk/ (dist/renderer) with the strict CSP headers.
 * - Window: fullscreen + kiosk, no menu; devtools only when KAKANAI_DEV=1; navigation away from
 *   app://kiosk/, new windows, <webview> and permission requests are all refused.
 * - webPreferences: contextIsolation, sandbox, no nodeIntegration; the preload exposes only
 *   window.kakanai (see preload.ts); calls go through installIpcBridge (src-main/api/ipc.ts).
 * - Auto-start: `--set-autostart=on|off` registers the app as a login item on Windows and macOS
 *   (Linux: an autostart .desktop file, see README "Packaging and auto-start").
 *
 * This file only wires; it is type-checked here and compiled with the rest of src-main by
 * scripts/build-electron.mjs into dist/app (package.json "main").
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_TYPES, SECURITY_HEADERS } from '../api/csp.ts';
import { installIpcBridge } from '../api/ipc.ts';
import { createKiosk } from '../api/kiosk.ts';
import { Timings } from '../services/timings.ts';

const ORIGIN = 'app://kiosk/';
const dev = process.env.KAKANAI_DEV === '1';

function argValue(name: string): string | undefined {
  const argv = process.argv;
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

/**
 * Where the editable forms/ live: beside the asar when packaged (extraResources), else the
 * project folder `electron .` was started in.
 */
function resourcesRoot(): string {
  return app.isPackaged ? process.resourcesPath : app.getAppPath();
}

function rendererDir(): string {
  return join(app.getAppPath(), 'dist', 'renderer');
}

/** The terminal configuration: --config, $KAKANAI_CONFIG, else the user-data folder when packaged. */
function configPath(): string | undefined {
  const given = argValue('--config') ?? process.env.KAKANAI_CONFIG;
  if (given) return given;
  return app.isPackaged ? join(app.getPath('userData'), 'terminal.json') : undefined;
}

function serveRenderer(request: Request): Response {
  const dir = rendererDir();
  const url = new URL(request.url);
  let file = normalize(join(dir, decodeURIComponent(url.pathname)));
  if (file !== dir && !file.startsWith(dir + sep)) return new Response('forbidden', { status: 403 });
  if (!existsSync(file) || !statSync(file).isFile()) file = join(dir, 'index.html');
  if (!existsSync(file)) return new Response('renderer not built', { status: 503 });
  return new Response(readFileSync(file), {
    headers: {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    },
  });
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(ORIGIN)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!url.startsWith(ORIGIN)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

async function createWindow(timings: Timings): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    fullscreen: !dev,
    kiosk: !dev,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      // Built next to this file by scripts/build-electron.mjs (a sandboxed preload must be CommonJS).
      preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: dev,
      spellcheck: false,
    },
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => {
    timings.startup('window-ready');
    win.show();
  });
  await win.loadURL(`${ORIGIN}index.html`);
  return win;
}

async function start(): Promise<void> {
  const autostart = argValue('--set-autostart');
  if (autostart === 'on' || autostart === 'off') {
    app.setLoginItemSettings({ openAtLogin: autostart === 'on' });
    app.quit();
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  await app.whenReady();
  const timings = new Timings();
  timings.startup('electron-ready');
  Menu.setApplicationMenu(null);
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  protocol.handle('app', serveRenderer);
  app.on('web-contents-created', (_e, contents) => lockDown(contents));

  const config = configPath();
  const kiosk = await createKiosk({
    transport: 'ipc',
    ...(config ? { configPath: config } : {}),
    demo: process.argv.includes('--demo'),
    formsDir: join(resourcesRoot(), 'forms'),
    timings,
  });
  timings.startup('kiosk-ready');

  // The bridge is installed before the page loads, so its first call finds a handler.
  const windowRef: { current?: BrowserWindow } = {};
  installIpcBridge({
    ipcMain,
    router: kiosk.router,
    events: kiosk.events,
    target: () => windowRef.current?.webContents,
    isTrustedUrl: (url) => url.startsWith(ORIGIN),
  });
  const win = (windowRef.current = await createWindow(timings));
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    void kiosk.close().finally(() => app.quit());
  });
}

void start();
