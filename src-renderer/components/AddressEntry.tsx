/**
 * An address entered without writing. First the place: by postal code on the number pad (a code
 * may stand for several towns: the resident picks one), from the town list of this municipality
 * (moving within it needs no code), or — without a code — prefecture → city → town from lists.
 * Then 丁目・番地・号 on the number pad and the building and room on the kana keyboard (with
 * letters and digits). The line as it will print is shown at the top all along.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../kit/client-context.ts';
import { useShell } from '../kit/shell-context.ts';
import { errorNotice, noticeText, type Notice } from '../kit/notice.ts';
import type { CallInput, CallOutput, PostalPlace } from '../api/types.ts';
import { KanaKeyboard } from './KanaKeyboard.tsx';
import { Mixed } from './Mixed.tsx';
import { NumPad } from './NumPad.tsx';
import { composeAddress, formatPostalCode } from './address-compose.ts';

type Finder = 'postal' | 'own' | 'lists';
type Part = 'chome' | 'ban' | 'go';
type Named = { code: string; name: string };

/** Buttons for a list of places; town names are the resident's address data, in Japanese. */
function PlaceButtons(props: {
  places: PostalPlace[];
  onPick: (p: PostalPlace) => void;
  label: string;
  whole: string;
}) {
  return (
    <div className="grid address-list" role="group" aria-label={props.label}>
      {props.places.map((p) => (
        <button
          key={`${p.postalCode}-${p.cityCode}-${p.town}`}
          type="button"
          className="btn"
          onClick={() => props.onPick(p)}
          data-testid="address-place"
          data-town={p.town}
        >
          {/* The town large; where it is and its code below (a long list is read by the town). */}
          <span className="place-town" lang={p.town ? 'ja' : undefined}>
            {p.town || props.whole}
          </span>
          <span className="sub place-where">
            <span lang="ja">
              {p.prefecture}
              {p.city}
            </span>{' '}
            {formatPostalCode(p.postalCode)}
          </span>
        </button>
      ))}
    </div>
  );
}

function NamedButtons(props: { items: Named[]; onPick: (n: Named) => void; label: string; testid: string }) {
  return (
    <div className="grid address-list" role="group" aria-label={props.label}>
      {props.items.map((n) => (
        <button
          key={n.code}
          type="button"
          className="btn"
          lang="ja"
          onClick={() => props.onPick(n)}
          data-testid={props.testid}
          data-code={n.code}
        >
          {n.name}
        </button>
      ))}
    </div>
  );
}

type Ask = <K extends AddressCall>(name: K, input: CallInput<K>) => Promise<CallOutput<K> | null>;
type AddressCall = 'address.lookup' | 'address.prefectures' | 'address.cities' | 'address.towns';

/**
 * The address calls of this screen: the answer, or null with the problem said to the resident
 * (in their words, the code for staff only) — a failed list is never just an empty screen.
 */
function useAddressCalls(): { ask: Ask; problem: ReactNode } {
  const { t } = useTranslation();
  const client = useClient();
  const shell = useShell();
  const [notice, setNotice] = useState<Notice | null>(null);
  const ask: Ask = async (name, input) => {
    const r = await client.call(name, input);
    setNotice(r.ok ? null : errorNotice(r.error, {}));
    return r.ok ? r.value : null;
  };
  const problem = notice ? (
    <p className="card danger" role="alert" data-testid="address-problem">
      {noticeText(notice, t, { staff: shell.staff, japanese: shell.language.startsWith('ja') }).text}
    </p>
  ) : null;
  return { ask, problem };
}

