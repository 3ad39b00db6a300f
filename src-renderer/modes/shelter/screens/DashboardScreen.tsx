/**
 * The dashboard: here / out / left, households, capacity used, by age band and by need — this
 * shelter, or every shelter whose files this laptop holds (the HQ's picture; with a hub, how long
 * ago each laptop last recorded). The roster of names
 * (personal data) is saved only after the operator PIN.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../../api/client.ts';
import { useClient } from '../../../kit/client-context.ts';
import { DeskFrame } from '../../../kit/desk-frame.tsx';
import { HubPanel } from '../../../components/HubPanel.tsx';
import { download } from '../../../kit/download.ts';
import { useShelter, useShelterActions } from '../context.ts';
import { AGE_BAND_LABEL, NEED_LABEL } from '../labels.ts';
import { errorNotice } from '../shelter-store.ts';

function Roster(props: { all: boolean }) {
  const { t } = useTranslation();
  const client: KioskClient = useClient();
  const [pin, setPin] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (format: 'csv' | 'pdf') => {
    if (!token) return;
    const r = await client.call('shelter.roster', { token, format, all: props.all });
    if (r.ok) download(r.value);
    else setProblem(errorNotice(r.error).key);
  };
  return (
    <section className="card" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('shelter.dashboard.roster')}</h2>
      <p className="hint">{t('shelter.dashboard.rosterHint')}</p>
      {problem ? (
        <p className="card danger" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {token ? (
        <div className="actions">
          <button type="button" className="btn" onClick={() => void save('pdf')} data-testid="roster-pdf">
            {t('shelter.dashboard.rosterPdf')}
          </button>
          <button type="button" className="btn" onClick={() => void save('csv')} data-testid="roster-csv">
            {t('shelter.dashboard.rosterCsv')}
          </button>
        </div>
      ) : (
        <form
          className="desk-form"
          onSubmit={(e) => {
            e.preventDefault();
            const p = pin;
            setPin('');
            void client.call('operator.login', { pin: p }).then((r) => {
              if (r.ok) {
                setToken(r.value.token);
                setProblem(null);
              } else setProblem(errorNotice(r.error).key);
            });
          }}
        >
          <label className="field" htmlFor="operator-pin">
            {t('shelter.dashboard.operatorPin')}
          </label>
          <input
            id="operator-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            className="text-input digits"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            data-testid="operator-pin"
          />
          <div className="actions">
            <span className="spacer" />
            <button type="submit" className="btn" disabled={pin.length < 4} data-testid="operator-login">
              {t('shelter.dashboard.login')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function DashboardScreen() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const stats = useShelter((s) => s.stats);
  const all = useShelter((s) => s.statsAll);
  // At the HQ the dashboard is the group's picture: how current each laptop's records are here.
  const hub = useShelter((s) => s.status?.sync?.hub);
  if (!stats) return null;
  const tot = stats.totals;
  return (
    <DeskFrame
      name="dashboard"
      title={t(all ? 'shelter.dashboard.titleAll' : 'shelter.dashboard.title')}
      lead={t('shelter.dashboard.lead', { at: stats.generatedAt.slice(11, 16) })}
    >
      <div className="totals" data-testid="dashboard-totals">
        <p className="card total">
          <span>{t('shelter.state.here')}</span>
          <strong data-testid="total-here">{tot.here}</strong>
        </p>
        <p className="card total">
          <span>{t('shelter.state.out')}</span>
          <strong data-testid="total-out">{tot.out}</strong>
        </p>
        <p className="card total">
          <span>{t('shelter.state.left')}</span>
          <strong data-testid="total-left">{tot.left}</strong>
        </p>
        <p className="card total">
          <span>{t('shelter.dashboard.households')}</span>
          <strong data-testid="total-households">{tot.households}</strong>
        </p>
      </div>
      {tot.capacityUsedPct !== null ? (
        <p className="card info" data-testid="capacity">
          {t('shelter.dashboard.capacity', {
            used: tot.here + tot.out,
            capacity: tot.capacity,
            pct: tot.capacityUsedPct,
          })}
        </p>
      ) : null}
      <div className="two-col">
        <section aria-labelledby="by-age">
          <h2 id="by-age">{t('shelter.dashboard.byAge')}</h2>
          <table className="table" data-testid="by-age">
            <thead>
              <tr>
                <th scope="col">{t('shelter.dashboard.band')}</th>
                <th scope="col">{t('shelter.state.here')}</th>
                <th scope="col">{t('shelter.state.out')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.byAgeBand.map((b) => (
                <tr key={b.band}>
                  <th scope="row">{t(AGE_BAND_LABEL[b.band] ?? b.band)}</th>
                  <td>{b.here}</td>
                  <td>{b.out}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="by-need">
          <h2 id="by-need">{t('shelter.dashboard.byNeed')}</h2>
          <table className="table" data-testid="by-need">
            <tbody>
              {stats.byNeed.map((n) => (
                <tr key={n.need}>
                  <th scope="row">{t(NEED_LABEL[n.need])}</th>
                  <td>{n.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      {all ? (
        <section aria-labelledby="by-shelter">
          <h2 id="by-shelter">{t('shelter.dashboard.byShelter')}</h2>
          <table className="table" data-testid="by-shelter">
            <thead>
              <tr>
                <th scope="col">{t('shelter.dashboard.shelter')}</th>
                <th scope="col">{t('shelter.state.here')}</th>
                <th scope="col">{t('shelter.state.out')}</th>
                <th scope="col">{t('shelter.state.left')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.byShelter.map((s) => (
                <tr key={s.shelterId}>
                  <th scope="row" lang="ja">
                    {s.name}
                  </th>
                  <td>{s.here}</td>
                  <td>{s.out}</td>
                  <td>{s.left}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {hub ? <HubPanel hub={hub} /> : null}
      <Roster all={all} />
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => void a.openDashboard(!all)}
          data-testid="toggle-all"
        >
          {t(all ? 'shelter.dashboard.showThis' : 'shelter.dashboard.showAll')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => a.next()} data-testid="next">
          {t('shelter.common.back')}
        </button>
      </div>
    </DeskFrame>
  );
}
