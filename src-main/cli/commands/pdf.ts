/**
 * `kakanai pdf sign` and `kakanai pdf verify`: PAdES signatures with the card's 署名用 key.
 * The password is read from stdin or a TTY prompt (never argv), used for exactly one VERIFY right
 * before the signature, and zeroed. The PDF is checked before the card is asked for anything,
 * so a bad file never costs a password try.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { CommandError, EXIT, UsageError, optString, requireString, type Command } from '../command.ts';
import { CARD_OPTIONS, confirmLastTry, withCard } from '../card-context.ts';
import { getSecret } from '../secret-input.ts';
import { loadTrustRoots } from '../../crypto/trust.ts';
import { PadesError, signPdf, verifyPdf, type PdfSignatureReport } from '../../forms/pades.ts';

function asCommandError(e: unknown): unknown {
  if (e instanceof PadesError)
    return new CommandError(e.code, e.message, EXIT.FAILURE, { messageJa: e.messageJa });
  return e;
}

async function readPdf(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

function describe(s: PdfSignatureReport, i: number): string {
  const verdict = s.valid ? 'VALID' : 'INVALID';
  const lines = [
    `signature #${i + 1}: ${verdict}`,
    `  signer:   ${s.signer ? `${s.signer.subject} (serial ${s.signer.serial})` : 'unknown'}`,
    `  time:     ${s.signingTime ?? 'not given'}`,
    `  intact: ${s.intact ? 'yes' : 'NO'}   chain trusted: ${s.chainTrusted ? 'yes' : 'NO'}   whole document: ${s.coversWholeDocument ? 'yes' : 'NO'}`,
  ];
  if (s.reason) lines.push(`  reason:   ${s.reason}`);
  if (s.problem) lines.push(`  problem:  ${s.problem}`);
  return lines.join('\n');
}

const sign: Command = {
  path: ['pdf', 'sign'],
  summary: 'sign a PDF (PAdES) with the card’s 署名用 key',
  usage:
    'kakanai pdf sign --in FILE --out FILE --password-stdin [--reason TEXT] [--location TEXT]\n' +
    '                 [--reader SUBSTRING] [--confirm-last-try] [--wait SECONDS] [--emulator PERSONA] [--json]',
  options: {
    ...CARD_OPTIONS,
    in: { type: 'string' },
    out: { type: 'string' },
    reason: { type: 'string' },
    location: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const inFile = requireString(ctx, 'in');
    const outFile = requireString(ctx, 'out');
    const reason = optString(ctx, 'reason');
    const location = optString(ctx, 'location');
    const pdf = await readPdf(inFile);
    const password = await getSecret(ctx, 'password-stdin', '署名用パスワード (6–16 characters)');
    try {
      const signed = await withCard(ctx, (card) =>
        signPdf(pdf, {
          signCms: (digest) =>
            card.signCms(
              password,
              { sha256: digest },
              { signingTime: null, includeCaCertificate: true, confirmLastTry: confirmLastTry(ctx) },
            ),
          ...(reason ? { reason } : {}),
          ...(location ? { location } : {}),
        }),
      );
      await writeFile(outFile, signed);
      const check = verifyPdf(signed, { trustRoots: loadTrustRoots() }).signatures.at(-1);
      const json = {
        in: inFile,
        out: outFile,
        bytes: signed.length,
        signer: check?.signer ?? null,
        signingTime: check?.signingTime ?? null,
        intact: check?.intact ?? false,
        chainTrusted: check?.chainTrusted ?? false,
      };
      return {
        json,
        human: `signed ${inFile} → ${outFile} (${signed.length} bytes) by ${check?.signer?.subject ?? '?'}`,
      };
    } catch (e) {
      throw asCommandError(e);
    } finally {
      password.dispose();
    }
  },
};

const verify: Command = {
  path: ['pdf', 'verify'],
  summary: 'verify the PAdES signatures of a PDF (no card needed)',
  usage: 'kakanai pdf verify FILE [--json]   (exit 0 only when it has signatures and all are valid)',
  options: {},
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw new UsageError('give exactly one PDF file');
    const file = ctx.positionals[0]!;
    const { signatures } = verifyPdf(await readPdf(file), { trustRoots: loadTrustRoots() });
    const ok = signatures.length > 0 && signatures.every((s) => s.valid);
    const human = signatures.length ? signatures.map(describe).join('\n') : 'no signatures found';
    return { json: { file, valid: ok, signatures }, human, exitCode: ok ? EXIT.OK : EXIT.FAILURE };
  },
};

export const pdfCommands: Command[] = [sign, verify];
