/**
 * The `election.*` entries of the kiosk's handler table (src-main/api/handlers.ts spreads them
 * in), and the one ElectionDesk per kiosk: created on the first election call, closed with the
 * kiosk (closeElectionDesk in kiosk.ts). The election store's native module is loaded only when
 * a terminal opens its store, so counter kiosks never pay for it.
 */
import type { CallName } from '../../api/contract.ts';
import type { KioskServices } from '../../api/handlers.ts';
import type { Handlers } from '../../api/router.ts';
import { ElectionDesk } from './desk-service.ts';

type ElectionCall = Extract<CallName, `election.${string}`>;

const desks = new WeakMap<KioskServices, ElectionDesk>();

export function electionDesk(s: KioskServices): ElectionDesk {
  let desk = desks.get(s);
  if (!desk) {
    desk = new ElectionDesk({
      mode: () => s.config.config.mode,
      terminalId: () => s.config.config.terminalId,
      configPath: () => s.config.path,
      municipality: () => s.config.config.municipality,
      card: s.card,
      forms: s.forms,
      print: s.print,
      operator: s.operator,
    });
    desks.set(s, desk);
  }
  return desk;
}

export async function closeElectionDesk(s: KioskServices): Promise<void> {
  await desks.get(s)?.shutdown();
}

export function electionHandlers(s: KioskServices): Pick<Handlers, ElectionCall> {
  const desk = () => electionDesk(s);
  return {
    'election.status': () => desk().status(),
    'election.open': (input) => desk().open(input.passphrase),
    'election.close': () => desk().close(),
    'election.identifyCard': (input) => {
      s.session.touch();
      return desk().identifyCard(input);
    },
    'election.identifyRoll': (input) => desk().identifyRoll(input.rollNumber),
    'election.search': (input) => desk().search(input),
    'election.senseisho': (input) => desk().senseisho(input),
    'election.record': (input) => desk().record(input),
    'election.undo': (input) => desk().undo(input),
    'election.stats': () => desk().stats(),
    'election.statsFile': (input) => desk().statsFile(input.format),
    'election.statsPrint': (input) => desk().statsPrint(input.printer),
    'election.conflicts': (input) => desk().conflicts(input.all),
  };
}
