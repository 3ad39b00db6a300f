/**
 * Waiting for the next voter. The 入場券 barcode field always has the focus: a keyboard-wedge
 * scanner types the 名簿番号 and Enter wherever the worker last clicked, so a stray click on the
 * page gives the focus back, and keys typed while a button has the focus go into the field too.
 * A card placed on the reader starts the card path by itself (the store listens).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { useDesk, useDeskActions } from '../context.ts';
import { cleanScan } from '../format.ts';
import { DeskFrame } from '../parts.tsx';

const CONTROLS = 'button, input, select, textarea, a[href], [role="button"]';

function isTextTarget(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function ReadyScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const busy = useDesk((s) => s.busy);
  const flash = useDesk((s) => s.flash);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    // Keys typed while a button (or nothing) has the focus belong to the scanner.
    const onKey = (e: KeyboardEvent) => {
      if (isTextTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key.length === 1 && /[0-9A-Za-z０-９-]/.test(e.key)) {
        e.preventDefault();
        input.current?.focus();
        setValue((v) => v + e.key);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = () => {
    const roll = cleanScan(value);
    setValue('');
    if (roll) void a.scan(roll);
  };

  return (
    <DeskFrame name="ready" title={t('election.ready.title')} focusHeading={false} className="ready">
      {flash ? (
        <p className="card ok flash" role="status" data-testid="flash">
          {t(flash.key, flash.params ?? {})}
        </p>
      ) : null}
      <form
        className="card scan"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field" htmlFor="barcode">
          {t('election.ready.barcodeLabel')}
        </label>
        <div className="scan-row">
          <input
            id="barcode"
            ref={input}
            className="text-input scan-input"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            onBlur={(e) => {
              // A click on the page (not on another control) must not lose the scanner's target.
              const to = e.relatedTarget;
              if (!(to instanceof HTMLElement) || !to.matches(CONTROLS))
                setTimeout(() => input.current?.focus(), 0);
            }}
            aria-describedby="barcode-hint"
            data-testid="barcode"
          />
          <button type="submit" className="btn primary" disabled={!!busy} data-testid="barcode-submit">
            {t('election.ready.lookUp')}
          </button>
        </div>
        <p id="barcode-hint" className="hint">
          {t('election.ready.barcodeHint')}
        </p>
      </form>
      <div className="grid two ways">
        <button
          type="button"
          className="btn choice"
          onClick={() => void a.beginCard()}
          data-testid="way-card"
        >
          <Icon name="card" size="2.6rem" />
          <span>{t('election.ready.card')}</span>
          <span className="sub">{t('election.ready.cardHint')}</span>
        </button>
        <button type="button" className="btn choice" onClick={a.openSearch} data-testid="way-search">
          <Icon name="other" size="2.6rem" />
          <span>{t('election.ready.search')}</span>
          <span className="sub">{t('election.ready.searchHint')}</span>
        </button>
      </div>
    </DeskFrame>
  );
}