/** Without a postal code: prefecture → city → town, each a list of buttons, with a way back. */
function ListsFinder(props: { ask: Ask; onPick: (p: PostalPlace) => void; whole: string }) {
  const { t } = useTranslation();
  const { ask, onPick, whole } = props;
  const [prefs, setPrefs] = useState<Named[]>([]);
  const [pref, setPref] = useState<Named | null>(null);
  const [cities, setCities] = useState<Named[]>([]);
  const [towns, setTowns] = useState<PostalPlace[] | null>(null);

  useEffect(() => {
    void ask('address.prefectures', {}).then((r) => r && setPrefs(r.prefectures));
    // Once, when the lists are opened.
  }, []);

  const back = (go: () => void) => (
    <button type="button" className="btn" onClick={go}>
      {t('common.back')}
    </button>
  );
  if (towns)
    return (
      <>
        <p className="hint">{t('address.chooseTown')}</p>
        <PlaceButtons places={towns} onPick={onPick} label={t('address.chooseTown')} whole={whole} />
        {back(() => setTowns(null))}
      </>
    );
  if (pref)
    return (
      <>
        <p className="hint">
          <span lang="ja">{pref.name}</span> ・ {t('address.chooseCity')}
        </p>
        <NamedButtons
          items={cities}
          onPick={(c) => void ask('address.towns', { cityCode: c.code }).then((r) => r && setTowns(r.towns))}
          label={t('address.chooseCity')}
          testid="address-city"
        />
        {back(() => setPref(null))}
      </>
    );
  return (
    <>
      <p className="hint">{t('address.choosePref')}</p>
      <NamedButtons
        items={prefs}
        onPick={(p) => {
          setPref(p);
          setCities([]);
          void ask('address.cities', { prefCode: p.code }).then((r) => r && setCities(r.cities));
        }}
        label={t('address.choosePref')}
        testid="address-pref"
      />
    </>
  );
}

/** Finding the place: postal code, this municipality's towns, or prefecture → city → town. */
function PlaceFinder(props: { onPick: (p: PostalPlace) => void }) {
  const { t } = useTranslation();
  const { ask, problem } = useAddressCalls();
  const [finder, setFinder] = useState<Finder>('postal');
  const [code, setCode] = useState('');
  const [found, setFound] = useState<PostalPlace[] | null>(null);
  const [own, setOwn] = useState<{ city: Named | null; towns: PostalPlace[] } | null>(null);

  useEffect(() => {
    let live = true;
    void ask('address.towns', {}).then((r) => live && r && setOwn(r));
    return () => {
      live = false;
    };
    // Once: the terminal's own towns.
  }, []);

  useEffect(() => {
    setFound(null);
    if (code.length !== 7) return;
    let live = true;
    void ask('address.lookup', { postalCode: code }).then((r) => {
      if (!live || !r) return;
      // One place for the code: take it; the resident sees it at the top and can change it.
      if (r.places.length === 1) props.onPick(r.places[0]!);
      else setFound(r.places);
    });
    return () => {
      live = false;
    };
    // Only a new code looks up again (onPick is a new function each render).
  }, [code]);

  const whole = t('address.restOfCity');
  const choice = (id: Finder, label: ReactNode, testid: string) => (
    <button
      type="button"
      className="btn"
      aria-pressed={finder === id}
      onClick={() => setFinder(id)}
      data-testid={testid}
    >
      {label}
    </button>
  );

  return (
    <section aria-labelledby="address-how">
      <h2 id="address-how" className="visually-hidden">
        {t('address.how')}
      </h2>
      <div className="actions" role="group" aria-label={t('address.how')}>
        {choice('postal', t('address.byPostal'), 'address-by-postal')}
        {own?.city && own.towns.length > 0
          ? choice(
              'own',
              <>
                {t('address.inOwnCity')} <span lang="ja">{own.city.name}</span>
              </>,
              'address-own-city',
            )
          : null}
        {choice('lists', t('address.noPostal'), 'address-no-postal')}
      </div>
      {problem}

      {finder === 'postal' ? (
        <>
          <output className="display" aria-label={t('address.postalLabel')} data-testid="postal-display">
            {code ? formatPostalCode(code) : '\u00a0'}
          </output>
          {found && found.length === 0 ? (
            <p className="card danger" role="alert" data-testid="postal-not-found">
              {t('address.notFound')}
            </p>
          ) : null}
          {found && found.length > 1 ? (
            <>
              <p className="hint">{t('address.severalPlaces')}</p>
              <PlaceButtons
                places={found}
                onPick={props.onPick}
                label={t('address.chooseTown')}
                whole={whole}
              />
            </>
          ) : null}
          <NumPad value={code} onChange={setCode} maxLength={7} label={t('address.postalLabel')} />
        </>
      ) : null}
      {finder === 'own' && own ? (
        <PlaceButtons
          places={own.towns}
          onPick={props.onPick}
          label={t('address.chooseTown')}
          whole={whole}
        />
      ) : null}
      {finder === 'lists' ? <ListsFinder ask={ask} onPick={props.onPick} whole={whole} /> : null}
    </section>
  );
}

