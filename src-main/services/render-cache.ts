/**
 * Rendered forms kept for the visit in progress, so the preview is often ready when the resident
 * reaches it (rendered ahead after the last input) and printing reuses the previewed PDFs instead
 * of rendering them again. One entry per form, keyed by a digest of everything that decides what
 * the form shows (the card data, every input, blank or not, the plan for the guide, the date);
 * a changed input makes a new key and replaces the old entry (not zeroed then: a call still
 * copying it would get blank pages). Memory only, and `clear()` zeroes everything: it runs
 * whenever the session wipes.
 */
import { createHash } from 'node:crypto';

export interface CachedForm {
  formId: string;
  title: string;
  pdf: Uint8Array;
  pageCount: number;
}

/** What one form's rendering depends on (the engine request minus the other forms). */
export interface RenderKeyParts {
  formId: string;
  resident?: unknown;
  inputs: Readonly<Record<string, unknown>>;
  blank: boolean;
  plan?: unknown;
  municipality?: unknown;
  qr?: boolean;
  today: string;
}

type Render = (formIds: string[]) => Promise<CachedForm[]>;

export class RenderCache {
  readonly #entries = new Map<string, { key: string; form: Promise<CachedForm> }>();
  /** Forms reused and forms rendered since start (the tests read them). */
  hits = 0;
  misses = 0;

  /**
   * A skipped input ('' or no rows) prints exactly as one never asked, so it does not change the
   * key: the render started after the last required input stays good through the optional ones
   * the resident skips after it.
   */
  static key(parts: RenderKeyParts): string {
    const inputs = Object.fromEntries(
      Object.entries(parts.inputs).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)),
    );
    return createHash('sha256')
      .update(JSON.stringify({ ...parts, inputs }))
      .digest('hex');
  }

  /**
   * The forms for these keys, in order: cached (or in flight) ones reused, the rest rendered in one
   * call. Each caller gets its own copy of the PDF bytes (callers zero theirs after use).
   */
  async get(wanted: Array<{ formId: string; key: string }>, render: Render): Promise<CachedForm[]> {
    const forms = await Promise.all(this.#ensure(wanted, render));
    return forms.map((f) => ({ ...f, pdf: Uint8Array.from(f.pdf) }));
  }

  /** Renders what is not cached yet and keeps it, handing out nothing (a render ahead). */
  async prefetch(wanted: Array<{ formId: string; key: string }>, render: Render): Promise<void> {
    await Promise.all(this.#ensure(wanted, render));
  }

  /** The entries for these keys, rendering the missing ones in one call. */
  #ensure(wanted: Array<{ formId: string; key: string }>, render: Render): Promise<CachedForm>[] {
    const missing = wanted.filter((w) => this.#entries.get(w.formId)?.key !== w.key);
    this.hits += wanted.length - missing.length;
    this.misses += missing.length;
    if (missing.length > 0) {
      const batch = render(missing.map((m) => m.formId));
      missing.forEach((m, i) => {
        const form = batch.then((forms) => {
          const f = forms[i];
          if (!f || f.formId !== m.formId) throw new Error(`render returned no ${m.formId}`);
          return f;
        });
        // A failed render is not kept: the next call tries again (and reports its own error).
        form.catch(() => {
          if (this.#entries.get(m.formId)?.form === form) this.#entries.delete(m.formId);
        });
        this.#entries.set(m.formId, { key: m.key, form });
      });
    }
    return wanted.map((w) => this.#entries.get(w.formId)!.form);
  }

  /** Zeroes and forgets every rendered form (a wipe, a new plan). */
  clear(): void {
    for (const entry of this.#entries.values()) {
      entry.form.then(
        (f) => f.pdf.fill(0),
        () => undefined,
      );
    }
    this.#entries.clear();
  }
}
