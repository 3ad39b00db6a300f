/**
 * The commands every store-keeping mode gets from the shared event terminal, written once:
 *   kakanai <mode> export | merge | status [--hub] | conflicts | peers | serve-sync | hub | sync
 * A mode gives how to open its service from --db and a passphrase, its own status lines and its
 * conflicts; moving events between terminals (USB files, LAN sync) is the same for every mode.
 */
import { readFileSync } from 'node:fs';
import type { EventTerminal, MergeResult, SyncSettings } from '../store/event-terminal.ts';
import { HubError } from '../hub/errors.ts';
import { redactUrl } from '../hub/connection.ts';
import { hubLag } from '../hub/lag.ts';
import type { ExchangeReport } from '../hub/link.ts';
import {
  CommandError,
  EXIT,
  UsageError,
  csvList,
  optNumber,
  optString,
  requireString,
  type Command,
  type CommandContext,
  type CommandResult,
} from './command.ts';

/** What a mode tells the generic commands. */
export interface TerminalCli<S> {
  /** The mode's word in commands (`election`). */
  mode: string;
  /** Opens the mode's service from --db and the passphrase, runs fn, closes it; maps its errors. */
  withService<T>(ctx: CommandContext, fn: (svc: S) => Promise<T> | T): Promise<T>;
  terminal(svc: S): EventTerminal;
  /** The mode's part of `status` (configuration, roster size…): JSON fields and human lines. */
  status(svc: S): { json: Record<string, unknown>; human: string[] };
  /** `conflicts`: what needs a person's decision (double records…), as the mode sees it. */
  conflicts(svc: S): CommandResult;
  /** `conflicts`' summary line. */
  conflictsSummary: string;
  /**
   * Merges the files in turn, the mode adding what the merges revealed (after the last one, so an
   * HQ merging a hundred files checks once); default: the terminal's merge of each.
   */
  merge?(svc: S, paths: string[]): { files: MergeResult[]; json: Record<string, unknown>; human: string[] };
  /** Options of the mode's store on every command (`--db`, `--passphrase-stdin`). */
  dbOptions: Command['options'];
}

function mergeLine(r: MergeResult): string {
  return (
    `from ${r.from}: ${r.added} new, ${r.duplicates} already known` +
    (r.forks.length ? `, ${r.forks.length} FORKED` : '') +
    (r.gaps.length ? `, gaps from ${r.gaps.map((g) => g.terminalId).join(',')}` : '')
  );
}

function syncLine(s: SyncSettings): string {
  return `port ${s.port ?? '-'}, peers ${s.peers.join(' ') || '-'}`;
}

function validPort(port: number | undefined): number | undefined {
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
    throw new UsageError('--port must be 1–65535');
  return port;
}