export function AddressEntry(props: {
  id: string;
  label: string;
  /** The address saved before (kept until the resident chooses another place). */
  value: string;
  onChange: (address: string, postalCode: string) => void;
  allowSystemKeyboard?: boolean;
}) {
  const { t } = useTranslation();
  const { language } = useShell();
  const [place, setPlace] = useState<PostalPlace | null>(null);
  const [kept, setKept] = useState(props.value);
  const [numbers, setNumbers] = useState<Record<Part, string>>({ chome: '', ban: '', go: '' });
  const [part, setPart] = useState<Part>('chome');
  const [building, setBuilding] = useState('');

  const update = (p: PostalPlace | null, n: Record<Part, string>, b: string) => {
    if (!p) return props.onChange('', '');
    props.onChange(composeAddress({ place: p, ...n, building: b }), p.postalCode);
  };
  const composed = place ? composeAddress({ place, ...numbers, building }) : kept;
  const partLabel = { chome: t('address.chome'), ban: t('address.ban'), go: t('address.go') };

  return (
    <div className="address-entry">
      <div className="card" data-testid="address-composed-card">
        <p className="hint">{t('address.composed')}</p>
        <p className="address-line" data-testid="address-composed">
          {place ? <span data-testid="address-postal">{formatPostalCode(place.postalCode)} </span> : null}
          <span lang="ja" className="resident-data">
            {composed || '—'}
          </span>
        </p>
        {place || kept ? (
          <button
            type="button"
            className="btn small"
            onClick={() => {
              setPlace(null);
              setKept('');
              update(null, numbers, building);
            }}
            data-testid="address-change"
          >
            {t('address.change')}
          </button>
        ) : null}
      </div>

      {!place && !kept ? (
        <PlaceFinder
          onPick={(p) => {
            setPlace(p);
            setPart('chome');
            update(p, numbers, building);
          }}
        />
      ) : null}

      {place ? (
        <>
          {place.town === '' ? <p className="hint">{t('address.wholeCityHint')}</p> : null}
          <h2>{t('address.numbers')}</h2>
          <div className="actions" role="group" aria-label={t('address.numbers')}>
            {(['chome', 'ban', 'go'] as const).map((k) => (
              <button
                key={k}
                type="button"
                className="btn"
                aria-pressed={part === k}
                onClick={() => setPart(k)}
                data-address-part={k}
              >
                <Mixed text={partLabel[k]} lang={language} />: {numbers[k] || '—'}
              </button>
            ))}
          </div>
          <NumPad
            value={numbers[part]}
            onChange={(v) => {
              const n = { ...numbers, [part]: v };
              setNumbers(n);
              update(place, n, building);
            }}
            maxLength={5}
            label={partLabel[part]}
          />
          <h2>{t('address.building')}</h2>
          <KanaKeyboard
            id={`${props.id}-building`}
            value={building}
            onChange={(b) => {
              setBuilding(b);
              update(place, numbers, b);
            }}
            label={t('address.building')}
            maxLength={60}
            latin
            {...(props.allowSystemKeyboard ? { allowSystemKeyboard: true } : {})}
          />
        </>
      ) : null}
    </div>
  );
}
