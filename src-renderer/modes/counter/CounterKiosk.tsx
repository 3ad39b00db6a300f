/**
 * Counter mode (窓口): its store, the top bar, banners (demo, staff assist, connection), the current
 * screen and the idle countdown. Display preferences go onto <html> so CSS scales everything.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { StoreContext, useActions, useKiosk } from './context.ts';
import { createKioskStore, type KioskStore } from './state/kiosk-store.ts';
import { CounterTopBar } from './CounterTopBar.tsx';
import { IdleDialog } from '../../components/IdleDialog.tsx';
import { useClient } from '../../kit/client-context.ts';
import { useModeStore } from '../../kit/store-context.ts';
import { ShellContext, type Shell } from '../../kit/shell-context.ts';
import { applyDocumentLanguage } from '../../i18n/index.ts';
import { AttractScreen, LanguageScreen, UnavailableScreen } from './screens/Start.tsx';
import { LifeEventScreen, PlanScreen, QuestionScreen } from './screens/Planner.tsx';
import {
  BlockedScreen,
  BnoScreen,
  CardErrorScreen,
  CardRemovedScreen,
  LastTryScreen,
  NoReaderScreen,
  PinScreen,
  PlaceCardScreen,
  ReadingScreen,
  ResidentScreen,
  WrongCardScreen,
} from './screens/Card.tsx';
import { InputScreen } from './screens/Inputs.tsx';
import { ConfirmScreen, DoneScreen, PrintingScreen } from './screens/Finish.tsx';
import {
  SignBlockedScreen,
  SignChooseScreen,
  SignedScreen,
  SignLastTryScreen,
  SignNoCertScreen,
  SignPasswordScreen,
  SignSentScreen,
} from './screens/Sign.tsx';
import {
  StaffLoginScreen,
  StaffMenuScreen,
  StaffSettingsScreen,
  StaffStatsScreen,
} from './screens/Staff.tsx';
import { StaffInboxScreen } from './screens/StaffInbox.tsx';
import type { Screen } from './state/screens.ts';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';

function CurrentScreen(props: { screen: Screen }) {
  const s = props.screen;
  const questionId = useKiosk((st) => st.currentQuestionId);
  const inputKey = useKiosk((st) => (s.id === 'input' ? st.inputs[s.index]?.key : undefined));
  switch (s.id) {
    case 'loading':
      return <LoadingScreen />;
    case 'unavailable':
      return <UnavailableScreen />;
    case 'attract':
      return <AttractScreen />;
    case 'language':
      return <LanguageScreen />;
    case 'lifeEvent':
      return <LifeEventScreen />;
    case 'question':
      return <QuestionScreen key={questionId ?? ''} />;
    case 'plan':
      return <PlanScreen />;
    case 'placeCard':
      return <PlaceCardScreen />;
    case 'reading':
      return <ReadingScreen />;
    case 'lastTry':
      return <LastTryScreen method={s.method} />;
    case 'pin':
      return <PinScreen />;
    case 'bno':
      return <BnoScreen />;
    case 'blocked':
      return <BlockedScreen method={s.method} />;
    case 'cardRemoved':
      return <CardRemovedScreen wiped={s.wiped} />;
    case 'wrongCard':
      return <WrongCardScreen />;
    case 'noReader':
      return <NoReaderScreen />;
    case 'cardError':
      return <CardErrorScreen />;
    case 'resident':
      return <ResidentScreen />;
    case 'input':
      return <InputScreen key={`${inputKey}-${s.index}`} index={s.index} />;
    case 'confirm':
      return <ConfirmScreen />;
    case 'signChoose':
      return <SignChooseScreen />;
    case 'signPassword':
      return <SignPasswordScreen />;
    case 'signLastTry':
      return <SignLastTryScreen />;
    case 'signBlocked':
      return <SignBlockedScreen />;
    case 'signNoCert':
      return <SignNoCertScreen />;
    case 'signed':
      return <SignedScreen />;
    case 'signSent':
      return <SignSentScreen />;
    case 'printing':
      return <PrintingScreen />;
    case 'done':
      return <DoneScreen />;
    case 'staffLogin':
      return <StaffLoginScreen />;
    case 'staffMenu':
      return <StaffMenuScreen />;
    case 'staffSettings':
      return <StaffSettingsScreen />;
    case 'staffStats':
      return <StaffStatsScreen />;
    case 'staffInbox':
      return <StaffInboxScreen />;
  }
}

/** The shared screen parts read the resident's language, voice and notice from here. */
function useCounterShell(store: KioskStore): Shell {
  const language = useStore(store, (s) => s.prefs.language);
  const voice = useStore(store, (s) => s.prefs.voice);
  const notice = useStore(store, (s) => s.notice);
  const staff = useStore(store, (s) => s.staff !== null);
  return useMemo(
    () => ({ language, voice, notice, staff, dismissNotice: () => store.getState().dismissNotice() }),
    [language, voice, notice, staff, store],
  );
}

export function CounterKiosk() {
  const client = useClient();
  const { i18n } = useTranslation();
  const store = useModeStore(() =>
    createKioskStore(client, {
      onLanguage: (lang) => {
        void i18n.changeLanguage(lang);
        applyDocumentLanguage(lang);
      },
    }),
  );
  const shell = useCounterShell(store);
  return (
    <StoreContext.Provider value={store}>
      <ShellContext.Provider value={shell}>
        <CounterScreens />
      </ShellContext.Provider>
    </StoreContext.Provider>
  );
}

function CounterScreens() {
  const { t, i18n } = useTranslation();
  const screen = useKiosk((s) => s.screen);
  const prefs = useKiosk((s) => s.prefs);
  const demo = useKiosk((s) => s.info?.demo.active ?? false);
  const assist = useKiosk((s) => s.assist);
  const connection = useKiosk((s) => s.connection);
  const idleSecondsLeft = useKiosk((s) => s.idleSecondsLeft);
  const a = useActions();

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.size = prefs.textSize;
    root.dataset.contrast = prefs.highContrast ? 'high' : 'normal';
  }, [prefs.textSize, prefs.highContrast]);

  useEffect(() => {
    if (i18n.language !== prefs.language) void i18n.changeLanguage(prefs.language);
  }, [i18n, prefs.language]);

  // Any touch, click or key counts as activity for the idle timer (throttled in the store).
  useEffect(() => {
    const onActivity = () => a.touch();
    window.addEventListener('pointerdown', onActivity, { passive: true });
    window.addEventListener('keydown', onActivity);
    return () => {
      window.removeEventListener('pointerdown', onActivity);
      window.removeEventListener('keydown', onActivity);
    };
  }, [a]);

  return (
    <>
      {demo ? (
        <div className="banner" role="note" data-testid="demo-banner">
          {t('demo.banner')}
        </div>
      ) : null}
      {assist ? (
        <div className="banner assist" role="note" data-testid="assist-banner">
          {t('staff.assistBanner')}
        </div>
      ) : null}
      {connection === 'closed' && screen.id !== 'loading' ? (
        <div className="banner" role="alert">
          {t('app.connectionLost')}
        </div>
      ) : null}
      {screen.id !== 'loading' ? <CounterTopBar /> : null}
      <CurrentScreen screen={screen} />
      <IdleDialog secondsLeft={idleSecondsLeft} onKeepGoing={() => void a.keepGoing()} />
    </>
  );
}
