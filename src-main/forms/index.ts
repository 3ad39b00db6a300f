/**
 * The forms engine's public surface: what the kiosk, the CLI and the print module call.
 */
export { renderForms, type RenderFormsOptions, type RenderResult, type RenderedForm } from './render.ts';
export { listForms, formProblems, getForm, inputsFor, type FormSummary, type BatchInput } from './catalog.ts';
export { renderGrid } from './grid.ts';
export { preloadFonts } from './fonts.ts';
export { decodeQrPayload, buildQrPayload, qrPayloadSchema, type QrPayload } from './qr.ts';
export { parseFormData, type FormData, type FormDataInput } from './data.ts';
export { FormError, type FormErrorCode, type RenderWarning } from './errors.ts';
export type { FormDefinition, FormInput } from './schema.ts';
