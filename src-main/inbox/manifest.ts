/**
 * The manifest that travels with a visit's signed applications into the counter's inbox: one
 * folder per visit, one PDF per application, and `manifest.json` listing each with its form, hash
 * and the signing certificate's serial and validity. Read back as hostile input (validated).
 */
import { z } from 'zod';

export const MANIFEST_FORMAT = 'kakanai-inbox/1';
export const MANIFEST_FILE = 'manifest.json';

const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
/** A file name inside the visit's folder: no path, nothing hidden. */
export const fileNameSchema = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,99}\.pdf$/, 'a plain .pdf file name');
export const visitIdSchema = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/, 'letters, digits, _ and -');

export const ManifestApplicationSchema = z
  .object({
    file: fileNameSchema,
    formId: z.string().min(1).max(64),
    title: z.string().max(200),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().positive(),
    signedAt: isoTime,
    certificate: z
      .object({
        serial: z.string().max(64),
        issuer: z.string().max(500),
        notBefore: isoTime,
        notAfter: isoTime,
      })
      .strict(),
  })
  .strict();
export type ManifestApplication = z.infer<typeof ManifestApplicationSchema>;

export const ManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    visitId: visitIdSchema,
    terminalId: z.string().max(64),
    createdAt: isoTime,
    applications: z.array(ManifestApplicationSchema).min(1).max(50),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;
