/**
 * What the card does not say, one question per screen: フリガナ on the kana keyboard, numbers on the
 * number pad, dates by era, choices as buttons, household members as a list. Each value is asked
 * once and fills every form that uses it (the main process merges them by key).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../context.ts';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { NumPad } from '../../../components/NumPad.tsx';
import { KanaKeyboard } from '../../../components/KanaKeyboard.tsx';
import { AddressEntry } from '../../../components/AddressEntry.tsx';
import { Mixed } from '../../../components/Mixed.tsx';
import { formTitle, inputHelp, inputLabel, listText } from '../../../i18n/text.ts';
import { tk } from '../../../i18n/keys.ts';
import type { FormInputView, InputValue, Language, Translations } from '../../../api/types.ts';
import {
  ERAS,
  cellText,
  dateStanding,
  formatDateJa,
  fromIso,
  isoFrom,
  localDate,
  type EraId,
} from './input-text.ts';
import { languageInfo } from '../../../i18n/languages.ts';

type Scalar = Extract<FormInputView, { formIds: string[] }> & {
  type: Exclude<FormInputView['type'], 'list'>;
};
type Column = Omit<Scalar, 'formIds'>;
type Row = Record<string, string | boolean>;

function isEmpty(v: InputValue | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function Label(props: {
  input: { label: string; labelEn?: string | undefined; labelI18n?: Translations | undefined };
  lang: Language;
}) {
  const shown = inputLabel(props.input, props.lang);
  return (
    <>
      {shown}
      {shown !== props.input.label ? (
        <span className="sub" lang="ja">
          {' '}
          （{props.input.label}）
        </span>
      ) : null}
    </>
  );
}

const ERA_KEYS: Record<EraId, string> = {
  showa: tk('bno.era.showa'),
  heisei: tk('bno.era.heisei'),
  reiwa: tk('bno.era.reiwa'),
  taisho: tk('bno.era.taisho'),
  gregorian: tk('bno.era.gregorian'),
};

/**
 * The dates an input accepts, said in words (「令和7年12月6日から令和9年1月6日まで」) when the
 * resident's date is outside them, and a note when it is accepted but late (a move notified after
 * the 14 days the law gives).
 */
function DateRangeNote(props: { iso: string; input: Column }) {
  const { t } = useTranslation();
  const lang = useKiosk((s) => s.prefs.language);
  const standing = dateStanding(props.iso, props.input);
  if (standing === 'ok') return null;
  if (standing === 'late')
    return (
      <p className="card" role="status" data-testid="date-late">
        {t('inputs.dateLate')}
      </p>
    );
  const { min, max } = props.input;
  // 和暦 as the form prints it; beside it the date as the resident's language writes it.
  const shown = (iso: string) => {
    const local = lang.startsWith('ja') ? null : localDate(iso, languageInfo(lang).htmlLang);
    return local ? `${local} (${formatDateJa(iso)})` : formatDateJa(iso);
  };
  const text =
    min && max
      ? t('inputs.dateBetween', { min: shown(min), max: shown(max) })
      : min
        ? t('inputs.dateFrom', { min: shown(min) })
        : t('inputs.dateUntil', { max: shown(max ?? '') });
  return (
    <p className="card danger" role="alert" data-testid="date-out-of-range">
      <Mixed text={text} lang={lang} />
    </p>
  );
}

