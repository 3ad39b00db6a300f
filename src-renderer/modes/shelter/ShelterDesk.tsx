/**
 * The shelter entrance (mode "shelter"): its store, a header with the shelter, how many are here,
 * out and left against the capacity, and the current screen. Staffed: the laptop's language.
 */
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { AppInfo } from '../../api/types.ts';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useClient } from '../../kit/client-context.ts';
import { DeskShell } from '../../kit/DeskShell.tsx';
import { useModeStore } from '../../kit/store-context.ts';
import { ShelterContext, useShelter, useShelterActions } from './context.ts';
import { KIND_LABEL } from './labels.ts';
import type { ShelterScreen } from './screens.ts';
import {
  CardBnoScreen,
  CardPinScreen,
  CardProblemScreen,
  CardReadingScreen,
  PlaceCardScreen,
} from './screens/CardScreens.tsx';
import { DashboardScreen } from './screens/DashboardScreen.tsx';
import { HouseholdScreen } from './screens/HouseholdScreen.tsx';
import { OpenScreen, UnavailableScreen } from './screens/OpenScreen.tsx';
import { PersonScreen } from './screens/PersonScreen.tsx';
import { ReadyScreen } from './screens/ReadyScreen.tsx';
import { RegisterScreen } from './screens/RegisterScreen.tsx';
import { SafetyScreen } from './screens/SafetyScreen.tsx';
import { CandidatesScreen, NotOnListScreen, SearchScreen } from './screens/SearchScreen.tsx';
import { createShelterStore } from './shelter-store.ts';
import '../../kit/desk.css';
import './shelter.css';

function CurrentScreen(props: { screen: ShelterScreen }) {
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
    case 'candidates':
      return <CandidatesScreen />;
    case 'notOnList':
      return <NotOnListScreen />;
    case 'household':
      return <HouseholdScreen />;
    case 'person':
      return <PersonScreen />;
    case 'search':
      return <SearchScreen />;
    case 'register':
      return <RegisterScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    case 'safety':
      return <SafetyScreen />;
  }
}

function ShelterBar() {
  const { t } = useTranslation();
  const a = useShelterActions();
  const status = useShelter((s) => s.status);
  const busy = useShelter((s) => s.busy);
  if (!status?.ready || !status.shelter) {
    return (
      <header className="desk-bar">
        <p className="brand">
          {t('shelter.bar.title')}
          <small>{t('shelter.bar.terminal', { terminal: status?.terminalId ?? '' })}</small>
        </p>
      </header>
    );
  }
  const totals = status.totals ?? { here: 0, out: 0, left: 0, households: 0 };
  return (
    <header className="desk-bar" data-testid="shelter-bar">
      <p className="brand">
        <span lang="ja">{status.shelter.name}</span>
        <small>
          {t(KIND_LABEL[status.shelter.kind])} · {t('shelter.bar.terminal', { terminal: status.terminalId })}
        </small>
      </p>
      <p className="desk-counts" data-testid="shelter-counts">
        {t('shelter.bar.counts', { here: totals.here, out: totals.out, capacity: status.shelter.capacity })}
      </p>
      {status.conflicts > 0 ? (
        <span className="badge" data-testid="conflicts">
          {t('shelter.bar.conflicts', { count: status.conflicts })}
        </span>
      ) : null}
      <button
        type="button"
        className="btn small"
        onClick={() => void a.openDashboard()}
        disabled={!!busy}
        data-testid="open-dashboard"
      >
        {t('shelter.bar.dashboard')}
      </button>
      <button
        type="button"
        className="btn small"
        onClick={() => a.openSafety()}
        disabled={!!busy}
        data-testid="open-safety"
      >
        {t('shelter.bar.safety')}
      </button>
      <button
        type="button"
        className="btn small"
        onClick={() => void a.lock()}
        disabled={!!busy}
        data-testid="lock"
      >
        {t('shelter.bar.lock')}
      </button>
    </header>
  );
}

export function ShelterDesk(props: { info: AppInfo | null }) {
  const client = useClient();
  const store = useModeStore(() => createShelterStore(client));
  const screen = useStore(store, (s) => s.screen);
  return (
    <DeskShell info={props.info} store={store} context={ShelterContext} bar={<ShelterBar />}>
      <CurrentScreen screen={screen} />
    </DeskShell>
  );
}
