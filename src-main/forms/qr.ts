/**
 * The QR code printed on a form so the clerk's system can read the filled data instead of re-typing
 * it. Payload: UTF-8 JSON in QR byte mode, versioned (documented in forms/README.md, "QR payload"):
 *
 *   { "v": 1, "type": "kakanai-form", "form": "jumin-ido", "formVersion": "1", "date": "2026-11-22",
 *     "resident": { "name", "nameKana"?, "address", "birthDate", "sex" }, "input": { …declared inputs… } }
 *
 * Only what the form itself prints is in it: resident fields the form binds, the inputs it declares
 * (empty ones left out), and resident.myNumber only on forms that print the 個人番号.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { FormError } from './errors.ts';
import type { FormData } from './data.ts';
import type { FormDefinition } from './schema.ts';
import { todayInJapan } from '../util/wareki.ts';

export const QR_PAYLOAD_VERSION = 1;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const qrPayloadSchema = z.object({
  v: z.literal(1),
  type: z.literal('kakanai-form'),
  form: z.string(),
  formVersion: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  resident: z.object({
    name: z.string().optional(),
    nameKana: z.string().optional(),
    address: z.string().optional(),
    birthDate: z.string().optional(),
    sex: z.enum(['male', 'female', 'unspecified']).optional(),
    myNumber: z.string().optional(),
  }),
  input: z.record(z.string(), z.union([scalar, z.array(z.record(z.string(), scalar))])),
});

export type QrPayload = z.infer<typeof qrPayloadSchema>;

/** Every binding string the form uses (fields, table columns, templates). */
export function formBindings(form: FormDefinition): Set<string> {
  const out = new Set<string>();
  const add = (f: { bind?: string | undefined; template?: string | undefined }) => {
    if (f.bind) out.add(f.bind);
    for (const m of f.template?.matchAll(/\{([^{}|]+)/g) ?? []) out.add(m[1]!.trim());
  };
  for (const page of form.pages) {
    for (const f of page.fields) {
      add(f);
      if (f.type === 'table') f.columns.forEach(add);
    }
  }
  return out;
}

export function buildQrPayload(form: FormDefinition, data: FormData): QrPayload {
  const binds = formBindings(form);
  const usesDerived = (names: string[]) => names.some((n) => binds.has(`derived.${n}`));
  const r = data.resident;
  const resident: QrPayload['resident'] = {};
  if (binds.has('resident.name') || usesDerived(['familyName', 'givenName'])) resident.name = r.name;
  if (binds.has('resident.address')) resident.address = r.address;
  if (binds.has('resident.birthDate') || usesDerived(['age', 'birthDateWareki', 'birthEra'])) {
    resident.birthDate = r.birthDate;
  }
  if (binds.has('resident.sex')) resident.sex = r.sex;
  if (binds.has('resident.nameKana') && r.nameKana) resident.nameKana = r.nameKana;
  if (form.requiresMyNumber && binds.has('resident.myNumber')) resident.myNumber = r.myNumber;
  for (const k of Object.keys(resident) as (keyof typeof resident)[]) {
    if (resident[k] === undefined) delete resident[k];
  }
  const input: QrPayload['input'] = {};
  for (const inp of form.inputs) {
    const v = data.input[inp.key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (Array.isArray(v)) {
      input[inp.key] = v.map((row) =>
        Object.fromEntries(
          Object.entries(row).filter(
            (e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== '',
          ),
        ),
      );
    } else {
      input[inp.key] = v;
    }
  }
  return {
    v: 1,
    type: 'kakanai-form',
    form: form.id,
    formVersion: form.version,
    date: data.date ?? todayInJapan(),
    resident,
    input,
  };
}

/** Module matrix of the QR code for a payload: error correction M, or L if M cannot hold it. */
export function qrMatrix(payload: QrPayload): { size: number; dark(row: number, col: number): boolean } {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  for (const level of ['M', 'L'] as const) {
    try {
      const qr = QRCode.create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: level });
      return { size: qr.modules.size, dark: (r, c) => qr.modules.get(r, c) === 1 };
    } catch {
      // too much data for this level: try the next
    }
  }
  throw new FormError(
    'QR_TOO_LARGE',
    `${payload.form}: the data (${bytes.length} bytes) does not fit in a QR code`,
    {
      form: payload.form,
    },
  );
}

/** Parses and validates the text read from a form's QR code (what a clerk's system would do). */
export function decodeQrPayload(text: string | Uint8Array): QrPayload {
  const json = typeof text === 'string' ? text : new TextDecoder('utf-8', { fatal: true }).decode(text);
  return qrPayloadSchema.parse(JSON.parse(json));
}
