/**
 * The fare terminal (`fare.*`): one FareDesk per kiosk, created with the kiosk and closed with it.
 * The store's native module is loaded only when the terminal opens its store.
 */
import { FARE_CALLS } from '../../contract/index.ts';
import { defineMode, touching } from '../mode-module.ts';
import { FareDesk } from './desk.ts';

export const fareMode = defineMode({
  id: 'fare',
  calls: FARE_CALLS,
  exclusive: true,
  label: { en: 'fare subsidy', ja: '運賃補助' },
  create(s) {
    const desk = new FareDesk({
      terminalId: () => s.config.config.terminalId,
      configPath: () => s.config.path,
      card: s.card,
      print: s.print,
    });
    const touched = touching(s);
    return {
      handlers: {
        'fare.status': () => desk.status(),
        'fare.open': (input) => desk.open(input.passphrase),
        'fare.close': () => desk.close(),
        'fare.tap': touched(() => desk.tap()),
        'fare.quote': (input) => desk.quote(input.fareYen),
        'fare.ride': touched((input) => desk.ride(input)),
        'fare.cancel': () => desk.cancel(),
        'fare.check': touched((input) => desk.check(input)),
        'fare.reassess': (input) => desk.reassess(input),
        'fare.register': (input) => desk.register(input),
        'fare.findHolder': (input) => desk.findHolder(input),
        'fare.block': (input) => desk.block(input),
      },
      close: () => desk.shutdown(),
    };
  },
});
