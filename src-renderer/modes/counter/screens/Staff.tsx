/**
 * Behind the operator PIN: staff assist (聞き取り), terminal settings, and anonymous statistics by
 * weekday and hour.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useKiosk } from '../context.ts';
import { ScreenFrame } from '../../../components/ScreenFrame.tsx';
import { LANGUAGE_INFO } from '../../../i18n/languages.ts';
import type { Counter, Language, TerminalSettings } from '../../../api/types.ts';
import { OperatorPinPad } from '../../../components/CardEntry.tsx';

export function StaffLoginScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const busy = useKiosk((s) => s.busy);
  return (
    <ScreenFrame
      name="staffLogin"
      title={t('staff.login.title')}
      voice={t('staff.login.title')}
      lead={t('staff.login.lead')}
    >
      <OperatorPinPad
        label={t('staff.login.pin')}
        submitLabel={t('staff.login.submit')}
        submitTestId="staff-login"
        busy={!!busy}
        onSubmit={(pin) => void a.staffLogin(pin)}
        back={
          <button type="button" className="btn" onClick={a.closeStaff}>
            {t('common.back')}
          </button>
        }
      />
    </ScreenFrame>
  );
}

export function StaffMenuScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const assist = useKiosk((s) => s.assist);
  return (
    <ScreenFrame name="staffMenu" title={t('staff.menu.title')} voice={t('staff.menu.title')}>
      <div className="grid two">
        <button
          type="button"
          className="btn choice"
          aria-pressed={assist}
          onClick={() => void a.setAssist(!assist)}
          data-testid="assist-toggle"
        >
          {assist ? t('staff.menu.assistOff') : t('staff.menu.assistOn')}
          <span className="sub">{t('staff.menu.assistHint')}</span>
        </button>
        <button
          type="button"
          className="btn choice"
          onClick={() => void a.openSettings()}
          data-testid="open-settings"
        >
          {t('staff.menu.settings')}
        </button>
        <button
          type="button"
          className="btn choice"
          onClick={() => void a.openStats()}
          data-testid="open-stats"
        >
          {t('staff.menu.stats')}
        </button>
        <button
          type="button"
          className="btn choice"
          onClick={() => void a.openInbox()}
          data-testid="open-inbox"
        >
          {t('staff.menu.inbox')}
          <span className="sub">{t('staff.menu.inboxHint')}</span>
        </button>
        <button
          type="button"
          className="btn choice"
          onClick={() => {
            void a.staffLogout();
            a.closeStaff();
          }}
          data-testid="staff-logout"
        >
          {t('staff.menu.logout')}
        </button>
      </div>
      <div className="actions">
        <button type="button" className="btn primary" onClick={a.closeStaff} data-testid="staff-back">
          {t('staff.menu.back')}
        </button>
      </div>
    </ScreenFrame>
  );
}

function Text(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  inputMode?: 'numeric' | 'text';
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={props.value}
        inputMode={props.inputMode}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
      />
    </div>
  );
}

function Check(props: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="form-row">
      <label htmlFor={props.id}>
        <input
          id={props.id}
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        {props.label}
      </label>
    </div>
  );
}

export function StaffSettingsScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const settings = useKiosk((s) => s.settings);
  const [draft, setDraft] = useState<TerminalSettings | null>(settings);
  const [pins, setPins] = useState({ current: '', next: '' });
  if (!draft) return null;
  const set = (patch: Partial<TerminalSettings>) => setDraft({ ...draft, ...patch });
  const setCounter = (i: number, patch: Partial<Counter>) =>
    set({ counters: draft.counters.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const toggleLang = (l: Language, on: boolean) => {
    const available = on
      ? [...draft.languages.available, l]
      : draft.languages.available.filter((x) => x !== l);
    set({ languages: { ...draft.languages, available } });
  };
  const save = () =>
    void a.saveSettings({
      mode: draft.mode,
      municipality: draft.municipality,
      counters: draft.counters.map((c) => ({
        id: c.id,
        name: c.name,
        ...(c.nameEn ? { nameEn: c.nameEn } : {}),
        // Names in the other languages are kept as configured (the screen edits ja and en).
        ...(c.names ? { names: c.names } : {}),
        ...(c.location ? { location: c.location } : {}),
      })),
      printer: { media: draft.printer.media, ...(draft.printer.name ? { name: draft.printer.name } : {}) },
      reader: draft.reader.filter ? { filter: draft.reader.filter } : {},
      languages: draft.languages,
      idle: draft.idle,
      privacy: draft.privacy,
      demo: draft.demo,
      statistics: { enabled: draft.statistics.enabled },
    });

  return (
    <ScreenFrame name="staffSettings" title={t('staff.settings.title')} voice={t('staff.settings.title')}>
      <p className="hint">
        {t('staff.settings.file')}: <code>{draft.configPath}</code> ・ {t('staff.settings.terminal')}:{' '}
        {draft.terminalId}
      </p>
      <section className="card">
        <h2>{t('staff.settings.municipality')}</h2>
        <div className="two-col">
          <Text
            id="set-muni-name"
            label={t('staff.settings.muniName')}
            value={draft.municipality.name}
            onChange={(name) => set({ municipality: { ...draft.municipality, name } })}
          />
          <Text
            id="set-muni-code"
            label={t('staff.settings.muniCode')}
            value={draft.municipality.code}
            inputMode="numeric"
            onChange={(code) => set({ municipality: { ...draft.municipality, code } })}
          />
        </div>
        <div className="field">
          <label htmlFor="set-mode">{t('staff.settings.mode')}</label>
          <select
            id="set-mode"
            value={draft.mode}
            onChange={(e) => set({ mode: e.target.value as TerminalSettings['mode'] })}
          >
            <option value="counter">{t('staff.settings.modes.counter')}</option>
            <option value="election">{t('staff.settings.modes.election')}</option>
            <option value="shelter">{t('staff.settings.modes.shelter')}</option>
            <option value="fare">{t('staff.settings.modes.fare')}</option>
          </select>
        </div>
      </section>

      <section className="card">
        <h2>{t('staff.settings.counters')}</h2>
        {draft.counters.map((c, i) => (
          <div
            key={i}
            className="two-col"
            style={{ borderBottom: '0.05rem solid var(--border)', paddingBottom: '0.6rem' }}
          >
            <Text
              id={`c-id-${i}`}
              label={t('staff.settings.counterId')}
              value={c.id}
              onChange={(id) => setCounter(i, { id })}
            />
            <Text
              id={`c-name-${i}`}
              label={t('staff.settings.counterName')}
              value={c.name}
              onChange={(name) => setCounter(i, { name })}
            />
            <Text
              id={`c-en-${i}`}
              label={t('staff.settings.counterNameEn')}
              value={c.nameEn ?? ''}
              onChange={(nameEn) => setCounter(i, { nameEn })}
            />
            <Text
              id={`c-loc-${i}`}
              label={t('staff.settings.counterLocation')}
              value={c.location ?? ''}
              onChange={(location) => setCounter(i, { location })}
            />
            <button
              type="button"
              className="btn small danger"
              onClick={() => set({ counters: draft.counters.filter((_, j) => j !== i) })}
            >
              {t('staff.settings.removeCounter')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn small"
          onClick={() =>
            set({ counters: [...draft.counters, { id: `counter-${draft.counters.length + 1}`, name: '' }] })
          }
        >
          {t('staff.settings.addCounter')}
        </button>
      </section>

      <section className="card">
        <h2>{t('staff.settings.devices')}</h2>
        <div className="two-col">
          <Text
            id="set-printer"
            label={t('staff.settings.printer')}
            value={draft.printer.name ?? ''}
            onChange={(name) => set({ printer: { ...draft.printer, name } })}
          />
          <div className="field">
            <label htmlFor="set-media">{t('staff.settings.media')}</label>
            <select
              id="set-media"
              value={draft.printer.media}
              onChange={(e) =>
                set({ printer: { ...draft.printer, media: e.target.value as 'A4' | 'A3' | 'B5' } })
              }
            >
              <option>A4</option>
              <option>A3</option>
              <option>B5</option>
            </select>
          </div>
          <Text
            id="set-reader"
            label={t('staff.settings.reader')}
            value={draft.reader.filter ?? ''}
            onChange={(filter) => set({ reader: { ...draft.reader, filter } })}
          />
        </div>
      </section>

      <section className="card">
        <h2>{t('staff.settings.languages')}</h2>
        {LANGUAGE_INFO.map((l) => (
          <Check
            key={l.id}
            id={`lang-${l.id}`}
            label={l.native}
            checked={draft.languages.available.includes(l.id)}
            onChange={(on) => toggleLang(l.id, on)}
          />
        ))}
        <div className="field">
          <label htmlFor="set-default-lang">{t('staff.settings.defaultLanguage')}</label>
          <select
            id="set-default-lang"
            value={draft.languages.default}
            onChange={(e) => set({ languages: { ...draft.languages, default: e.target.value as Language } })}
          >
            {LANGUAGE_INFO.map((l) => (
              <option key={l.id} value={l.id}>
                {l.native}
              </option>
            ))}
          </select>
        </div>
      </section>

      <section className="card">
        <h2>{t('staff.settings.privacy')}</h2>
        <div className="two-col">
          <Text
            id="set-idle"
            label={t('staff.settings.idleTimeout')}
            value={String(draft.idle.timeoutSec)}
            inputMode="numeric"
            onChange={(v) => set({ idle: { ...draft.idle, timeoutSec: Number(v.replace(/\D/g, '')) || 0 } })}
          />
          <Text
            id="set-warning"
            label={t('staff.settings.idleWarning')}
            value={String(draft.idle.warningSec)}
            inputMode="numeric"
            onChange={(v) => set({ idle: { ...draft.idle, warningSec: Number(v.replace(/\D/g, '')) || 0 } })}
          />
        </div>
        <Check
          id="set-wipe-removal"
          label={t('staff.settings.wipeOnCardRemoval')}
          checked={draft.privacy.wipeOnCardRemoval}
          onChange={(wipeOnCardRemoval) => set({ privacy: { wipeOnCardRemoval } })}
        />
        <Check
          id="set-demo"
          label={t('staff.settings.demoEnabled')}
          checked={draft.demo.enabled}
          onChange={(enabled) => set({ demo: { ...draft.demo, enabled } })}
        />
        <Check
          id="set-demo-offer"
          label={t('staff.settings.demoOffer')}
          checked={draft.demo.offerWhenNoReader}
          onChange={(offerWhenNoReader) => set({ demo: { ...draft.demo, offerWhenNoReader } })}
        />
        <Check
          id="set-stats"
          label={t('staff.settings.statistics')}
          checked={draft.statistics.enabled}
          onChange={(enabled) => set({ statistics: { ...draft.statistics, enabled } })}
        />
      </section>

      <section className="card">
        <h2>{t('staff.settings.changePin')}</h2>
        <div className="two-col">
          <div className="field">
            <label htmlFor="pin-current">{t('staff.settings.currentPin')}</label>
            <input
              id="pin-current"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pins.current}
              onChange={(e) => setPins({ ...pins, current: e.target.value.replace(/\D/g, '') })}
            />
          </div>
          <div className="field">
            <label htmlFor="pin-new">{t('staff.settings.newPin')}</label>
            <input
              id="pin-new"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pins.next}
              onChange={(e) => setPins({ ...pins, next: e.target.value.replace(/\D/g, '') })}
            />
          </div>
        </div>
        <button
          type="button"
          className="btn small"
          disabled={pins.current.length < 4 || pins.next.length < 4}
          onClick={() => {
            void a
              .changeOperatorPin(pins.current, pins.next)
              .then((ok) => ok && setPins({ current: '', next: '' }));
          }}
        >
          {t('staff.settings.changePinButton')}
        </button>
      </section>

      <div className="actions">
        <button type="button" className="btn" onClick={() => a.openStaff()} data-testid="staff-settings-back">
          {t('common.back')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={save} data-testid="save-settings">
          {t('staff.settings.save')}
        </button>
      </div>
    </ScreenFrame>
  );
}

export function StaffStatsScreen() {
  const { t } = useTranslation();
  const a = useActions();
  const stats = useKiosk((s) => s.stats);
  if (!stats) return null;
  const days = t('staff.stats.weekdays').split(',');
  const max = Math.max(1, ...stats.byWeekdayHour.flat());
  return (
    <ScreenFrame name="staffStats" title={t('staff.stats.title')} voice={t('staff.stats.title')}>
      <p className="hint">{t('staff.stats.anonymous')}</p>
      <dl className="facts">
        <dt>{t('staff.stats.since')}</dt>
        <dd>{stats.since.slice(0, 10)}</dd>
        <dt>{t('staff.stats.sessions')}</dt>
        <dd data-testid="stats-sessions">{stats.sessions}</dd>
        <dt>{t('staff.stats.printedSessions')}</dt>
        <dd>{stats.printedSessions}</dd>
        <dt>{t('staff.stats.formsPrinted')}</dt>
        <dd>{stats.formsPrinted}</dd>
        <dt>{t('staff.stats.duration')}</dt>
        <dd>
          {stats.durationSec.median === null
            ? '—'
            : t('staff.stats.durationValue', {
                median: Math.round(stats.durationSec.median),
                p90: Math.round(stats.durationSec.p90 ?? 0),
              })}
        </dd>
      </dl>
      <section className="card" style={{ overflowX: 'auto' }}>
        <h2 id="heat-title">{t('staff.stats.byWeekdayHour')}</h2>
        <table className="stats" aria-labelledby="heat-title">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('staff.stats.weekday')}</span>
              </th>
              {Array.from({ length: 24 }, (_, h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stats.byWeekdayHour.map((row, d) => (
              <tr key={d}>
                <th scope="row">{days[d] ?? d}</th>
                {row.map((n, h) => (
                  <td
                    key={h}
                    style={{
                      background: n ? `rgba(10, 74, 143, ${0.15 + (0.75 * n) / max})` : undefined,
                      color: n / max > 0.5 ? '#fff' : undefined,
                    }}
                  >
                    {n || ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="two-col">
        <section className="card">
          <h2>{t('staff.stats.byLifeEvent')}</h2>
          <dl className="facts">
            {Object.entries(stats.byLifeEvent).map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="card">
          <h2>{t('staff.stats.byLanguage')}</h2>
          <dl className="facts">
            {Object.entries(stats.byLanguage).map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{LANGUAGE_INFO.find((l) => l.id === k)?.native ?? k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn primary"
          onClick={() => a.openStaff()}
          data-testid="staff-stats-back"
        >
          {t('common.back')}
        </button>
      </div>
    </ScreenFrame>
  );
}
