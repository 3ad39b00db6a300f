/**
 * `kakanai hub init`: creates or migrates the hub's schema with an administrator's URL and makes
 * (or re-keys) the role the terminals connect with. Its password is generated here and shown
 * once, inside the terminal URL; the database keeps only its SCRAM hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { HubError } from './errors.ts';
import { connectHub, type HubConnectOptions } from './connection.ts';
import { grantsFor, HUB_SCHEMA_VERSION, MIGRATION_1 } from './schema.ts';
import { ID_RE } from '../store/event-log.ts';

export interface HubInitResult {
  /** The URL terminals use (`kakanai <mode> hub --url …`); shown once. */
  terminalUrl: string;
  role: string;
  /** The group the role may use, or `*` for every group. */
  group: string;
  schemaVersion: number;
}

/** One role per group (`kakanai_t_<hash>`), or `kakanai_terminal` for every group. */
export function roleFor(group: string | undefined): string {
  if (!group) return 'kakanai_terminal';
  return `kakanai_t_${createHash('sha256').update(group).digest('hex').slice(0, 12)}`;
}

export async function initHub(
  adminUrl: string,
  opts: { group?: string } & HubConnectOptions = {},
): Promise<HubInitResult> {
  if (opts.group !== undefined && !ID_RE.test(opts.group))
    throw new HubError('HUB_BAD_URL', `group ${JSON.stringify(opts.group)} (1–32 of A-Z a-z 0-9 _ . -)`);
  const db = await connectHub(adminUrl, opts);
  const role = roleFor(opts.group);
  const group = opts.group ?? '*';
  // Hex: no quoting questions inside the SQL that sets it.
  const password = randomBytes(24).toString('hex');
  try {
    await db.query('BEGIN');
    // Two inits at once (two DBAs, a retry) must not race on CREATE … IF NOT EXISTS.
    await db.query("SELECT pg_advisory_xact_lock(hashtext('kakanai_hub init'))");
    await db.query(MIGRATION_1);
    const exists = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    await db.query(
      `${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ` +
        `NOINHERIT NOBYPASSRLS PASSWORD '${password}'`,
    );
    await db.query(grantsFor(role));
    await db.query(
      'INSERT INTO kakanai_hub.group_roles (role_name, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [role, group],
    );
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e instanceof HubError ? e : new HubError('HUB_INIT_FAILED', (e as Error).message);
  } finally {
    await db.end().catch(() => undefined);
  }
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  return { terminalUrl: url.toString(), role, group, schemaVersion: HUB_SCHEMA_VERSION };
}
