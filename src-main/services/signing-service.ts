/**
 * 電子署名して提出: the resident signs the visit's applications with the card's 署名用電子証明書 and
 * they go to the counter's inbox instead of (or besides) the printer.
 *
 * `sign` renders each chosen form alone (with its QR code), draws the visible stamp (電子署名済, the
 * name from the certificate, the date) and has the card sign each PAdES — the password stays in
 * this process and is zeroed after use (CardService.signPdfs). The signed PDFs wait here, for
 * the resident to see, until `send` delivers them (src-main/inbox: atomic, with a manifest; queued
 * encrypted when the inbox cannot be reached) or the visit ends: a wiped session forgets them.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fail } from '../contract/errors.ts';
import type { CardCertificate } from '../card/myna/my-number-card.ts';
import type { CardService } from './card-service.ts';
import { stampForSignature } from '../forms/signature-stamp.ts';
import { Outbox, type SendResult } from '../inbox/outbox.ts';
import { todayInJapan } from '../util/wareki.ts';
import type { EngineRenderRequest, EngineRenderResult } from './forms-service.ts';

export interface SignedDocument {
  formId: string;
  title: string;
  pageCount: number;
  pdf: Uint8Array;
}

export interface SigningDeps {
  card: Pick<CardService, 'signPdfs'>;
  forms: {
    renderEach(request: EngineRenderRequest): Promise<EngineRenderResult['forms']>;
    /** Whether the municipality accepts the form electronically, and where its QR code is. */
    electronic(formId: string): { accepted: boolean; qr?: { x: number; y: number; size: number } };
  };
  /** The inbox folder (absolute), when the terminal has one configured. */
  inboxDir: () => string | undefined;
  configPath: () => string;
  terminalId: () => string;
  now?: () => Date;
}

export class SigningService {
  readonly #d: SigningDeps;
  #signed: { documents: SignedDocument[]; certificate: CardCertificate; signedAt: Date } | undefined;

  constructor(deps: SigningDeps) {
    this.#d = deps;
  }

  #outbox(): Outbox | undefined {
    const dir = this.#d.inboxDir();
    if (!dir) return undefined;
    const home = dirname(this.#d.configPath());
    return new Outbox({
      inboxDir: dir,
      queueDir: join(home, 'inbox-queue'),
      keyFile: join(home, 'inbox-queue.key'),
      terminalId: this.#d.terminalId(),
    });
  }

  /** Whether signing is offered at all here, and visits waiting for the inbox. */
  status(): { configured: boolean; queued: number } {
    const box = this.#outbox();
    return { configured: box !== undefined, queued: box?.queued() ?? 0 };
  }

  /** Renders, stamps and has the card sign each chosen form; keeps them for `send`. */
  async sign(
    request: EngineRenderRequest,
    password: string,
    confirmLastTry: boolean,
  ): Promise<{ documents: SignedDocument[]; signer: { name: string }; signedAt: string }> {
    if (!this.#outbox())
      throw fail(
        'INBOX_NOT_CONFIGURED',
        'No inbox is configured on this terminal.',
        'この端末では電子申請を受け付けていません。',
      );
    const refused = request.formIds.filter((id) => !this.#d.forms.electronic(id).accepted);
    if (refused.length > 0)
      throw fail(
        'NOT_ELECTRONIC',
        `Not accepted electronically: ${refused.join(', ')}`,
        '電子申請を受け付けていない書類があります。',
        {
          details: { formIds: refused },
        },
      );
    this.forget();
    const forms = await this.#d.forms.renderEach({ ...request, qr: true });
    const signedAt = (this.#d.now ?? (() => new Date()))();
    try {
      const r = await this.#d.card.signPdfs(
        password,
        forms.map((f) => ({ id: f.formId, pdf: f.pdf })),
        {
          confirmLastTry,
          signingTime: signedAt,
          prepare: (pdf, cert) => {
            const form = forms.find((f) => f.pdf === pdf);
            const qr = form ? this.#d.forms.electronic(form.formId).qr : undefined;
            return stampForSignature(
              pdf,
              { name: cert.san?.name ?? cert.subject, date: todayInJapan(signedAt) },
              qr,
            );
          },
        },
      );
      const documents = r.documents.map((d, i) => ({
        formId: d.id,
        title: forms[i]!.title,
        pageCount: forms[i]!.pageCount,
        pdf: d.pdf,
      }));
      this.#signed = { documents, certificate: r.certificate, signedAt };
      return { documents, signer: { name: r.certificate.san?.name ?? '' }, signedAt: signedAt.toISOString() };
    } finally {
      for (const f of forms) f.pdf.fill(0);
    }
  }

  /** The signed documents of this visit (for the resident to look at before sending). */
  signed(): SignedDocument[] {
    return this.#signed?.documents ?? [];
  }

  /** Sends the signed applications to the counter's inbox (or queues them); then forgets them. */
  send(): SendResult {
    const s = this.#signed;
    const box = this.#outbox();
    if (!s) throw fail('NOTHING_SIGNED', 'Nothing was signed in this visit.', '署名した書類がありません。');
    if (!box)
      throw fail(
        'INBOX_NOT_CONFIGURED',
        'No inbox is configured on this terminal.',
        'この端末では電子申請を受け付けていません。',
      );
    const c = s.certificate;
    const result = box.send(
      `${todayInJapan(s.signedAt).replaceAll('-', '')}-${randomUUID().slice(0, 8)}`,
      s.documents.map((d) => ({
        formId: d.formId,
        title: d.title,
        pdf: d.pdf,
        signedAt: s.signedAt.toISOString(),
        certificate: { serial: c.serial, issuer: c.issuer, notBefore: c.notBefore, notAfter: c.notAfter },
      })),
    );
    this.forget();
    return result;
  }

  /** Tries the queue again (at start, and whenever staff ask). */
  flush(): { delivered: number; waiting: number } {
    const box = this.#outbox();
    if (!box) return { delivered: 0, waiting: 0 };
    const r = box.flush();
    return { delivered: r.delivered.length, waiting: r.waiting };
  }

  /** Zeroes and drops the visit's signed documents (a wiped session, a new signature). */
  forget(): void {
    for (const d of this.#signed?.documents ?? []) d.pdf.fill(0);
    this.#signed = undefined;
  }
}