export function terminalCommands<S>(cli: TerminalCli<S>): Command[] {
  const { mode, dbOptions } = cli;
  const tail = '[--passphrase-stdin] [--json]';

  const exportCmd: Command = {
    path: [mode, 'export'],
    summary: 'write every event this terminal holds to an encrypted, authenticated file (USB)',
    usage: `kakanai ${mode} export --db F --out FILE ${tail}`,
    options: { ...dbOptions, out: { type: 'string' } },
    run(ctx) {
      const out = requireString(ctx, 'out');
      return cli.withService(ctx, (svc) => {
        const r = cli.terminal(svc).exportEvents(out);
        return { json: r, human: `wrote ${r.count} events to ${r.path}` };
      });
    },
  };

  const merge: Command = {
    path: [mode, 'merge'],
    summary: `import other terminals' event files; prints what needs a decision (${cli.conflictsSummary})`,
    usage:
      `kakanai ${mode} merge --db F --in FILE [--in FILE…] ${tail}\n` +
      'Each file is merged whole or not at all; with one file the JSON is its report, with several {files: […]}.',
    options: { ...dbOptions, in: { type: 'string', multiple: true } },
    run(ctx) {
      const inputs = ((ctx.values.in as string[] | undefined) ?? []).filter((x) => x !== '');
      if (inputs.length === 0) throw new UsageError('--in is required');
      return cli.withService(ctx, (svc) => {
        const r = cli.merge
          ? cli.merge(svc, inputs)
          : { files: inputs.map((f) => cli.terminal(svc).mergeFile(f)), json: {}, human: [] };
        const json = r.files.length === 1 ? { ...r.files[0], ...r.json } : { files: r.files, ...r.json };
        return { json, human: [...r.files.map(mergeLine), ...r.human].join('\n') };
      });
    },
  };

  const conflicts: Command = {
    path: [mode, 'conflicts'],
    summary: cli.conflictsSummary,
    usage: `kakanai ${mode} conflicts --db F ${tail}`,
    options: dbOptions,
    run: (ctx) => cli.withService(ctx, (svc) => cli.conflicts(svc)),
  };

  const status: Command = {
    path: [mode, 'status'],
    summary: 'configuration, event counts per terminal, sync settings; --hub: pull first, lag per terminal',
    usage:
      `kakanai ${mode} status --db F [--hub] ${tail}\n` +
      '--hub: exchanges with the configured hub first (an HQ laptop that only follows the group), then\n' +
      'says for every terminal when its last event was recorded ("desk-12: 40 s ago").',
    options: { ...dbOptions, hub: { type: 'boolean', default: false } },
    run(ctx) {
      return cli.withService(ctx, async (svc) => {
        const terminal = cli.terminal(svc);
        let hub: Record<string, unknown> | undefined;
        const hubLines: string[] = [];
        if (ctx.values.hub === true) {
          const settings = terminal.hubSettings();
          if (!settings) throw hubCommandError(new HubError('HUB_NOT_CONFIGURED'));
          let exchange: ExchangeReport | undefined;
          let problem: string | undefined;
          try {
            exchange = await terminal.hubExchange();
          } catch (e) {
            problem = e instanceof HubError ? `${e.code}: ${e.message}` : String(e);
          }
          const lag = hubLag(terminal.store);
          hub = {
            url: redactUrl(settings.url),
            reachable: !problem,
            ...(problem ? { problem } : {}),
            exchange,
            lag,
          };
          hubLines.push(
            problem
              ? `hub: ${problem} (figures below are this terminal's own)`
              : `hub: ${redactUrl(settings.url)}`,
            ...lag.map((l) => `  last event from ${l.terminalId}: ${l.agoText} (${l.events} events)`),
          );
        }
        const own = cli.status(svc);
        const t = terminal.status();
        const events = Object.entries(t.vector).map(([id, n]) => `${id}=${n}`);
        const hubSettings = terminal.hubSettings();
        return {
          json: {
            ...own.json,
            groupSalt: t.groupSalt,
            vector: t.vector,
            sync: t.sync,
            hubUrl: hubSettings ? redactUrl(hubSettings.url) : null,
            ...(hub ? { hub } : {}),
          },
          human: [
            ...own.human,
            `group set-up code: ${t.groupSalt} (the group's other terminals are set up with it)`,
            `events: ${events.join(' ') || 'none'}`,
            `sync: ${syncLine(t.sync)}`,
            `hub: ${hubSettings ? redactUrl(hubSettings.url) : '-'}`,
            ...hubLines,
          ].join('\n'),
        };
      });
    },
  };

  const peers: Command = {
    path: [mode, 'peers'],
    summary: 'configure LAN sync: this terminal’s port and the peers it pulls from',
    usage: `kakanai ${mode} peers --db F [--port P] [--peers HOST:PORT,HOST:PORT] ${tail}`,
    options: { ...dbOptions, port: { type: 'string' }, peers: { type: 'string' } },
    run(ctx) {
      const port = validPort(optNumber(ctx, 'port'));
      const list = csvList(optString(ctx, 'peers'));
      return cli.withService(ctx, (svc) => {
        const json = cli.terminal(svc).setSyncSettings({
          ...(port !== undefined ? { port } : {}),
          ...(list !== undefined ? { peers: list } : {}),
        });
        return { json, human: syncLine(json) };
      });
    },
  };

  const serveSync: Command = {
    path: [mode, 'serve-sync'],
    summary: 'run LAN sync (serve this terminal’s events, pull from peers every second) until stopped',
    usage:
      `kakanai ${mode} serve-sync --db F [--port P] [--peers HOST:PORT,…] [--host ADDR] [--duration SECONDS]\n` +
      `    ${tail}\nPort and peers default to those saved with \`${mode} peers\`. Stops on SIGINT/SIGTERM.`,
    options: {
      ...dbOptions,
      port: { type: 'string' },
      peers: { type: 'string' },
      host: { type: 'string' },
      duration: { type: 'string' },
    },
    run(ctx) {
      return cli.withService(ctx, async (svc) => {
        const terminal = cli.terminal(svc);
        const saved = terminal.syncSettings();
        const port = validPort(optNumber(ctx, 'port')) ?? saved.port;
        if (port === undefined)
          throw new UsageError(`no --port given and none saved (kakanai ${mode} peers --port P)`);
        const peerList = csvList(optString(ctx, 'peers')) ?? saved.peers;
        const host = optString(ctx, 'host');
        const duration = optNumber(ctx, 'duration');
        const started = await terminal.startSync({ port, peers: peerList, ...(host ? { host } : {}) });
        ctx.stderr.write(
          `sync: serving on port ${started.port}, pulling from ${peerList.join(', ') || 'no peers'}\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          if (duration !== undefined) setTimeout(stop, duration * 1000);
        });
        const st = terminal.syncStatus();
        return {
          json: st,
          human: st.peers.map((p) => `${p.url} ${p.state} received ${p.received}`).join('\n') || 'stopped',
        };
      });
    },
  };

  const hub: Command = {
    path: [mode, 'hub'],
    summary: 'use a PostgreSQL hub (kakanai hub init gives the URL); --off stops using it',
    usage:
      `kakanai ${mode} hub --db F (--url TERMINAL_URL [--ca CA.pem] | --off) ${tail}\n` +
      'The URL (with its password) and the CA are kept in this terminal’s encrypted store. Outside\n' +
      'loopback the hub’s certificate is verified against the CA and its host name (verify-full).',
    options: {
      ...dbOptions,
      url: { type: 'string' },
      ca: { type: 'string' },
      off: { type: 'boolean', default: false },
    },
    run(ctx) {
      const url = optString(ctx, 'url');
      const off = ctx.values.off === true;
      if (!off && !url) throw new UsageError('give --url TERMINAL_URL, or --off');
      if (off && url) throw new UsageError('--url and --off together');
      const caFile = optString(ctx, 'ca');
      let ca: string | undefined;
      if (caFile) {
        try {
          ca = readFileSync(caFile, 'utf8');
        } catch (e) {
          throw new UsageError(`cannot read --ca ${caFile}: ${(e as Error).message}`);
        }
        if (!ca.includes('-----BEGIN CERTIFICATE-----'))
          throw new UsageError(`--ca ${caFile} is not a PEM certificate`);
      }
      return cli.withService(ctx, (svc) => {
        try {
          const saved = cli.terminal(svc).setHub(off ? null : { url: url!, ...(ca ? { ca } : {}) });
          const json = { hub: saved ? { url: redactUrl(saved.url), ca: saved.ca !== undefined } : null };
          return { json, human: saved ? `hub: ${redactUrl(saved.url)}` : 'hub: off' };
        } catch (e) {
          if (e instanceof HubError) throw hubCommandError(e);
          throw e;
        }
      });
    },
  };

  const sync: Command = {
    path: [mode, 'sync'],
    summary: 'push this terminal’s events to the hub and pull the others’, once; prints what moved',
    usage: `kakanai ${mode} sync --db F --once ${tail}\nExit 1 when the hub cannot be reached (nothing is lost: the next sync catches up).`,
    options: { ...dbOptions, once: { type: 'boolean', default: false } },
    run(ctx) {
      if (ctx.values.once !== true)
        throw new UsageError(
          `--once is required (a running desk or \`${mode} serve-sync\` syncs continuously)`,
        );
      return cli.withService(ctx, async (svc) => {
        try {
          const r = await cli.terminal(svc).hubExchange();
          return {
            json: r,
            human:
              `pushed ${r.pushed}, pulled ${r.pulled} (${r.ingest.added} new, ${r.ingest.duplicates} already known)` +
              r.rejected.map((x) => `\nREFUSED ${x.terminalId}#${x.seq}: ${x.reason}`).join(''),
          };
        } catch (e) {
          if (e instanceof HubError) throw hubCommandError(e);
          throw e;
        }
      });
    },
  };

  return [exportCmd, merge, conflicts, status, peers, serveSync, hub, sync];
}

/** A hub problem as the CLI's typed error: 2 for a URL that cannot be used, else 1. */
export function hubCommandError(e: HubError): CommandError {
  const exit = e.code === 'HUB_BAD_URL' || e.code === 'HUB_TLS_REQUIRED' ? EXIT.USAGE : EXIT.FAILURE;
  return new CommandError(e.code, e.message, exit, { messageJa: e.messageJa });
}
