/**
 * Every mode of the kiosk. The core builds each one for a kiosk and merges their handlers with its
 * own; it never names a mode. Adding a mode = one line here (README.md).
 */
import { counterMode } from './counter/module.ts';
import { electionMode } from './election/module.ts';
import { fareMode } from './fare/module.ts';
import { shelterMode } from './shelter/module.ts';

export const MODE_MODULES = [counterMode, electionMode, shelterMode, fareMode] as const;
