/**
 * npm run bench:signing — 電子署名して提出 over the real PC/SC path (pcscd + vpcd + the virtual card
 * in its own process): from the 署名用パスワード to three signed applications (each stamped with
 * the name from the certificate and signed PAdES, one card session: CardService.signPdfs, the
 * path the kiosk takes), against the bare card work in the same run — the same card session
 * reading the two certificates a signature carries (the signer's, its CA's) and making three
 * signatures over digests, nothing else.
 * Goal: our overhead ≤ 20% of the card's time. Runs alternate (ours, bare). BENCH_RUNS (10).
 */
import { createHash } from 'node:crypto';
import { EventBus } from '../src-main/contract/event-bus.ts';
import { renderForms } from '../src-main/forms/render.ts';
import { stampForSignature } from '../src-main/forms/signature-stamp.ts';
import { FORM_DATA } from '../src-main/inbox/test-support.ts';
import { Secret } from '../src-main/card/secret.ts';
import { PcscProvider } from '../src-main/card/pcsc/pcsc-provider.ts';
import { CardService } from '../src-main/services/card-service.ts';
import { EmulatorProcess } from '../test/helpers/emulator-process.ts';
import { ensurePcscd } from '../test/helpers/services.ts';
import { cardSession, median } from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const READER = 'Virtual PCD 00 00';
const PASSWORD = 'ABC123';
const ms = (x: number) => `${x.toFixed(1)} ms`;

await ensurePcscd();
const emulator = await EmulatorProcess.start('ordinary');
const card = new CardService({
  events: new EventBus(),
  createSystemProvider: () => new PcscProvider({ extendedApdu: 'never' }),
  createDemoProvider: () => {
    throw new Error('no demo in the bench');
  },
  readerFilter: () => READER,
});
try {
  // The reader appears once pcscd has noticed the virtual card's slot.
  for (let i = 0; i < 50 && (await card.status()).state !== 'card-present'; i++)
    await new Promise((r) => setTimeout(r, 100));
  // A visit of three applications, rendered once (rendering is not signing).
  const r = await renderForms({
    formIds: ['jumin-ido', 'jumin-ido', 'jumin-ido'],
    data: FORM_DATA,
    qr: true,
  });
  const docs = r.forms.map((f, i) => ({ id: `${f.id}-${i}`, pdf: f.pdf! }));
  const ours = async () => {
    const at = new Date();
    const out = await card.signPdfs(PASSWORD, docs, {
      confirmLastTry: false,
      signingTime: at,
      prepare: (pdf, cert) =>
        stampForSignature(
          pdf,
          { name: cert.san?.name ?? '', date: '2026-12-07' },
          { x: 167, y: 253, size: 33 },
        ),
    });
    if (out.documents.length !== 3) throw new Error('not three documents');
  };
  const bare = () =>
    cardSession(READER, async (c) => {
      // The certificates a signature carries (the signer's and its CA's), then three signatures.
      await c.readCertificate('sign', { password: Secret.fromString(PASSWORD) });
      await c.readCertificate('sign-ca');
      for (let i = 0; i < 3; i++)
        await c.signDigest(
          Secret.fromString(PASSWORD),
          createHash('sha256').update(`document ${i}`).digest(),
        );
    });
  await ours(); // warm-up (fonts, modules)
  await bare();
  const oursT: number[] = [];
  const bareT: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await ours();
    oursT.push(performance.now() - t);
    t = performance.now();
    await bare();
    bareT.push(performance.now() - t);
  }
  const o = median(oursT);
  const b = median(bareT);
  console.log(
    `password → 3 signed applications (stamp + PAdES, one card session): median ${ms(o)} over ${RUNS}; ` +
      `the bare card work (both certificates + 3 signatures) ${ms(b)}; overhead ${ms(o - b)} = ${(((o - b) / b) * 100).toFixed(1)}% — goal ≤ 20%: ${(o - b) / b <= 0.2 ? 'OK' : 'MISSED'}`,
  );
  console.log(JSON.stringify({ runs: RUNS, oursMs: o, bareMs: b, overheadPct: ((o - b) / b) * 100 }));
} finally {
  await card.close?.();
  await emulator.stop();
}