/** A date by era (as residents know their dates) with a number pad. Emits ISO or '' when incomplete. */
function DateField(props: {
  id: string;
  value: string;
  onChange: (iso: string) => void;
  label: string;
  input: Column;
}) {
  const { t } = useTranslation();
  const lang = useKiosk((s) => s.prefs.language);
  const init = fromIso(props.value) ?? { era: 'reiwa' as EraId, y: '', m: '', d: '' };
  const [parts, setParts] = useState(init);
  const [active, setActive] = useState<'y' | 'm' | 'd'>('y');
  const update = (p: typeof parts) => {
    setParts(p);
    props.onChange(isoFrom(p.era, p.y, p.m, p.d));
  };
  const label = { y: t('date.year'), m: t('date.month'), d: t('date.day') };
  return (
    <div>
      <div className="grid" role="group" aria-label={t('date.era')}>
        {ERAS.map((e) => (
          <button
            key={e.id}
            type="button"
            className="btn small"
            aria-pressed={parts.era === e.id}
            onClick={() => update({ ...parts, era: e.id, y: '' })}
          >
            <Mixed text={t(ERA_KEYS[e.id])} lang={lang} />
          </button>
        ))}
      </div>
      <div className="actions" role="group" aria-label={props.label}>
        {(['y', 'm', 'd'] as const).map((k) => (
          <button
            key={k}
            type="button"
            className="btn"
            aria-pressed={active === k}
            onClick={() => setActive(k)}
            data-date-part={k}
          >
            {label[k]}: {parts[k] || '—'}
          </button>
        ))}
      </div>
      {/* Above the pad, where the eye is: below it the note would be off a tablet's screen. */}
      <DateRangeNote iso={isoFrom(parts.era, parts.y, parts.m, parts.d)} input={props.input} />
      <NumPad
        value={parts[active]}
        onChange={(v) => {
          update({ ...parts, [active]: v });
          const max = active === 'y' ? (parts.era === 'gregorian' ? 4 : 2) : 2;
          if (v.length >= max && active !== 'd') setActive(active === 'y' ? 'm' : 'd');
        }}
        maxLength={active === 'y' && parts.era === 'gregorian' ? 4 : 2}
        label={label[active]}
      />
    </div>
  );
}

/** One scalar value with the control that suits its type. */
function ScalarField(props: {
  input: Column;
  value: string | boolean | undefined;
  onChange: (v: string | boolean) => void;
  onEnter: () => void;
  lang: Language;
  assist: boolean;
  residentName?: string | undefined;
  /** An address's postal code, for the input named by its postalCodeKey. */
  onPostalCode?: (code: string) => void;
}) {
  const { t } = useTranslation();
  const { input, value, onChange, lang } = props;
  const label = inputLabel(input, lang);
  const id = `input-${input.key}`;
  switch (input.type) {
    case 'kana':
      return (
        <>
          {props.residentName ? (
            <p className="status">
              {t('inputs.kanaFor')}{' '}
              <span lang="ja" className="resident-data">
                {props.residentName}
              </span>
            </p>
          ) : null}
          <p className="hint">{t('inputs.kanaHint')}</p>
          <KanaKeyboard
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={onChange}
            label={label}
            maxLength={input.maxLength}
            allowSystemKeyboard={props.assist}
          />
        </>
      );
    case 'phone':
    case 'digits': {
      const v = typeof value === 'string' ? value : '';
      return (
        <>
          <output
            id={id}
            className="display"
            aria-label={label}
            data-testid="number-display"
            data-length={input.type === 'digits' ? (input.length ?? '') : ''}
          >
            {v || '\u00a0'}
          </output>
          <NumPad
            value={v}
            onChange={onChange}
            maxLength={input.type === 'phone' ? 15 : (input.length ?? input.maxLength ?? 20)}
            hyphen={input.type === 'phone'}
            onEnter={props.onEnter}
            label={label}
          />
        </>
      );
    }
    case 'date':
      return (
        <DateField
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          label={label}
          input={input}
        />
      );
    case 'choice':
      return (
        <div className="grid two" role="group" aria-label={label}>
          {(input.options ?? []).map((o) => (
            <button
              key={o.value}
              type="button"
              className={`btn choice${value === o.value ? ' primary' : ''}`}
              aria-pressed={value === o.value}
              onClick={() => onChange(o.value)}
              data-option={o.value}
            >
              <Label input={o} lang={lang} />
            </button>
          ))}
        </div>
      );
    case 'boolean':
      return (
        <div className="grid two" role="group" aria-label={label}>
          {[true, false].map((b) => (
            <button
              key={String(b)}
              type="button"
              className={`btn choice${value === b ? ' primary' : ''}`}
              aria-pressed={value === b}
              onClick={() => onChange(b)}
              data-option={String(b)}
            >
              {b ? t('common.yes') : t('common.no')}
            </button>
          ))}
        </div>
      );
    case 'address':
      return (
        <AddressEntry
          id={id}
          label={label}
          value={typeof value === 'string' ? value : ''}
          onChange={(address, postalCode) => {
            onChange(address);
            props.onPostalCode?.(postalCode);
          }}
          allowSystemKeyboard={props.assist}
        />
      );
    case 'text':
    default:
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          {(input.maxLength ?? 0) > 80 ? (
            <textarea
              id={id}
              rows={3}
              value={typeof value === 'string' ? value : ''}
              maxLength={input.maxLength}
              onChange={(e) => onChange(e.target.value)}
              lang="ja"
            />
          ) : (
            <input
              id={id}
              value={typeof value === 'string' ? value : ''}
              maxLength={input.maxLength}
              onChange={(e) => onChange(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') props.onEnter();
              }}
              lang="ja"
              autoComplete="off"
            />
          )}
          {!props.assist ? <p className="hint">{t('inputs.textHint')}</p> : null}
        </div>
      );
  }
}

