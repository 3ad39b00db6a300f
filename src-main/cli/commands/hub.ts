/**
 * `kakanai hub init --url ADMIN_URL [--group G]`: creates or migrates the hub's schema in a
 * PostgreSQL database and the role the terminals use, and prints `{terminalUrl}` — the URL with
 * the role's generated password, shown once. Without --group the role may use every group.
 */
import { initHub } from '../../hub/admin.ts';
import { HubError } from '../../hub/errors.ts';
import { redactUrl } from '../../hub/connection.ts';
import { optString, requireString, type Command } from '../command.ts';
import { hubCommandError } from '../terminal-commands.ts';

const init: Command = {
  path: ['hub', 'init'],
  summary:
    'create or migrate the hub schema in PostgreSQL and the terminals’ role; prints {terminalUrl} once',
  usage:
    'kakanai hub init --url ADMIN_URL [--group GROUP] [--ca CA.pem] [--json]\n' +
    'ADMIN_URL: a role that may create schemas and roles. The terminal URL printed carries a new\n' +
    'password (running init again for the same group gives a new one and the old one stops working).',
  options: { url: { type: 'string' }, group: { type: 'string' }, ca: { type: 'string' } },
  async run(ctx) {
    const url = requireString(ctx, 'url');
    const group = optString(ctx, 'group');
    const caFile = optString(ctx, 'ca');
    const { readFileSync } = await import('node:fs');
    try {
      const r = await initHub(url, {
        ...(group ? { group } : {}),
        ...(caFile ? { ca: readFileSync(caFile, 'utf8') } : {}),
      });
      return {
        json: r,
        human: [
          `hub schema v${r.schemaVersion} ready in ${redactUrl(url)}`,
          `terminal role ${r.role} (group ${r.group})`,
          'terminal URL (shown once; give it to each terminal with `kakanai <mode> hub --url …`):',
          r.terminalUrl,
        ].join('\n'),
      };
    } catch (e) {
      if (e instanceof HubError) throw hubCommandError(e);
      throw e;
    }
  },
};

export const hubCommands: Command[] = [init];
