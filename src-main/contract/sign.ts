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
import { pageImageSchema } from './forms.ts';

export const SIGN_PASSWORD_RE = /^[A-Z0-9]{6,16}$/;

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
  'sign.flush': call(
    'Tries to deliver the visits waiting for the inbox.',
    empty,
    z.object({ delivered: z.number().int(), waiting: z.number().int() }),
  ),
} as const;
