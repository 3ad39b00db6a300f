/**
 * 電子署名して提出 (any terminal with a counter inbox configured): the resident signs the chosen
 * applications with the card's 署名用電子証明書 and they go to the counter's inbox.
 *
 * The 署名用パスワード (6–16 capital letters and digits) travels once, in `sign.sign`, and is
 * zeroed in the main process after use. Card failures are card.read's: WRONG_SECRET with
 * `retriesLeft` (of 5), LAST_TRY_NEEDS_CONFIRMATION, BLOCKED, NO_SIGNING_CERT (children under 15,
 * or declined: print instead).
 */
import { z } from 'zod';
import { call, empty, VISIT } from './call.ts';
import { tokenSchema } from './common.ts';
import { pageImageSchema } from './forms.ts';

export const SIGN_PASSWORD_RE = /^[A-Z0-9]{6,16}$/;

export const SIGNATURE_STATUSES = [
  'valid',
  'tampered',
  'unknown-ca',
  'certificate-not-valid-then',
  'unsigned',
] as const;

/** One received application as the staff screen shows it (see src-main/inbox/verify.ts). */
export const receivedApplicationSchema = z.object({
  visitId: z.string(),
  file: z.string(),
  formId: z.string().optional(),
  title: z.string().optional(),
  status: z.enum(SIGNATURE_STATUSES),
  /** Why it is not valid (English, for staff). */
  problems: z.array(z.string()),
  signedAt: z.string().optional(),
  signer: z
    .object({
      name: z.string().optional(),
      birthDate: z.string().optional(),
      serial: z.string(),
      issuer: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
    })
    .optional(),
  revocation: z.object({
    checked: z.boolean(),
    result: z.enum(['good', 'revoked', 'unknown']).optional(),
    note: z.string(),
  }),
  /** The form's data decoded from the QR code on its page; a 個人番号 is never sent to the screen. */
  form: z
    .object({
      formId: z.string(),
      date: z.string(),
      /** `label`: the form's own (Japanese) name of the item. */
      fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
    })
    .optional(),
  unlisted: z.boolean().optional(),
});
export type ReceivedApplication = z.infer<typeof receivedApplicationSchema>;

export const SIGN_CALLS = {
  'sign.status': call(
    "Whether this terminal sends signed applications (a counter inbox is configured), visits waiting for the inbox, and which of the plan's forms the municipality accepts electronically.",
    empty,
    z.object({
      configured: z.boolean(),
      queued: z.number().int(),
      forms: z.array(z.object({ formId: z.string(), title: z.string(), electronic: z.boolean() })),
    }),
    VISIT,
  ),
  'sign.card': call(
    "Before the password is typed: whether the card on the reader has a signing certificate (children under 15 and people who declined have none) and the 署名用パスワード's tries left (of 5; 0 = blocked). Spends no try. Card problems as card.identify's.",
    empty,
    z.object({ hasCertificate: z.boolean(), retriesLeft: z.number().int().min(0).nullable() }),
    VISIT,
  ),
  'sign.sign': call(
    'Signs the chosen forms (PAdES, a visible 電子署名済 stamp with the name from the certificate) with the card; returns the signed pages for the resident to see. Nothing is sent yet.',
    z
      .object({
        password: z.string().regex(SIGN_PASSWORD_RE, '6–16 capital letters and digits'),
        formIds: z.array(z.string().min(1).max(64)).min(1).max(20),
        confirmLastTry: z.boolean().default(false),
        dpi: z.number().int().min(36).max(200).default(72),
      })
      .strict(),
    z.object({
      documents: z.array(
        z.object({
          formId: z.string(),
          title: z.string(),
          pageCount: z.number().int(),
          pages: z.array(pageImageSchema),
        }),
      ),
      signer: z.object({ name: z.string() }),
      signedAt: z.string(),
    }),
    VISIT,
  ),
  'sign.send': call(
    "Sends the visit's signed applications to the counter's inbox (atomically, with a manifest); when the inbox cannot be reached they wait on the kiosk, encrypted, and queued is true.",
    empty,
    z.object({ delivered: z.boolean(), queued: z.boolean(), files: z.number().int() }),
    VISIT,
  ),
  'inbox.review': call(
    "The counter's inbox, every received application checked (signature, chain to the configured JPKI roots at the signing time, the signer from the certificate, the form's data from its QR, the revocation hook when configured); needs an operator token. configured false when this terminal has no inbox.",
    z.object({ token: tokenSchema }).strict(),
    z.object({
      configured: z.boolean(),
      /** The folder could be read (a network share that is not mounted cannot). */
      reachable: z.boolean(),
      visits: z.number().int(),
      applications: z.array(receivedApplicationSchema),
      problems: z.array(z.object({ path: z.string(), problem: z.string() })),
      /** Visits still waiting on this terminal for the inbox. */
      queued: z.number().int(),
    }),
  ),
  'sign.flush': call(
    'Tries to deliver the visits waiting for the inbox.',
    empty,
    z.object({ delivered: z.number().int(), waiting: z.number().int() }),
  ),
} as const;
