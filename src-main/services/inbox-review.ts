/**
 * The staff screen's view of the counter's inbox (behind the operator PIN): every received
 * application checked as `kakanai inbox verify` checks it — signature, chain to the configured
 * JPKI roots at the signing time, the signer from the certificate, the form's data from its QR —
 * with the municipality's revocation hook when one is configured.
 */
import { existsSync } from 'node:fs';
import { loadTrustRoots } from '../crypto/trust.ts';
import { revocationCommand } from '../inbox/revocation.ts';
import { verifyInbox, type InboxReport } from '../inbox/verify.ts';

export const UNREACHABLE = 'the inbox folder cannot be reached (not mounted, or not made yet)';

export interface InboxReviewDeps {
  /** The inbox folder (absolute), when configured. */
  inboxDir: () => string | undefined;
  /** The JPKI roots' folder (absolute); the bundled assets/trust when absent. */
  trustDir: () => string | undefined;
  revocationCommand: () => string | undefined;
}

export class InboxReview {
  readonly #d: InboxReviewDeps;

  constructor(deps: InboxReviewDeps) {
    this.#d = deps;
  }

  /** The report, and whether the folder could be reached at all; undefined when none is configured. */
  async review(): Promise<{ reachable: boolean; report: InboxReport } | undefined> {
    const dir = this.#d.inboxDir();
    if (!dir) return undefined;
    // A share that is not mounted (or a folder not yet made) is said, not thrown.
    if (!existsSync(dir))
      return {
        reachable: false,
        report: { dir, visits: 0, applications: [], problems: [{ path: dir, problem: UNREACHABLE }] },
      };
    const trustDir = this.#d.trustDir();
    const hook = this.#d.revocationCommand();
    const report = await verifyInbox(dir, {
      trustRoots: trustDir ? loadTrustRoots(trustDir) : loadTrustRoots(),
      ...(hook ? { revocation: revocationCommand(hook) } : {}),
    });
    return { reachable: true, report };
  }
}
