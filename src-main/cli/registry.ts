/**
 * Every `kakanai` subcommand, in help order. Each group lives in its own file under commands/.
 */
import type { Command } from './command.ts';
import { printCommands } from './commands/print.ts';
import { emulatorCommands } from './commands/emulator.ts';

export const COMMANDS: Command[] = [
  ...printCommands,
  ...emulatorCommands,
];
