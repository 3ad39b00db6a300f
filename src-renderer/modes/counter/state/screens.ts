/**
 * Every screen of counter mode and the staff screens. A screen is a value: the store decides which
 * one shows, components only render it. Card situations each get their own screen (the issue asks
 * for separate screens for a removed card, a wrong card and a missing reader).
 */
export type Screen =
  | { id: 'loading' }
  | { id: 'unavailable' }
  | { id: 'attract' }
  | { id: 'language' }
  | { id: 'lifeEvent' }
  | { id: 'question' }
  | { id: 'plan' }
  | { id: 'placeCard' }
  | { id: 'reading' }
  | { id: 'lastTry'; method: 'pin' | 'bno' }
  | { id: 'pin' }
  | { id: 'bno' }
  | { id: 'blocked'; method: 'pin' | 'bno' }
  | { id: 'cardRemoved'; wiped: boolean }
  | { id: 'wrongCard' }
  | { id: 'noReader' }
  | { id: 'cardError' }
  | { id: 'resident' }
  | { id: 'input'; index: number; returnToConfirm: boolean }
  | { id: 'confirm' }
  | { id: 'signChoose' }
  | { id: 'signPassword' }
  | { id: 'signLastTry' }
  | { id: 'signBlocked' }
  | { id: 'signNoCert' }
  | { id: 'signed' }
  | { id: 'signSent' }
  | { id: 'printing' }
  | { id: 'done' }
  | { id: 'staffLogin' }
  | { id: 'staffMenu' }
  | { id: 'staffSettings' }
  | { id: 'staffStats' }
  | { id: 'staffInbox' };

export type ScreenId = Screen['id'];

/** Screens that hold no resident data: the idle countdown is pointless there. */
export const RESTING_SCREENS: ReadonlySet<ScreenId> = new Set(['loading', 'unavailable', 'attract']);

/** Screens where the card is being used: pulling it there means "card removed". */
export const CARD_SCREENS: ReadonlySet<ScreenId> = new Set(['placeCard', 'reading', 'lastTry', 'pin', 'bno']);

export const STAFF_SCREENS: ReadonlySet<ScreenId> = new Set([
  'staffLogin',
  'staffMenu',
  'staffSettings',
  'staffStats',
  'staffInbox',
]);
