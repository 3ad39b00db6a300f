/**
 * Shelter reception (`shelter.*`): one ShelterDesk per kiosk, created with the kiosk and closed
 * with it. The store's native module is loaded only when a laptop opens its store.
 */
import { SHELTER_CALLS } from '../../contract/index.ts';
import { defineMode, touching } from '../mode-module.ts';
import { ShelterDesk } from './desk.ts';

export const shelterMode = defineMode({
  id: 'shelter',
  calls: SHELTER_CALLS,
  exclusive: true,
  label: { en: 'shelter', ja: '避難所受付' },
  create(s) {
    const desk = new ShelterDesk({
      terminalId: () => s.config.config.terminalId,
      configPath: () => s.config.path,
      card: s.card,
      forms: s.forms,
      print: s.print,
      operator: s.operator,
    });
    const touched = touching(s);
    return {
      handlers: {
        'shelter.status': () => desk.status(),
        'shelter.open': (input) => desk.open(input.passphrase),
        'shelter.close': () => desk.close(),
        'shelter.tap': touched(() => desk.tap()),
        'shelter.identifyCard': touched((input) => desk.identifyCard(input)),
        'shelter.linkCard': (input) => desk.linkCard(input.personId),
        'shelter.search': (input) => desk.search(input),
        'shelter.household': (input) => desk.household(input.householdId),
        'shelter.move': (input) => desk.move(input),
        'shelter.register': (input) => desk.register(input),
        'shelter.needs': (input) => desk.needs(input),
        'shelter.consent': (input) => desk.consent(input),
        'shelter.stats': (input) => desk.stats(input.all),
        'shelter.safety': (input) => desk.safety(input),
        'shelter.roster': (input) => desk.roster(input),
        'shelter.evacueeCard': (input) => desk.evacueeCard(input),
      },
      close: () => desk.shutdown(),
    };
  },
});
