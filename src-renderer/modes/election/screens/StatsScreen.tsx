/**
 * The figures election offices report through the day: voters per hour by sex (Japan time) with
 * the running total, per station and per terminal; saved as CSV or PDF, or printed.
 */
import { useTranslation } from 'react-i18next';
import { download } from '../../../kit/download.ts';
import { useDesk, useDeskActions } from '../context.ts';
import { DeskFrame } from '../parts.tsx';

export function StatsScreen() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const stats = useDesk((s) => s.stats);
  const busy = useDesk((s) => s.busy);
  if (!stats) return null;
  const save = async (format: 'csv' | 'pdf') => {
    const file = await a.statsFile(format);
    if (file) download(file);
  };
  return (
    <DeskFrame
      name="stats"
      title={t('election.stats.title')}
      lead={t('election.stats.lead', { election: stats.election.name, at: stats.generatedAt.slice(11, 16) })}
    >
      <div className="totals" data-testid="stats-totals">
        <p className="card total">
          <span>{t('election.stats.total')}</span>
          <strong>{stats.totals.total}</strong>
        </p>
        <p className="card total">
          <span>{t('election.voter.male')}</span>
          <strong>{stats.totals.male}</strong>
        </p>
        <p className="card total">
          <span>{t('election.voter.female')}</span>
          <strong>{stats.totals.female}</strong>
        </p>
        <p className="card total">
          <span>{t('election.stats.turnout')}</span>
          <strong>{stats.turnoutPct.toFixed(2)}%</strong>
        </p>
      </div>
      {stats.openConflicts > 0 ? (
        <p className="card danger">{t('election.stats.conflicts', { count: stats.openConflicts })}</p>
      ) : null}
      <section aria-labelledby="by-hour">
        <h2 id="by-hour">{t('election.stats.byHour')}</h2>
        {stats.byHour.length === 0 ? <p>{t('election.stats.empty')}</p> : null}
        <table className="table" data-testid="stats-hourly">
          <thead>
            <tr>
              <th scope="col">{t('election.stats.hour')}</th>
              <th scope="col">{t('election.voter.male')}</th>
              <th scope="col">{t('election.voter.female')}</th>
              <th scope="col">{t('election.stats.sum')}</th>
              <th scope="col">{t('election.stats.cumulative')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.byHour.map((h) => (
              <tr key={`${h.date}-${h.hour}`}>
                <th scope="row">
                  {t('election.stats.hourRow', { date: h.date.slice(5).replace('-', '/'), hour: h.hour })}
                </th>
                <td>{h.male}</td>
                <td>{h.female}</td>
                <td>{h.total}</td>
                <td>{h.cumulative}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="two-col">
        <CountsTable
          id="by-station"
          title={t('election.stats.byStation')}
          rowHeader={t('election.stats.station')}
          rows={stats.byStation.map((s) => ({ key: s.stationId, label: s.name, ...s }))}
        />
        <CountsTable
          id="by-terminal"
          title={t('election.stats.byTerminal')}
          rowHeader={t('election.stats.terminal')}
          rows={stats.byTerminal.map((s) => ({ key: s.terminalId, label: s.terminalId, ...s }))}
        />
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={a.next} data-testid="stats-close">
          {t('election.stats.close')}
        </button>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void save('csv')} data-testid="stats-csv">
          {t('election.stats.csv')}
        </button>
        <button type="button" className="btn" onClick={() => void save('pdf')} data-testid="stats-pdf">
          {t('election.stats.pdf')}
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={!!busy}
          onClick={() => void a.printStats()}
          data-testid="stats-print"
        >
          {t('election.stats.print')}
        </button>
      </div>
    </DeskFrame>
  );
}

/** Men, women and the sum per station or per terminal. */
function CountsTable(props: {
  id: string;
  title: string;
  rowHeader: string;
  rows: Array<{ key: string; label: string; male: number; female: number; total: number }>;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{props.rowHeader}</th>
            <th scope="col">{t('election.voter.male')}</th>
            <th scope="col">{t('election.voter.female')}</th>
            <th scope="col">{t('election.stats.sum')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" lang="ja">
                {r.label}
              </th>
              <td>{r.male}</td>
              <td>{r.female}</td>
              <td>{r.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
