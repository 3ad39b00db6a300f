/**
 * Every `kakanai` subcommand, in help order. Each group lives in its own file under commands/.
 */
import type { Command } from './command.ts';
import { printCommands } from './commands/print.ts';

export const COMMANDS: Command[] = [
  ...printCommands,
];
