/**
 * `kakanai inbox verify DIR`: the counter's check of the signed applications the kiosks delivered
 * (see src-main/inbox): each application's signature status, who signed it (name and birth date
 * from the certificate), when, and the form's data from its QR code. Exit 0 only when every
 * application is valid; 1 when one is tampered, from an unknown CA, unsigned or signed outside its
 * certificate's validity.
 *
 * Revocation: `--revocation-command CMD` runs CMD (through the shell) with the signer's
 * certificate (PEM) on stdin for each valid application: exit 0 = not revoked, 1 = revoked,
 * anything else (or 10 s without an answer) = unknown. Municipalities point it at their J-LIS
 * 失効情報 client; without it each result says "revocation not checked".
 */
import { loadTrustRoots } from '../../crypto/trust.ts';
import { revocationCommand } from '../../inbox/revocation.ts';
import { verifyInbox } from '../../inbox/verify.ts';
import { EXIT, optString, UsageError, type Command } from '../command.ts';

const STATUS_JA = {
  valid: '有効',
  tampered: '改ざんの疑い',
  'unknown-ca': '認証局が不明',
  'certificate-not-valid-then': '署名時に証明書が有効期間外',
  unsigned: '署名なし',
} as const;

const verify: Command = {
  path: ['inbox', 'verify'],
  summary: "check the signed applications in a counter's inbox folder (exit 0 only when all are valid)",
  usage:
    'kakanai inbox verify DIR [--trust-dir DIR] [--revocation-command CMD] [--json]\n' +
    'Trust roots: assets/trust unless --trust-dir. --revocation-command gets the certificate (PEM) on stdin:\n' +
    'exit 0 not revoked, 1 revoked, else unknown.',
  options: { 'trust-dir': { type: 'string' }, 'revocation-command': { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw new UsageError('give exactly one inbox folder');
    const dir = ctx.positionals[0]!;
    const trustDir = optString(ctx, 'trust-dir');
    const hook = optString(ctx, 'revocation-command');
    let report;
    try {
      report = await verifyInbox(dir, {
        trustRoots: trustDir ? loadTrustRoots(trustDir) : loadTrustRoots(),
        ...(hook ? { revocation: revocationCommand(hook) } : {}),
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new UsageError(`no such inbox folder: ${dir}`);
      throw e;
    }
    const ok =
      report.applications.length > 0 &&
      report.applications.every((a) => a.status === 'valid' && a.revocation.result !== 'revoked');
    const human = [
      `${dir}: ${report.visits} visits, ${report.applications.length} applications`,
      ...report.applications.map(
        (a) =>
          `${a.status === 'valid' ? '✔' : '✘'} ${a.visitId}/${a.file} ${a.formId ?? '?'} — ${STATUS_JA[a.status]}` +
          (a.signer?.name ? ` 署名者 ${a.signer.name}（${a.signer.birthDate ?? '?'}）` : '') +
          (a.signedAt ? ` ${a.signedAt}` : '') +
          ` · ${a.revocation.note}` +
          a.problems.map((p) => `\n    ${p}`).join(''),
      ),
      ...report.problems.map((p) => `! ${p.path}: ${p.problem}`),
    ].join('\n');
    return { json: { valid: ok, ...report }, human, exitCode: ok ? EXIT.OK : EXIT.FAILURE };
  },
};

export const inboxCommands: Command[] = [verify];
