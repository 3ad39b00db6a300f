/**
 * The staff screen's view of the counter's inbox (behind the operator PIN): every received
 * application checked as `kakanai inbox verify` checks it — signature, chain to the configured
 * JPKI roots at the signing time, the signer from the certificate, the form's data from its QR —
 * with the municipality's revocation hook when one is configured.
 */
import { loadTrustRoots } from '../crypto/trust.ts';
import { revocationCommand } from '../inbox/revocation.ts';
import { verifyInbox, type InboxReport } from '../inbox/verify.ts';

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

  async review(): Promise<InboxReport | undefined> {
    const dir = this.#d.inboxDir();
    if (!dir) return undefined;
    const trustDir = this.#d.trustDir();
    const hook = this.#d.revocationCommand();
    return verifyInbox(dir, {
      trustRoots: trustDir ? loadTrustRoots(trustDir) : loadTrustRoots(),
      ...(hook ? { revocation: revocationCommand(hook) } : {}),
    });
  }
}
