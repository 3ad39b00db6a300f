/**
 * Every `kakanai` subcommand, in help order. Each group lives in its own file under commands/.
 */
import type { Command } from './command.ts';
import { cardCommands } from './commands/card.ts';
import { printCommands } from './commands/print.ts';
import { pdfCommands } from './commands/pdf.ts';
import { emulatorCommands } from './commands/emulator.ts';
import { kioskCommands } from './commands/kiosk.ts';
import { electionCommands } from './commands/election.ts';
import { shelterCommands } from './commands/shelter.ts';
import { fareCommands } from './commands/fare.ts';
import { formsCommands } from './commands/forms.ts';
import { inboxCommands } from './commands/inbox.ts';
import { hubCommands } from './commands/hub.ts';

export const COMMANDS: Command[] = [
  ...cardCommands,
  ...printCommands,
  ...pdfCommands,
  ...inboxCommands,
  ...hubCommands,
  ...emulatorCommands,
  ...kioskCommands,
  ...electionCommands,
  ...shelterCommands,
  ...fareCommands,
  ...formsCommands,
];
