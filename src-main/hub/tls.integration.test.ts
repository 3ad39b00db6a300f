/**
 * The hub's TLS rule against the test cluster (ssl on, a throw-away CA; start-postgres.sh): with
 * verify-full the server's certificate must chain to the CA given and name the host — the right
 * CA connects encrypted, the system's CAs or another CA are refused; outside loopback TLS cannot
 * be turned off, and the certificate and host name are always checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientConfig, connectHub } from './connection.ts';
import { pgEnv } from './test-support.ts';
import { TEST_TRUST_DIR } from '../card/emulator/persona-keys.ts';

function verifyFull(): string {
  const u = new URL(pgEnv().adminUrl);
  u.searchParams.set('sslmode', 'verify-full');
  return u.toString();
}

describe('TLS to the hub', () => {
  it('verify-full: the right CA connects encrypted; the system CAs or another CA are refused', async () => {
    const env = pgEnv() as ReturnType<typeof pgEnv> & { caFile: string };
    const ca = readFileSync(env.caFile, 'utf8');
    const c = await connectHub(verifyFull(), { ca });
    try {
      const r = await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(r.rows[0].ssl).toBe(true);
    } finally {
      await c.end();
    }
    await expect(connectHub(verifyFull())).rejects.toMatchObject({ code: 'HUB_UNREACHABLE' });
    const other = readFileSync(
      join(
        TEST_TRUST_DIR,
        readdirSync(TEST_TRUST_DIR).find((f) => f.endsWith('.pem'))!,
      ),
      'utf8',
    );
    await expect(connectHub(verifyFull(), { ca: other })).rejects.toMatchObject({ code: 'HUB_UNREACHABLE' });
  });

  it('outside loopback: TLS always, the certificate and the host name checked; sslmode=disable refused', () => {
    const cfg = clientConfig('postgres://t:pw@hub.city.example.jp:5432/kakanai?sslmode=require', {});
    expect(cfg.ssl).toMatchObject({ rejectUnauthorized: true, servername: 'hub.city.example.jp' });
    // pg would read sslmode=require as "encrypt, do not check": it is taken out of the URL.
    expect(cfg.connectionString).not.toContain('sslmode');
    expect(() => clientConfig('postgres://t:pw@hub.city.example.jp/kakanai?sslmode=disable', {})).toThrow(
      expect.objectContaining({ code: 'HUB_TLS_REQUIRED' }),
    );
    expect(clientConfig('postgres://t:pw@127.0.0.1:55432/kakanai', {}).ssl).toBe(false);
  });
});
