/**
 * The PC/SC service restarted under a running kiosk (pcscd on Linux; on Windows the smart-card
 * service stops when the last reader is unplugged): the readers report removed, reader monitoring
 * starts again by itself, and a card placed afterwards is read — without restarting the kiosk.
 * This test restarts the machine's pcscd (and leaves it running with the vpcd readers).
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMyNumberCard } from '../src-main/card/myna/open-card.ts';
import { PcscProvider } from '../src-main/card/pcsc/pcsc-provider.ts';
import type { CardEvent } from '../src-main/card/transport.ts';
import { EmulatorProcess } from './helpers/emulator-process.ts';
import { ensurePcscd, REPO_ROOT } from './helpers/services.ts';

const READER = 'Virtual PCD 00 00';
let emulator: EmulatorProcess | undefined;
let provider: PcscProvider | undefined;

async function until(
  what: string,
  pred: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function restartPcscd(): void {
  execFileSync('pkill', ['-x', 'pcscd']);
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('pgrep', ['-x', 'pcscd']);
    } catch {
      break; // gone
    }
    execFileSync('sleep', ['0.1']);
  }
  execFileSync('bash', [`${REPO_ROOT}/scripts/ci/start-pcscd.sh`], { stdio: 'pipe' });
}

beforeAll(async () => {
  await ensurePcscd();
});

afterAll(async () => {
  await emulator?.stop();
  await provider?.close();
  await ensurePcscd();
});

describe('pcscd restarted under a running kiosk', () => {
  it('the reader is reported gone and back, and a card placed afterwards is read', async () => {
    provider = new PcscProvider();
    const events: CardEvent[] = [];
    provider.onEvent((e) => events.push(e));
    await until('the virtual reader', async () =>
      (await provider!.listReaders()).some((r) => r.name === READER),
    );

    // `kakanai card watch` beside the kiosk: what an operator would see.
    const watch = spawn(process.execPath, [
      `${REPO_ROOT}/bin/kakanai.mjs`,
      'card',
      'watch',
      '--json',
      '--reader',
      READER,
    ]);
    let watched = '';
    watch.stdout.on('data', (d: Buffer) => (watched += d.toString()));
    const watchedEvents = () =>
      watched
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { event: string }).event);
    await until('card watch listing the reader', () => watchedEvents().includes('reader-added'));

    restartPcscd();
    await until('the reader reported removed', () =>
      events.some((e) => e.type === 'reader-removed' && e.reader === READER),
    );
    const removedAt = events.findIndex((e) => e.type === 'reader-removed' && e.reader === READER);
    await until('the reader reported back', () =>
      events.slice(removedAt).some((e) => e.type === 'reader-added' && e.reader === READER),
    );

    emulator = await EmulatorProcess.start('ordinary', { port: 35963 });
    const card = await openMyNumberCard(provider, { readerFilter: READER, waitMs: 20_000 });
    expect(card.token).toBe('JPKIAPICCTOKEN2');
    expect((await card.retries(['kenhojoPin'])).kenhojoPin).toBe(3);
    await card.close();
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['service-lost', 'reader-removed', 'service-back', 'reader-added']),
    );

    await until('card watch seeing it all', () => watchedEvents().includes('card-inserted'));
    const exited = new Promise((r) => watch.once('exit', r));
    watch.kill('SIGINT');
    await exited;
    const seen = watchedEvents();
    // Gone, back, and the card placed afterwards, in that order.
    const order = ['reader-removed', 'service-back', 'reader-added', 'card-inserted'].map((e) =>
      seen.lastIndexOf(e),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(seen.indexOf('reader-removed')).toBeLessThan(seen.lastIndexOf('card-inserted'));
    expect(seen).toContain('service-lost');
  });
});
