/**
 * The throw-away PostgreSQL cluster of the hub's tests and benchmark (scripts/ci/start-postgres.sh
 * starts it and writes env.json). A test that needs it fails loudly when it is not running.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PgEnv {
  adminUrl: string;
  dataDir: string;
  pgCtl: string;
  port: number;
}

const ENV_FILE = process.env.KAKANAI_PG_ENV ?? '/tmp/kakanai-pg/env.json';

export function pgEnv(): PgEnv {
  if (!existsSync(ENV_FILE))
    throw new Error(
      `PostgreSQL for the hub tests is not running (${ENV_FILE} missing): bash scripts/ci/start-postgres.sh`,
    );
  return JSON.parse(readFileSync(ENV_FILE, 'utf8')) as PgEnv;
}

/** A new empty database on the test cluster; its admin URL. */
export async function freshDatabase(prefix = 'hubtest'): Promise<string> {
  const env = pgEnv();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: env.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(env.adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs SQL as the administrator on a database (a DBA "changing a row by hand", a search). */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

function pgCtl(args: string[]): void {
  const env = pgEnv();
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const cmd = [...asPostgres, env.pgCtl, '-D', env.dataDir, ...args];
  execFileSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
}

/** The hub dies (`pg_ctl stop -m immediate`: no clean shutdown, connections cut). */
export function killHub(): void {
  pgCtl(['stop', '-m', 'immediate']);
}

export function startHubServer(): void {
  const env = pgEnv();
  pgCtl(['-l', `${env.dataDir}/../server.log`, '-w', 'start']);
}
