/**
 * One connection to the hub, with the TLS rule: outside loopback the server's certificate must
 * verify and name the host (libpq's verify-full), against the CA file given with `--ca` or the
 * system's; on loopback TLS is optional. A password never appears in an error message.
 */
import pg from 'pg';
import { HubError } from './errors.ts';

export interface HubConnectOptions {
  /** PEM of the CA that signed the hub's certificate. */
  ca?: string;
  connectTimeoutMs?: number;
  /** Server-side limit on each statement. */
  statementTimeoutMs?: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function parseHubUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new HubError('HUB_BAD_URL', 'not a URL');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    throw new HubError('HUB_BAD_URL', 'the URL must start with postgres://');
  if (!u.hostname) throw new HubError('HUB_BAD_URL', 'no host');
  return u;
}

/** The URL with its password hidden, for messages and status. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

export function clientConfig(url: string, opts: HubConnectOptions): pg.ClientConfig {
  const u = parseHubUrl(url);
  const sslmode = u.searchParams.get('sslmode');
  const loopback = LOOPBACK.has(u.hostname);
  if (!loopback && sslmode === 'disable') throw new HubError('HUB_TLS_REQUIRED', u.hostname);
  // The URL's own ssl parameters are replaced by ours: pg reads sslmode=require as "no check".
  for (const k of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey']) u.searchParams.delete(k);
  const tls = !loopback || (sslmode !== null && sslmode !== 'disable');
  return {
    connectionString: u.toString(),
    ...(tls
      ? {
          ssl: {
            rejectUnauthorized: true,
            servername: u.hostname,
            ...(opts.ca ? { ca: opts.ca } : {}),
          },
        }
      : { ssl: false }),
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    ...(opts.statementTimeoutMs
      ? // The server's limit, and ours: a cut network (no reset) must not hang an exchange.
        { statement_timeout: opts.statementTimeoutMs, query_timeout: opts.statementTimeoutMs + 5000 }
      : {}),
    application_name: 'kakanai',
    keepAlive: true,
  };
}

/** pg's errors → the hub's: a refusal (auth, permission) or unreachable, never the password. */
export function hubErrorOf(e: unknown): HubError {
  if (e instanceof HubError) return e;
  const err = e as { code?: string; message?: string };
  const sqlstate = err.code ?? '';
  if (sqlstate === '28P01' || sqlstate === '28000' || sqlstate === '42501')
    return new HubError('HUB_REFUSED', `${sqlstate} ${err.message ?? ''}`.trim());
  if (sqlstate === '3F000' || sqlstate === '42P01') return new HubError('HUB_NOT_INITIALISED', err.message);
  return new HubError('HUB_UNREACHABLE', (err.message ?? String(e)).replace(/:\/\/[^@\s]*@/g, '://***@'));
}

export async function connectHub(url: string, opts: HubConnectOptions = {}): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url, opts));
  // An error on an idle connection (the server stopped) must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw hubErrorOf(e);
  }
  return client;
}
