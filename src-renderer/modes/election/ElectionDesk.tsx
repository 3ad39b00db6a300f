/**
 * The election reception desk (mode "election"): its store, a header with the election, the
 * station, counts so far, LAN peers and open conflicts, and the current screen.
 */
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { AppInfo } from '../../api/types.ts';
import { useClient } from '../../kit/client-context.ts';
import { useModeStore } from '../../kit/store-context.ts';
import { DeskShell } from '../../kit/DeskShell.tsx';
import { DeskContext, useDesk, useDeskActions } from './context.ts';
import { createDeskStore } from './desk-store.ts';
import type { DeskScreen } from './desk-screens.ts';
import {
  CardBnoScreen,
  CardPinScreen,
  CardProblemScreen,
  CardReadingScreen,
  PlaceCardScreen,
} from './screens/CardScreens.tsx';
import { ConflictsScreen } from './screens/ConflictsScreen.tsx';
import { ReasonScreen, SenseishoScreen } from './screens/KijitsumaeScreens.tsx';
import { OpenScreen, UnavailableScreen } from './screens/OpenScreen.tsx';
import { ReadyScreen } from './screens/ReadyScreen.tsx';
import { CandidatesScreen, ResultScreen } from './screens/ResultScreen.tsx';
import { SearchScreen } from './screens/SearchScreen.tsx';
import { StatsScreen } from './screens/StatsScreen.tsx';
import { UndoScreen } from './screens/UndoScreen.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import '../../kit/desk.css';
import './desk.css';

function CurrentScreen(props: { screen: DeskScreen }) {
  const s = props.screen;
  switch (s.id) {
    case 'loading':
      return <LoadingScreen />;
    case 'unavailable':
      return <UnavailableScreen />;
    case 'open':
      return <OpenScreen />;
    case 'ready':
      return <ReadyScreen />;
    case 'placeCard':
      return <PlaceCardScreen />;
    case 'cardReading':
      return <CardReadingScreen />;
    case 'cardBno':
      return <CardBnoScreen />;
    case 'cardPin':
      return <CardPinScreen />;
    case 'cardProblem':
      return <CardProblemScreen problem={s.problem} />;
    case 'search':
      return <SearchScreen />;
    case 'candidates':
      return <CandidatesScreen />;
    case 'result':
      return <ResultScreen />;
    case 'reason':
      return <ReasonScreen />;
    case 'senseisho':
      return <SenseishoScreen />;
    case 'undo':
      return <UndoScreen />;
    case 'stats':
      return <StatsScreen />;
    case 'conflicts':
      return <ConflictsScreen />;
  }
}

function DeskBar() {
  const { t } = useTranslation();
  const a = useDeskActions();
  const status = useDesk((s) => s.status);
  const busy = useDesk((s) => s.busy);
  if (!status?.ready || !status.election) {
    return (
      <header className="desk-bar">
        <p className="brand">
          {t('election.bar.title')}
          <small>{t('election.bar.terminal', { terminal: status?.terminalId ?? '' })}</small>
        </p>
      </header>
    );
  }
  const peers = status.sync.peers;
  const up = peers.filter((p) => p.state === 'ok').length;
  const hub = status.sync.hub;
  const lanText =
    peers.length === 0 ? t('election.bar.standalone') : t('election.bar.peers', { up, total: peers.length });
  // With a hub, the bar says whether it is reached; the LAN peers follow when there are any.
  const syncText = hub
    ? `${t(hub.state === 'connected' ? 'election.bar.hubUp' : 'election.bar.hubDown')}${peers.length ? ` · ${lanText}` : ''}`
    : lanText;
  const syncTone =
    (hub && hub.state !== 'connected') || (peers.length > 0 && up < peers.length)
      ? 'down'
      : hub || peers.length > 0
        ? 'up'
        : 'unknown';
  return (
    <header className="desk-bar" data-testid="desk-bar">
      <p className="brand" lang="ja">
        {status.election.name}
        <small>
          {t(status.election.kind === 'kijitsumae' ? 'election.kind.kijitsumae' : 'election.kind.tojitsu')} ·{' '}
          {status.station?.name ?? ''} · {t('election.bar.terminal', { terminal: status.terminalId })}
        </small>
      </p>
      <p className="desk-counts" data-testid="desk-counts">
        {t('election.bar.counts', {
          today: status.counts?.today ?? 0,
          mine: status.counts?.thisTerminal ?? 0,
          roll: status.roll?.total ?? 0,
        })}
      </p>
      <button
        type="button"
        className={`btn small sync sync-${syncTone}${status.openConflicts > 0 ? ' has-conflicts' : ''}`}
        onClick={() => void a.openConflicts()}
        disabled={!!busy}
        data-testid="sync-indicator"
        data-peers-up={up}
        data-conflicts={status.openConflicts}
      >
        <span className={`dot dot-${syncTone}`} aria-hidden="true" />
        {syncText}
        {status.openConflicts > 0 ? (
          <span className="badge">{t('election.bar.conflicts', { count: status.openConflicts })}</span>
        ) : null}
      </button>
      <button
        type="button"
        className="btn small"
        onClick={() => void a.openStats()}
        disabled={!!busy}
        data-testid="open-stats"
      >
        {t('election.bar.stats')}
      </button>
      <button
        type="button"
        className="btn small"
        onClick={() => void a.lock()}
        disabled={!!busy}
        data-testid="lock"
      >
        {t('election.bar.lock')}
      </button>
    </header>
  );
}

export function ElectionDesk(props: { info: AppInfo | null }) {
  const client = useClient();
  const store = useModeStore(() => createDeskStore(client));
  const screen = useStore(store, (s) => s.screen);
  return (
    <DeskShell info={props.info} store={store} context={DeskContext} bar={<DeskBar />}>
      <CurrentScreen screen={screen} />
    </DeskShell>
  );
}
