/**
 * The fare terminal (mode "fare"): in a vehicle, the tap and the fare pad; at city hall, the
 * clerk's registration and blocks. A header with the programme, the vehicle or the desk, today's
 * rides and the registry's age, and the current screen. Staffed: the terminal's language.
 */
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { AppInfo } from '../../api/types.ts';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { Mixed } from '../../components/Mixed.tsx';
import { useClient } from '../../kit/client-context.ts';
import { DeskShell } from '../../kit/DeskShell.tsx';
import { useShell } from '../../kit/shell-context.ts';
import { useModeStore } from '../../kit/store-context.ts';
import { FareContext, useFare, useFareActions } from './context.ts';
import { createFareStore } from './fare-store.ts';
import type { FareScreen } from './screens.ts';
import {
  CardBnoScreen,
  CardPinScreen,
  CardProblemScreen,
  CardReadingScreen,
  PlaceCardScreen,
} from './screens/CardScreens.tsx';
import {
  BlockScreen,
  ClerkReadyScreen,
  EligibilityScreen,
  RegisteredScreen,
} from './screens/ClerkScreens.tsx';
import { OpenScreen, UnavailableScreen } from './screens/OpenScreen.tsx';
import {
  DoneScreen,
  GreenScreen,
  RedScreen,
  RepeatScreen,
  TappingScreen,
  VehicleReadyScreen,
} from './screens/VehicleScreens.tsx';
import '../../kit/desk.css';
import './fare.css';

/** A registry older than this many days is shown as a warning in the header. */
const REGISTRY_STALE_DAYS = 7;

function CurrentScreen(props: { screen: FareScreen }) {
  const vehicle = useFare((s) => s.status?.role === 'vehicle');
  const s = props.screen;
  switch (s.id) {
    case 'loading':
      return <LoadingScreen />;
    case 'unavailable':
      return <UnavailableScreen />;
    case 'open':
      return <OpenScreen />;
    case 'ready':
      return vehicle ? <VehicleReadyScreen /> : <ClerkReadyScreen />;
    case 'tapping':
      return <TappingScreen />;
    case 'green':
      return <GreenScreen />;
    case 'repeat':
      return <RepeatScreen />;
    case 'red':
      return <RedScreen reason={s.reason} />;
    case 'done':
      return <DoneScreen />;
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
    case 'eligibility':
      return <EligibilityScreen />;
    case 'registered':
      return <RegisteredScreen />;
    case 'block':
      return <BlockScreen />;
  }
}

function FareBar() {
  const { t } = useTranslation();
  const { language } = useShell();
  const a = useFareActions();
  const status = useFare((s) => s.status);
  const busy = useFare((s) => s.busy);
  const where =
    status?.role === 'vehicle'
      ? t('fare.bar.vehicle', { vehicle: status.vehicle ?? '', operator: status.operatorName ?? '' })
      : t('fare.bar.office');
  const registry = status?.registry;
  return (
    <header className="desk-bar" data-testid="fare-bar">
      <p className="brand">
        {status?.programName ? <span lang="ja">{status.programName}</span> : t('fare.bar.title')}
        <small>
          {status?.ready ? (
            <>
              <Mixed text={where} lang={language} />
              {' · '}
            </>
          ) : null}
          {t('fare.bar.terminal', { terminal: status?.terminalId ?? '' })}
        </small>
      </p>
      {status?.ready && status.role === 'vehicle' ? (
        registry ? (
          <span
            className={registry.ageDays > REGISTRY_STALE_DAYS ? 'badge' : 'desk-counts'}
            data-testid="registry-age"
          >
            {t('fare.bar.registry', { count: registry.ageDays, cards: registry.cards })}
          </span>
        ) : (
          <span className="badge" data-testid="registry-age">
            {t('fare.bar.noRegistry')}
          </span>
        )
      ) : null}
      {status?.ready ? (
        <button
          type="button"
          className="btn small"
          onClick={() => void a.lock()}
          disabled={!!busy}
          data-testid="lock"
        >
          {t('fare.bar.lock')}
        </button>
      ) : null}
    </header>
  );
}

export function FareDesk(props: { info: AppInfo | null }) {
  const client = useClient();
  const store = useModeStore(() => createFareStore(client));
  const screen = useStore(store, (s) => s.screen);
  return (
    <DeskShell info={props.info} store={store} context={FareContext} bar={<FareBar />}>
      <CurrentScreen screen={screen} />
    </DeskShell>
  );
}
