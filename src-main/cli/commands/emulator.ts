/**
 * `kakanai emulator`: runs the virtual My Number Card as a vpcd client, so pcscd shows it in a
 * real PC/SC reader. Control commands on stdin, one per line, each acknowledged with one line:
 *   remove | insert [persona] | pull-after N | quit
 * With --json every output line is one JSON object ({"event":"ready",…}, {"ack":"remove",…}).
 */
import { createInterface } from 'node:readline';
import { listPersonas, loadPersona } from '../../card/emulator/personas.ts';
import { startVpcdCard, VPCD_DEFAULT_PORT, type VpcdCard } from '../../card/emulator/vpcd-client.ts';
import { UsageError, optString, type Command, type CommandContext } from '../command.ts';

const INSERT_TIMEOUT_MS = 10_000;

function parseVpcd(value: string | undefined): { host: string; port: number } {
  if (value === undefined) return { host: '127.0.0.1', port: VPCD_DEFAULT_PORT };
  const m = /^([^:]+):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError('--vpcd must be HOST:PORT, e.g. 127.0.0.1:35963');
  return { host: m[1]!, port };
}

/** The name pcscd gives the vpcd slot of a local port (vpcd's slots listen on 35963, 35964, …). */
function readerNameFor(port: number): string | undefined {
  const slot = port - VPCD_DEFAULT_PORT;
  return slot >= 0 && slot < 10 ? `Virtual PCD 00 ${String(slot).padStart(2, '0')}` : undefined;
}

function listing(ctx: CommandContext) {
  const personas = listPersonas().map((id) => {
    const p = loadPersona(id);
    return { id, kind: p.kind, description: p.description };
  });
  const human = personas.map((p) => `${p.id.padEnd(18)} ${p.description}`).join('\n');
  return { json: { personas }, human: ctx.json ? undefined : human };
}

async function run(ctx: CommandContext) {
  if (ctx.values.list === true) return listing(ctx);
  const personaId = optString(ctx, 'persona');
  if (!personaId) throw new UsageError('--persona NAME is required (see kakanai emulator --list)');
  loadPersona(personaId); // fail early, with the file and field, on a broken persona
  const { host, port } = parseVpcd(optString(ctx, 'vpcd'));
  const reader = readerNameFor(port);

  const say = (json: Record<string, unknown>, human: string) =>
    ctx.stdout.write((ctx.json ? JSON.stringify(json) : human) + '\n');

  const vc: VpcdCard = startVpcdCard({ host, port, persona: personaId });
  let announcedWait = false;
  vc.events.on('connect-failed', (message) => {
    if (announcedWait) return;
    announcedWait = true;
    ctx.stderr.write(`waiting for vpcd at ${host}:${port} (${message}); is pcscd running? (pcscd -f &)\n`);
  });
  await vc.whenConnected(24 * 3600_000);
  say(
    { event: 'ready', persona: personaId, vpcd: `${host}:${port}`, ...(reader ? { reader } : {}) },
    `ready: persona ${personaId} is in the reader via vpcd ${host}:${port}${reader ? ` (${reader})` : ''}`,
  );
  let pulling = false;
  vc.events.on('card-removed', () => {
    if (pulling) say({ event: 'pulled', present: false }, 'the card was pulled out (pull-after)');
  });

  return await new Promise<{ json: unknown; human: string }>((resolve) => {
    const lines = createInterface({ input: ctx.stdin, terminal: false });
    let finished = false;
    const finish = async (why: string) => {
      if (finished) return;
      finished = true;
      lines.close();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await vc.stop();
      resolve({ json: { stopped: true, reason: why }, human: `stopped (${why})` });
    };
    const onSignal = (signal: NodeJS.Signals) => void finish(signal);
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);

    const handle = async (line: string) => {
      const [word, ...args] = line.trim().split(/\s+/);
      if (!word) return;
      try {
        if (word === 'remove') {
          pulling = false;
          vc.remove();
          say({ ack: 'remove', present: false }, 'ok remove');
        } else if (word === 'insert') {
          const persona = args[0];
          if (persona) loadPersona(persona);
          pulling = false;
          vc.insert(persona);
          await vc.whenConnected(INSERT_TIMEOUT_MS);
          say(
            { ack: 'insert', present: true, persona: vc.card.persona.id },
            `ok insert ${vc.card.persona.id}`,
          );
        } else if (word === 'pull-after') {
          const n = Number(args[0]);
          if (!Number.isInteger(n) || n < 0) throw new UsageError('pull-after needs a non-negative integer');
          pulling = true;
          vc.pullAfter(n);
          say({ ack: 'pull-after', n }, `ok pull-after ${n}`);
        } else if (word === 'quit') {
          say({ ack: 'quit' }, 'ok quit');
          await finish('quit');
        } else {
          throw new UsageError(
            `unknown control command: ${word} (remove, insert [persona], pull-after N, quit)`,
          );
        }
      } catch (e) {
        const err = e as { code?: string; message: string };
        say(
          { ack: word, error: { code: err.code ?? 'ERROR', message: err.message } },
          `error ${word}: ${err.message}`,
        );
      }
    };
    // One command at a time, in order.
    let queue = Promise.resolve();
    lines.on('line', (line) => {
      queue = queue.then(() => handle(line));
    });
  });
}

const emulator: Command = {
  path: ['emulator'],
  summary: 'run the virtual My Number Card in a PC/SC reader (pcscd + vpcd)',
  usage: [
    'kakanai emulator --persona NAME [--vpcd HOST:PORT] [--json]',
    'kakanai emulator --list [--json]',
    '',
    'Connects the virtual card to vpcd (default 127.0.0.1:35963 = reader "Virtual PCD 00 00";',
    '35964 = "Virtual PCD 00 01") and runs until SIGTERM/SIGINT or "quit". Control commands on',
    'stdin, one per line, each acknowledged on stdout:',
    '  remove              take the card out (pcscd reports the reader empty)',
    '  insert [PERSONA]    put the card (or a new card of PERSONA) back',
    '  pull-after N        the card is pulled out after N more APDUs',
    '  quit                stop',
  ].join('\n'),
  options: {
    persona: { type: 'string' },
    vpcd: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
  run,
};

export const emulatorCommands: Command[] = [emulator];
