/**
 * Every `kakanai` subcommand, in help order. Each group lives in its own file under commands/.
 */
import type { Command } from './command.ts';

export const COMMANDS: Command[] = [];
