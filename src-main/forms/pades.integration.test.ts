/**
 * PAdES end to end: a rendered PDF signed by the virtual My Number Card through the real card
 * facade (MyNumberCard over EmulatorProvider), checked by an independent verifier — poppler's
 * `pdfsig` — and by qpdf for structure; then one flipped byte must make both pdfsig and verifyPdf
 * say the signature is broken. The CLI is exercised as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.ts';
import { EmulatorProvider } from '../card/emulator/in-process.ts';
import { TEST_TRUST_DIR } from '../card/emulator/persona-keys.ts';
import { MyNumberCard } from '../card/myna/my-number-card.ts';
import { Secret } from '../card/secret.ts';
import { loadTrustRoots } from '../crypto/trust.ts';
import { signPdf, verifyPdf } from './pades.ts';

const PASSWORD = 'ABC123'; // persona "ordinary"
let dir = '';
let unsigned = '';
let provider: EmulatorProvider;
let card: MyNumberCard;

function tool(name: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(name, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.error) {
    throw new Error(
      `${name} is needed for this test (apt-get install -y poppler-utils qpdf): ${r.error.message}`,
      {
        cause: r.error,
      },
    );
  }
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

async function renderForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('Application form (test)', { x: 50, y: 780, size: 18, font });
  doc.addPage([595.28, 841.89]).drawText('Page 2', { x: 50, y: 780, size: 18, font });
  return doc.save();
}

beforeAll(async () => {
  tool('pdfsig', ['-v']);
  tool('qpdf', ['--version']);
  dir = mkdtempSync(join(tmpdir(), 'kakanai-pades-'));
  unsigned = join(dir, 'form.pdf');
  writeFileSync(unsigned, await renderForm());
  provider = new EmulatorProvider({ persona: 'ordinary' });
  card = await MyNumberCard.open(await provider.connect());
});

afterAll(async () => {
  await card?.close();
  await provider?.close();
});

function expectPdfsigValid(file: string): string {
  const { out } = tool('pdfsig', [file]);
  expect(out).toContain('Signature Validation: Signature is Valid.');
  expect(out).toContain('Total document signed');
  expect(out).toContain('Signature Type: ETSI.CAdES.detached');
  // The virtual card's CA is a test root poppler does not know: that is expected.
  expect(out).toMatch(
    /Certificate Validation: (Certificate issuer isn't Trusted|Certificate issuer is unknown)/,
  );
  return out;
}

describe('signing with the virtual card through MyNumberCard', () => {
  it('signCms path: pdfsig says valid, qpdf finds the structure sound, verifyPdf trusts the chain', async () => {
    const signed = await signPdf(readFileSync(unsigned), {
      signCms: (digest) =>
        card.signCms(
          Secret.fromString(PASSWORD),
          { sha256: digest },
          { signingTime: null, includeCaCertificate: true },
        ),
      reason: '住民票の写しの交付請求',
      location: '市民課',
    });
    const file = join(dir, 'signed-cms.pdf');
    writeFileSync(file, signed);
    const out = expectPdfsigValid(file);
    expect(out).toMatch(/Signing Hash Algorithm: SHA-256/);
    const q = tool('qpdf', ['--check', file]);
    expect(q.code, q.out).toBe(0);
    expect(q.out).toContain('No syntax or stream encoding errors');
    expect(tool('pdfinfo', [file]).out).toMatch(/^Pages:\s+2$/m);

    const [s] = verifyPdf(signed, { trustRoots: loadTrustRoots(TEST_TRUST_DIR) }).signatures;
    expect(s).toMatchObject({
      valid: true,
      intact: true,
      chainTrusted: true,
      reason: '住民票の写しの交付請求',
    });
    const cert = await card.readCertificate('sign', { password: Secret.fromString(PASSWORD) });
    expect(s?.signer?.serial).toBe(cert.serial);
  });

  it('signer + certificate path (signDigest): pdfsig says valid', async () => {
    const cert = await card.readCertificate('sign', { password: Secret.fromString(PASSWORD) });
    const ca = await card.readCertificate('sign-ca');
    const signed = await signPdf(readFileSync(unsigned), {
      signer: (sha256) => card.signDigest(Secret.fromString(PASSWORD), sha256),
      certificateDer: cert.der,
      caCertificatesDer: [ca.der],
      name: 'kiosk test',
    });
    const file = join(dir, 'signed-digest.pdf');
    writeFileSync(file, signed);
    expectPdfsigValid(file);
    expect(verifyPdf(signed, { trustRoots: loadTrustRoots(TEST_TRUST_DIR) }).signatures[0]?.valid).toBe(true);
  });

  it('one flipped byte in the signed range: pdfsig and verifyPdf both say it is broken', async () => {
    const signed = await signPdf(readFileSync(unsigned), {
      signCms: (digest) =>
        card.signCms(Secret.fromString(PASSWORD), { sha256: digest }, { signingTime: null }),
    });
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/M (D:', 0, 'latin1') + 10; // a digit of the signing time
    tampered[at] = tampered[at]! ^ 0x01;
    const file = join(dir, 'tampered.pdf');
    writeFileSync(file, tampered);
    const { out } = tool('pdfsig', [file]);
    expect(out).not.toContain('Signature is Valid');
    expect(out).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    const [s] = verifyPdf(tampered, { trustRoots: loadTrustRoots(TEST_TRUST_DIR) }).signatures;
    expect(s).toMatchObject({ valid: false, intact: false });
  });

  it('a file that is not a PDF never reaches the card (no password try spent)', async () => {
    let called = false;
    await expect(
      signPdf(new Uint8Array(Buffer.from('%PDF-1.7\nnot really\n')), {
        signCms: async () => {
          called = true;
          return new Uint8Array();
        },
      }),
    ).rejects.toMatchObject({ code: 'PDF_INVALID' });
    expect(called).toBe(false);
  });
});

describe('kakanai pdf sign / verify', () => {
  it('signs with --emulator and verifies; the password never reaches the log', async () => {
    const out = join(dir, 'cli-signed.pdf');
    const logFile = join(dir, 'cli.log');
    const r = await runCli(
      ['pdf', 'sign', '--in', unsigned, '--out', out, '--password-stdin', '--emulator', 'ordinary', '--json'],
      { stdin: `${PASSWORD}\n`, logFile },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ out, intact: true, chainTrusted: true });
    expectPdfsigValid(out);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('card.sign');
    expect(log).not.toContain(PASSWORD);

    const v = await runCli(['pdf', 'verify', out, '--json']);
    expect(v.code).toBe(0);
    expect(v.json).toMatchObject({ valid: true, signatures: [{ valid: true, intact: true }] });
    const plain = await runCli(['pdf', 'verify', unsigned]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('no signatures found');
  });

  it('a wrong password exits 5 with the tries left; the last try needs confirmation (exit 6)', async () => {
    const out = join(dir, 'never.pdf');
    const wrong = await runCli(
      ['pdf', 'sign', '--in', unsigned, '--out', out, '--password-stdin', '--emulator', 'ordinary', '--json'],
      { stdin: 'WRONG99\n' },
    );
    expect(wrong.code).toBe(5);
    expect(wrong.json).toMatchObject({ error: { code: 'WRONG_SECRET', retriesLeft: 4 } });
    const last = await runCli(
      [
        'pdf',
        'sign',
        '--in',
        unsigned,
        '--out',
        out,
        '--password-stdin',
        '--emulator',
        'one-try-left',
        '--json',
      ],
      { stdin: 'whatever1\n' },
    );
    expect(last.code).toBe(6);
    expect(last.json).toMatchObject({ error: { code: 'LAST_TRY_NEEDS_CONFIRMATION' } });
    expect(existsSync(out)).toBe(false);
  });
});
