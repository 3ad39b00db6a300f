/**
 * Where the e2e run finds its real parts: Debian's Chromium, the vpcd slot of the virtual card,
 * the CUPS queue that cups-pdf turns into files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const CHROMIUM = process.env.KAKANAI_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, reproducible Chromium in containers and CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Journeys run in parallel, one Playwright worker per virtual reader slot and print queue, so no two
 * journeys ever share a card or a printer. TEST_PARALLEL_INDEX (0 … workers-1) picks the worker's
 * pair. vpcd's reader serves two slots (35963, 35964); the integration tests use slot 0 too, so do
 * not run them at the same time as two e2e workers. A third worker needs the second vpcd reader
 * ("Virtual PCD B", ports 35965/35966: KAKANAI_VPCD_EXTRA=1 bash scripts/ci/start-pcscd.sh).
 */
const E2E_SLOTS = [
  { port: 35964, reader: 'Virtual PCD 00 01' },
  { port: 35963, reader: 'Virtual PCD 00 00' },
  { port: 35965, reader: 'Virtual PCD B 00 00' },
  { port: 35966, reader: 'Virtual PCD B 00 01' },
] as const;
export const E2E_MAX_WORKERS = E2E_SLOTS.length;
export const WORKER_INDEX = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
const slot = E2E_SLOTS[WORKER_INDEX % E2E_SLOTS.length]!;

/** The vpcd slot of this worker's virtual card (KAKANAI_E2E_VPCD_PORT overrides it for one worker). */
export const VPCD_PORT = Number(process.env.KAKANAI_E2E_VPCD_PORT ?? slot.port);
export const VPCD_READER = process.env.KAKANAI_E2E_VPCD_PORT
  ? `Virtual PCD 00 ${String(VPCD_PORT - 35963).padStart(2, '0')}`
  : slot.reader;

/**
 * This worker's own cups-pdf queue (created by the worker fixture). It renders with pdftocairo: the
 * default PDF → PostScript step turns the forms' CID TrueType fonts into Type 3 fonts whose text
 * pdftotext cannot read back, so the printed Japanese could not be checked.
 */
export const PRINT_QUEUE =
  (process.env.KAKANAI_E2E_QUEUE ?? 'KAKANAI-E2E') + (WORKER_INDEX > 0 ? `-W${WORKER_INDEX}` : '');
export const CUPS_PDF_PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';

/** Operator PIN of the e2e terminals (hashed into their config by `kakanai config set-pin`). */
export const OPERATOR_PIN = '246810';

export const VIEWPORT = { width: 1280, height: 900 };

export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));
/**
 * Working files of a run (measurements, renderer copy, Playwright artifacts) live outside the
 * checkout: other tools in a shared checkout clean test-results/ at will. The summary is copied to
 * test-results/e2e-report/ at the end.
 */
// One folder per run, made when the config is loaded in the runner process; the workers inherit it.
process.env.KAKANAI_E2E_RUN_DIR ??= mkdtempSync(join(tmpdir(), 'kakanai-e2e-'));
export const RUN_DIR = process.env.KAKANAI_E2E_RUN_DIR;
/**
 * When the run began. cups-pdf's folder is shared and CUPS numbers jobs afresh when its job
 * history is lost, so a file from an earlier run can carry this run's job number.
 */
process.env.KAKANAI_E2E_RUN_STARTED ??= String(Date.now());
export const RUN_STARTED_MS = Number(process.env.KAKANAI_E2E_RUN_STARTED);
export const RESULTS_DIR = join(RUN_DIR, 'report');
export const REPORT_DIR = fileURLToPath(new URL('../../test-results/e2e-report/', import.meta.url));

/**
 * The renderer build the journeys serve: a copy of dist/renderer taken at the start of the run, so
 * a rebuild in the same checkout during the run cannot pull hashed chunks from under the pages.
 */
export const RENDERER_COPY = join(RUN_DIR, 'renderer');