/** Household members: a table of rows; adding or fixing a row walks through its columns one by one. */
function ListField(props: {
  input: Extract<FormInputView, { type: 'list' }>;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  lang: Language;
  assist: boolean;
}) {
  const { t } = useTranslation();
  const { input, rows, lang } = props;
  const [editing, setEditing] = useState<{ index: number; col: number; row: Row } | null>(null);
  const [problem, setProblem] = useState(false);

  if (editing) {
    const col = input.columns[editing.col]!;
    const v = editing.row[col.key];
    const nextCol = () => {
      if (col.required && (v === undefined || v === '')) {
        setProblem(true);
        return;
      }
      setProblem(false);
      if (editing.col + 1 < input.columns.length) setEditing({ ...editing, col: editing.col + 1 });
      else {
        const next = [...rows];
        next[editing.index] = editing.row;
        props.onChange(next);
        setEditing(null);
      }
    };
    return (
      <section className="card" aria-labelledby="row-title" data-column={col.key}>
        <h2 id="row-title">
          {t('inputs.member', { n: editing.index + 1 })}: <Label input={col} lang={lang} />
        </h2>
        <p className="hint">
          {t('inputs.columnProgress', { n: editing.col + 1, total: input.columns.length })}
        </p>
        {problem ? (
          <p className="card danger" role="alert">
            {t('inputs.required')}
          </p>
        ) : null}
        <ScalarField
          key={`${editing.index}-${col.key}`}
          input={col}
          value={v}
          onChange={(nv) => setEditing({ ...editing, row: { ...editing.row, [col.key]: nv } })}
          onEnter={nextCol}
          lang={lang}
          assist={props.assist}
        />
        <div className="actions">
          <button
            type="button"
            className="btn"
            onClick={() =>
              editing.col === 0 ? setEditing(null) : setEditing({ ...editing, col: editing.col - 1 })
            }
          >
            {t('common.back')}
          </button>
          <span className="spacer" />
          <button type="button" className="btn primary" onClick={nextCol} data-testid="row-next">
            {editing.col + 1 < input.columns.length ? t('common.next') : t('inputs.rowDone')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section>
      {rows.length === 0 ? <p>{t('inputs.noMembers')}</p> : null}
      {rows.length > 0 ? (
        <table className="members">
          <thead>
            <tr>
              {input.columns.map((c) => (
                <th key={c.key} scope="col">
                  {inputLabel(c, lang)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('inputs.rowActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {input.columns.map((c) => (
                  <td key={c.key} lang="ja">
                    {cellText(c, r[c.key], { yes: t('common.yes'), no: t('common.no') })}
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => setEditing({ index: i, col: 0, row: r })}
                  >
                    {t('common.fix')}
                  </button>{' '}
                  <button
                    type="button"
                    className="btn small danger"
                    onClick={() => props.onChange(rows.filter((_, j) => j !== i))}
                  >
                    {t('inputs.removeRow')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows.length < input.maxRows ? (
        <button
          type="button"
          className="btn"
          onClick={() => setEditing({ index: rows.length, col: 0, row: {} })}
          data-testid="add-row"
        >
          {t('inputs.addMember')}
        </button>
      ) : null}
    </section>
  );
}

export function InputScreen(props: { index: number }) {
  const { t } = useTranslation();
  const a = useActions();
  const inputs = useKiosk((s) => s.inputs);
  const values = useKiosk((s) => s.values);
  const lang = useKiosk((s) => s.prefs.language);
  const plan = useKiosk((s) => s.plan);
  const assist = useKiosk((s) => s.assist);
  const resident = useKiosk((s) => s.resident);
  const busy = useKiosk((s) => s.busy);
  const input = inputs[props.index];
  const [value, setValue] = useState<InputValue | undefined>(input ? values[input.key] : undefined);
  const [postalCode, setPostalCode] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!input) return null;

  // The forms by their names in the resident's language (the official names are on the plan).
  const forms = (plan?.forms ?? [])
    .filter((f) => input.formIds.includes(f.id))
    .map((f) => formTitle(f, lang).sub ?? f.title);
  const label = inputLabel(input, lang);
  // 「・」 is Japanese punctuation; other languages get a middle dot.
  const sep = lang.startsWith('ja') ? ' ・ ' : ' · ';
  const save = () => {
    if (busy) return;
    if (input.required && isEmpty(value)) {
      setProblem(tk('inputs.required'));
      return;
    }
    if (
      input.type === 'digits' &&
      input.length &&
      typeof value === 'string' &&
      value &&
      value.length !== input.length
    ) {
      setProblem(tk('inputs.digitsLength'));
      return;
    }
    if (input.type === 'date' && typeof value === 'string') {
      const standing = dateStanding(value, input);
      // The note above the pad already says which dates are accepted; nothing is saved.
      if (standing === 'tooEarly' || standing === 'tooLate') return;
    }
    if (input.type === 'date' && !input.required && value === '') {
      void a.saveInput(input.key, '');
      return;
    }
    const postalKey = input.type === 'address' ? input.postalCodeKey : undefined;
    void a.saveInput(
      input.key,
      value ?? '',
      postalKey && postalCode !== null ? { [postalKey]: postalCode } : {},
    );
  };

  return (
    <ScreenFrame
      name={`input:${input.key}`}
      title={<Label input={input} lang={lang} />}
      voice={`${label} ${inputHelp(input, lang) ?? ''}`}
      lead={input.help ? <Mixed text={inputHelp(input, lang) ?? ''} lang={lang} /> : undefined}
    >
      <p className="hint">
        {t('inputs.progress', { n: props.index + 1, total: inputs.length })}
        {forms.length > 0 ? `${sep}${t('inputs.usedOn', { forms: listText(forms, lang) })}` : ''}
        {sep}
        {input.required ? t('inputs.requiredTag') : t('inputs.optionalTag')}
      </p>
      {problem ? (
        <p className="card danger" role="alert">
          {t(problem, { length: input.type === 'list' ? 0 : (input.length ?? 0) })}
        </p>
      ) : null}
      {input.type === 'list' ? (
        <ListField
          input={input}
          rows={Array.isArray(value) ? (value as Row[]) : []}
          onChange={(rows) => {
            setProblem(null);
            setValue(rows);
          }}
          lang={lang}
          assist={assist}
        />
      ) : (
        <ScalarField
          input={input as Column}
          value={typeof value === 'string' || typeof value === 'boolean' ? value : undefined}
          onChange={(v) => {
            setProblem(null);
            setValue(v);
          }}
          onEnter={save}
          lang={lang}
          assist={assist}
          residentName={input.type === 'kana' && input.key === 'nameKana' ? resident?.name : undefined}
          onPostalCode={setPostalCode}
        />
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={a.inputBack}>
          {t('common.back')}
        </button>
        <span className="spacer" />
        {!input.required ? (
          <button
            type="button"
            className="btn"
            onClick={() => void a.saveInput(input.key, input.type === 'list' ? [] : '')}
            data-testid="input-skip"
          >
            {t('inputs.skip')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn primary"
          onClick={save}
          disabled={!!busy}
          data-testid="input-next"
        >
          {t('common.next')}
        </button>
      </div>
    </ScreenFrame>
  );
}
