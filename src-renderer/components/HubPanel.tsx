/**
 * The PostgreSQL hub as a staffed terminal sees it (election desk, shelter laptop at the HQ):
 * reached or not, rows refused, and for every terminal of the group how long ago its newest record
 * was made — "desk-12: 40 s ago".
 */
import { useTranslation } from 'react-i18next';
import type { TerminalSync } from '../../src-main/contract/index.ts';
import { tk } from '../i18n/keys.ts';

type HubView = NonNullable<TerminalSync['hub']>;

const HUB_STATE: Record<HubView['state'], string> = {
  connecting: tk('hub.state.connecting'),
  connected: tk('hub.state.connected'),
  unreachable: tk('hub.state.unreachable'),
  refused: tk('hub.state.refused'),
  stopped: tk('hub.state.stopped'),
};

/** "40 s ago", "12 min ago", "3 h ago" in the screen's language. */
function ago(t: (k: string, o?: Record<string, unknown>) => string, seconds: number): string {
  if (seconds < 90) return t('hub.agoSeconds', { count: Math.max(0, Math.round(seconds)) });
  if (seconds < 5400) return t('hub.agoMinutes', { count: Math.round(seconds / 60) });
  return t('hub.agoHours', { count: Math.round(seconds / 3600) });
}

export function HubPanel(props: { hub: HubView }) {
  const { t } = useTranslation();
  const { hub } = props;
  const up = hub.state === 'connected';
  return (
    <section aria-labelledby="hub-title" className="card" data-testid="hub" data-state={hub.state}>
      <h2 id="hub-title">{t('hub.title')}</h2>
      <p className="status">
        <span className={`dot dot-${up ? 'up' : 'down'}`} aria-hidden="true" /> {t(HUB_STATE[hub.state])}
      </p>
      {hub.rejected > 0 ? (
        <p className="card danger" role="alert">
          {t('hub.rejected', { count: hub.rejected })}
        </p>
      ) : null}
      <table className="table" data-testid="hub-lag">
        <thead>
          <tr>
            <th scope="col">{t('hub.terminal')}</th>
            <th scope="col">{t('hub.lastEvent')}</th>
          </tr>
        </thead>
        <tbody>
          {hub.lag.map((l) => (
            <tr key={l.terminalId} data-terminal={l.terminalId}>
              <th scope="row">{l.terminalId}</th>
              <td>{ago(t, l.agoSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
