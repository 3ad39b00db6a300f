/**
 * On-screen katakana keyboard for フリガナ. Columns ア行…ワ行; ゛ ゜ 小 change the last character;
 * arrow keys move between keys (one Tab stop for the whole grid), so it works without touch too.
 * The text field above it also accepts typing (hiragana is turned into katakana) for staff with a
 * physical keyboard. With `latin` (a building's name, a room number) an ABC key switches the grid to
 * capital letters and digits, for names such as 「Sunny Court 2」.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { applyMark, cleanKana, cleanKanaLatin, KANA_COLUMNS, type KanaMark } from './kana.ts';

const LATIN_KEYS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'];

const ROWS = 5;

export function KanaKeyboard(props: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  label: string;
  maxLength?: number;
  /** Staff assist: let the OS keyboard / IME appear when the field is focused. */
  allowSystemKeyboard?: boolean;
  /** Offer capital letters and digits too (building names), not only katakana. */
  latin?: boolean;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const max = props.maxLength ?? 60;
  const [focusIndex, setFocusIndex] = useState(0);
  const [latinShown, setLatinShown] = useState(false);
  const clean = props.latin ? cleanKanaLatin : cleanKana;
  const grid = useRef<HTMLDivElement>(null);
  // Row-major order of the keys as drawn (10 columns × 5 rows), empty cells skipped.
  const cells: Array<{ kana: string | null; col: number; row: number }> = [];
  for (let row = 0; row < ROWS; row++)
    for (let col = 0; col < KANA_COLUMNS.length; col++)
      cells.push({ kana: KANA_COLUMNS[col]![row] ?? null, col, row });
  const keys = cells.filter((c) => c.kana !== null);

  const add = (s: string) => {
    if ([...value].length < max) onChange(value + s);
  };
  const mark = (m: KanaMark) => onChange(applyMark(value, m));

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const cur = keys[focusIndex];
    if (!cur) return;
    const move = (dc: number, dr: number) => {
      let col = cur.col;
      let row = cur.row;
      for (let i = 0; i < 12; i++) {
        col = (col + dc + KANA_COLUMNS.length) % KANA_COLUMNS.length;
        row = (row + dr + ROWS) % ROWS;
        const idx = keys.findIndex((k) => k.col === col && k.row === row);
        if (idx >= 0) return idx;
      }
      return focusIndex;
    };
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = move(1, 0);
    else if (e.key === 'ArrowLeft') next = move(-1, 0);
    else if (e.key === 'ArrowDown') next = move(0, 1);
    else if (e.key === 'ArrowUp') next = move(0, -1);
    if (next !== null) {
      e.preventDefault();
      setFocusIndex(next);
      grid.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
    }
  };

  return (
    <div>
      <input
        id={props.id}
        className="display left"
        value={value}
        aria-label={props.label}
        inputMode={props.allowSystemKeyboard ? 'text' : 'none'}
        autoComplete="off"
        lang="ja"
        onChange={(e) => onChange(clean(e.target.value).slice(0, max))}
      />
      {latinShown ? (
        <div
          className="kana"
          role="group"
          aria-label={t('kana.latinKeyboard')}
          style={{ marginTop: '0.6rem' }}
        >
          {LATIN_KEYS.map((ch) => (
            <button key={ch} type="button" className="btn" lang="en" onClick={() => add(ch)}>
              {ch}
            </button>
          ))}
        </div>
      ) : (
        <div
          ref={grid}
          className="kana"
          role="group"
          aria-label={t('kana.keyboard')}
          onKeyDown={onGridKey}
          style={{ marginTop: '0.6rem' }}
        >
          {cells.map((c, i) =>
            c.kana === null ? (
              <span key={`e${i}`} aria-hidden="true" />
            ) : (
              <button
                key={c.kana}
                type="button"
                className="btn"
                lang="ja"
                tabIndex={keys.indexOf(c) === focusIndex ? 0 : -1}
                onFocus={() => setFocusIndex(keys.indexOf(c))}
                onClick={() => add(c.kana!)}
              >
                {c.kana}
              </button>
            ),
          )}
        </div>
      )}
      <div className="kana-tools">
        {props.latin ? (
          <>
            <button
              type="button"
              className="btn"
              aria-pressed={!latinShown}
              onClick={() => setLatinShown(false)}
              data-testid="keyboard-kana"
            >
              {t('kana.toKana')}
            </button>
            <button
              type="button"
              className="btn"
              aria-pressed={latinShown}
              onClick={() => setLatinShown(true)}
              data-testid="keyboard-latin"
            >
              {t('kana.toLatin')}
            </button>
          </>
        ) : null}
        {latinShown ? null : (
          <>
            <button
              type="button"
              className="btn mark"
              onClick={() => mark('dakuten')}
              aria-label={t('kana.dakuten')}
            >
              <span lang="ja">゛</span>
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => mark('handakuten')}
              aria-label={t('kana.handakuten')}
            >
              <span lang="ja">゜</span>
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => mark('small')}
              aria-label={t('kana.small')}
              data-testid="kana-small"
            >
              {t('kana.smallShort')}
            </button>
          </>
        )}
        <button type="button" className="btn" onClick={() => add('\u3000')} data-testid="kana-space">
          {t('kana.space')}
        </button>
        <button type="button" className="btn" onClick={() => onChange([...value].slice(0, -1).join(''))}>
          ⌫ <span className="visually-hidden">{t('pad.back')}</span>
        </button>
        <button type="button" className="btn" onClick={() => onChange('')}>
          {t('pad.clearShort')}
        </button>
      </div>
    </div>
  );
}
