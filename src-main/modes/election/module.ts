/**
 * The election desk mode (`election.*`): one ElectionDesk per kiosk, created with the kiosk and
 * closed with it. The election store's native module is loaded only when a terminal opens its
 * store, so other terminals never pay for it.
 */
import { ELECTION_CALLS } from '../../contract/index.ts';
import { defineMode, touching } from '../mode-module.ts';
import { ElectionDesk } from './desk-service.ts';

export const electionMode = defineMode({
  id: 'election',
  calls: ELECTION_CALLS,
  exclusive: true,
  label: { en: 'election', ja: '選挙受付' },
  create(s) {
    const desk = new ElectionDesk({
      terminalId: () => s.config.config.terminalId,
      configPath: () => s.config.path,
      municipality: () => s.config.config.municipality,
      card: s.card,
      forms: s.forms,
      print: s.print,
      operator: s.operator,
    });
    return {
      handlers: {
        'election.status': () => desk.status(),
        'election.open': (input) => desk.open(input.passphrase),
        'election.close': () => desk.close(),
        'election.identifyCard': touching(s)((input) => desk.identifyCard(input)),
        'election.identifyRoll': (input) => desk.identifyRoll(input.rollNumber),
        'election.search': (input) => desk.search(input),
        'election.senseisho': (input) => desk.senseisho(input),
        'election.record': (input) => desk.record(input),
        'election.undo': (input) => desk.undo(input),
        'election.stats': () => desk.stats(),
        'election.statsFile': (input) => desk.statsFile(input.format),
        'election.statsPrint': (input) => desk.statsPrint(input.printer),
        'election.conflicts': (input) => desk.conflicts(input.all),
      },
      close: () => desk.shutdown(),
    };
  },
});
