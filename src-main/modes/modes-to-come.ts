/**
 * Shelter reception and the fare terminal have a placeholder call each in the contract until their
 * own modules land (they answer NOT_IMPLEMENTED).
 */
import { MODES_TO_COME_CALLS } from '../contract/index.ts';
import { fail } from '../contract/errors.ts';
import { defineMode } from './mode-module.ts';

const notYet = (what: string) => () => {
  throw fail('NOT_IMPLEMENTED', `The ${what} mode is not available yet.`, 'この機能はまだ使えません。');
};

export const modesToCome = defineMode({
  id: 'shelter',
  calls: MODES_TO_COME_CALLS,
  exclusive: false,
  label: { en: 'shelter and fare', ja: '避難所受付・運賃補助' },
  create: () => ({
    handlers: { 'shelter.status': notYet('shelter'), 'fare.status': notYet('fare') },
  }),
});
