/**
 * Every page of the forms to be printed, as images, each labelled "form title – page n of m".
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderedForm } from '../api/types.ts';
import type { PageImage } from './pdf-render.ts';

type Rendered = { formId: string; title: string; pages: PageImage[] };

/**
 * `onSettled(true)` once the pages are on screen (or could not be drawn, which leaves the forms
 * printable), `onSettled(false)` while they are being drawn: the screen keeps 印刷する off until
 * the resident can see what will be printed.
 */
const TITLE = '\u0001';

/** A caption with the form's official (Japanese) name marked as Japanese inside the sentence. */
function WithTitle(props: { text: string; title: string }) {
  const [before, after] = props.text.split(TITLE);
  return (
    <>
      {before}
      <span lang="ja">{props.title}</span>
      {after}
    </>
  );
}

export function PdfPages(props: { forms: RenderedForm[]; onSettled?: (settled: boolean) => void }) {
  const { t } = useTranslation();
  const [rendered, setRendered] = useState<Rendered[] | null>(null);
  const [failed, setFailed] = useState(false);

  const { onSettled } = props;
  useEffect(() => {
    onSettled?.(rendered !== null || failed);
  }, [onSettled, rendered, failed]);

  useEffect(() => {
    let cancelled = false;
    setRendered(null);
    setFailed(false);
    (async () => {
      const { renderPdfPages } = await import('./pdf-render.ts');
      const out: Rendered[] = [];
      for (const f of props.forms) {
        const pages = f.pdf
          ? await renderPdfPages(f.pdf)
          : (f.pages ?? []).map((p) => ({
              src: `data:image/png;base64,${p.png}`,
              width: p.widthPx,
              height: p.heightPx,
            }));
        out.push({ formId: f.formId, title: f.title, pages });
      }
      if (!cancelled) setRendered(out);
    })().catch((e: unknown) => {
      console.error('preview rendering failed', e);
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
    };
  }, [props.forms]);

  if (failed) return <p role="alert">{t('confirm.previewFailed')}</p>;
  if (!rendered)
    return (
      <div role="status">
        <div className="spinner" aria-hidden="true" />
        <p>{t('confirm.rendering')}</p>
      </div>
    );
  return (
    <div className="pages" data-testid="preview-pages">
      {rendered.map((f) =>
        f.pages.map((p, i) => (
          <figure key={`${f.formId}-${i}`} data-form={f.formId}>
            <figcaption>
              <WithTitle
                text={t('confirm.pageCaption', { title: TITLE, page: i + 1, pages: f.pages.length })}
                title={f.title}
              />
            </figcaption>
            <img
              src={p.src}
              width={p.width}
              height={p.height}
              alt={t('confirm.pageAlt', { title: f.title, page: i + 1, pages: f.pages.length })}
            />
          </figure>
        )),
      )}
    </div>
  );
}
