/**
 * The card stack through the real PC/SC path, driven as a user would drive it:
 * pcscd + vpcd + the virtual card in its own process (`kakanai emulator`), and the `kakanai`
 * CLI in child processes with secrets on stdin. Every log line of every process goes to one file,
 * which the last test greps for the secrets and 個人番号 used.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pcsc from 'pcsc-mini';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPersona } from '../src-main/card/emulator/personas.ts';
import { buildBno } from '../src-main/card/myna/bno.ts';
import { openMyNumberCard } from '../src-main/card/myna/open-card.ts';
import { PcscProvider } from '../src-main/card/pcsc/pcsc-provider.ts';
import { Secret } from '../src-main/card/secret.ts';
import { runCli, type CliResult } from './helpers/cli.ts';
import { EmulatorProcess } from './helpers/emulator-process.ts';
import { ensurePcscd } from './helpers/services.ts';

const READER = ['--reader', 'Virtual PCD 00 00'];
const work = mkdtempSync(join(tmpdir(), 'kakanai-card-stack-'));
const logFile = join(work, 'all.log');
/** Every secret and 個人番号 a test sends or reads, for the final grep. */
const usedSecrets = new Set<string>();
let emulator: EmulatorProcess | undefined;

function bnoOf(id: string): string {
  const p = loadPersona(id);
  const secret = buildBno({
    birth: { date: p.resident.birthDate },
    expiryYear: Number(p.card.expiryDate.slice(0, 4)),
    securityCode: p.card.securityCode,
  });
  const value = secret.use((b) => b.toString('ascii'));
  secret.dispose();
  return value;
}

/** `openssl cms -verify` of a detached DER signature against the shipped test signing root. */
function opensslCmsVerifies(sig: string, content: string): boolean {
  const root = readdirSync('assets/trust/test').find((f) => f.includes('sign') && f.endsWith('.pem'));
  if (!root) throw new Error('no test signing root in assets/trust/test');
  const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', content];
  try {
    execFileSync('openssl', [...args, '-CAfile', `assets/trust/test/${root}`, '-out', '/dev/null'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return true;
  } catch {
    return false;
  }
}

async function startCard(persona: string): Promise<EmulatorProcess> {
  await emulator?.stop();
  emulator = await EmulatorProcess.start(persona, { logFile });
  return emulator;
}

/** Another program (middleware) connecting to the card exclusively, as pcsc-mini lets us. */
async function holdCardExclusively(readerName: string): Promise<{ release(): Promise<void> }> {
  const client = new pcsc.Client();
  client.on('error', () => undefined);
  const reader = await new Promise<pcsc.Reader>((resolve) => {
    client.on('reader', (r) => {
      if (r.name() === readerName) resolve(r);
    });
    client.start();
  });
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      const card = await reader.connect(pcsc.CardMode.EXCLUSIVE, pcsc.Protocol.T1);
      return {
        async release() {
          await card.disconnect(pcsc.CardDisposition.LEAVE);
          client.stop();
        },
      };
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function kakanai(args: string[], stdin?: string): Promise<CliResult> {
  if (stdin !== undefined) usedSecrets.add(stdin.trim());
  const r = await runCli([...args, '--json'], { stdin, logFile });
  for (const v of [r.json?.myNumber]) if (typeof v === 'string') usedSecrets.add(v);
  return r;
}

function errorOf(r: CliResult): { code: string; retriesLeft?: number } {
  return (r.json?.error ?? {}) as { code: string; retriesLeft?: number };
}

beforeAll(async () => {
  await ensurePcscd();
});

afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

describe('card stack over pcscd + vpcd, through the CLI', () => {
  it('lists the virtual reader with a card in it', async () => {
    await startCard('ordinary');
    const r = await kakanai(['readers']);
    expect(r.code).toBe(0);
    expect(r.json?.readers).toContainEqual({ name: 'Virtual PCD 00 00', cardPresent: true });
  });

  it('reads 基本4情報 and the 個人番号 with the PIN', async () => {
    const p = loadPersona('ordinary');
    await startCard('ordinary');
    const r = await kakanai(
      ['card', 'read', '--pin-stdin', '--my-number', ...READER],
      `${p.secrets.kenhojoPin}\n`,
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({
      name: p.resident.name,
      address: p.resident.address,
      birthDate: p.resident.birthDate,
      sex: 'male',
      myNumber: p.resident.myNumber,
    });
  });

  it('reads 基本4情報 with 照合番号B, a non-BMP name intact, and never the 個人番号', async () => {
    const p = loadPersona('gaiji');
    await startCard('gaiji');
    const r = await kakanai(['card', 'read', '--bno-stdin', ...READER], `${bnoOf('gaiji')}\n`);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json?.name).toBe(p.resident.name);
    expect([...String(r.json?.name)].some((c) => c.codePointAt(0)! > 0xffff)).toBe(true);
    expect(r.json).not.toHaveProperty('myNumber');
    const refused = await kakanai(
      ['card', 'read', '--bno-stdin', '--my-number', ...READER],
      `${bnoOf('gaiji')}\n`,
    );
    expect(refused.code).toBe(2);
  });

  it('reads a 200-character address that spans several READ BINARY chunks', async () => {
    const p = loadPersona('long-address');
    await startCard('long-address');
    const r = await kakanai(['card', 'read', '--bno-stdin', ...READER], `${bnoOf('long-address')}\n`);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json?.address).toBe(p.resident.address);
  });

  it('a card whose SFI read selects no file: the long address and both certificates are still read whole', async () => {
    const p = loadPersona('strict-current-ef');
    await startCard('strict-current-ef');
    const r = await kakanai(['card', 'read', '--bno-stdin', ...READER], `${bnoOf('strict-current-ef')}\n`);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json?.address).toBe(p.resident.address);
    const auth = await kakanai(['card', 'cert', 'auth', ...READER]);
    expect(auth.code, auth.stdout + auth.stderr).toBe(0);
    expect(String(auth.json?.serial)).toMatch(/^[0-9A-F]+$/);
    const sign = await kakanai(
      ['card', 'cert', 'sign', '--password-stdin', ...READER],
      `${p.secrets.jpkiSignPassword}\n`,
    );
    expect(sign.code, sign.stdout + sign.stderr).toBe(0);
    expect(sign.json?.san).toMatchObject({ name: p.resident.name });
  });

  it('with another card in the first reader (a SAM, a transit card), the My Number Card in the next is read', async () => {
    await startCard('not-mynumber'); // Virtual PCD 00 00
    const second = await EmulatorProcess.start('ordinary', { port: 35964, logFile }); // Virtual PCD 00 01
    try {
      const r = await kakanai(['card', 'status', '--reader', 'Virtual PCD 00 0']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.json?.card).toMatchObject({ reader: 'Virtual PCD 00 01', type: 'mynumber' });
      // Only other cards present: that is what the error says.
      await second.stop();
      const only = await kakanai(['card', 'status', '--reader', 'Virtual PCD 00 0']);
      expect(errorOf(only).code).toBe('NOT_MYNUMBER_CARD');
    } finally {
      await second.stop();
    }
  });

  it('a card another program holds for a moment after insertion is read once it lets go', async () => {
    await startCard('ordinary');
    const other = await holdCardExclusively('Virtual PCD 00 00');
    // In this process, so the connect attempt surely starts while the card is held.
    const provider = new PcscProvider();
    try {
      const started = Date.now();
      const opening = openMyNumberCard(provider, { readerFilter: 'Virtual PCD 00 00' });
      await new Promise((r) => setTimeout(r, 700));
      await other.release();
      const card = await opening;
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      expect(card.token).toBe('JPKIAPICCTOKEN2');
      await card.close();
    } finally {
      await provider.close();
    }
  });

  it('extended-length reads: one READ BINARY per file where the card takes them, short reads where it refuses', async () => {
    const apdusFor = async (persona: string, extendedApdu: 'always' | 'never') => {
      await startCard(persona);
      const p = loadPersona(persona);
      const provider = new PcscProvider({ extendedApdu });
      try {
        const card = await openMyNumberCard(provider, { readerFilter: 'Virtual PCD 00 00', waitMs: 10_000 });
        const info = await card.readWithPin(Secret.fromString(p.secrets.kenhojoPin), { myNumber: true });
        expect(info.name).toBe(p.resident.name);
        const beforeCert = card.apduCount;
        const cert = await card.readCertificate('auth');
        expect(cert.serial).toMatch(/^[0-9A-F]+$/);
        const result = {
          read: beforeCert,
          cert: card.apduCount - beforeCert,
          extended: card.channel.supportsExtendedApdu,
        };
        await card.close();
        return result;
      } finally {
        await provider.close();
      }
    };
    const short = await apdusFor('extended-apdu', 'never');
    const extended = await apdusFor('extended-apdu', 'always');
    expect(extended.extended).toBe(true);
    // SELECT JPKI, then the certificate (about 1.2 KB) in one read instead of five; the Kenhojo
    // files fit in 256 bytes either way.
    expect(extended.cert).toBe(2);
    expect(short.cert).toBeGreaterThan(4);
    expect(extended.read).toBeLessThanOrEqual(short.read);
    // A card that refuses them (6700): one refused read, then short reads, same data.
    const refused = await apdusFor('ordinary', 'always');
    expect(refused.extended).toBe(false);
    expect(refused.read).toBe(short.read + 1);
  });

  it('a wrong PIN costs exactly one try, status shows it without spending one, the right PIN resets it', async () => {
    const p = loadPersona('ordinary');
    await startCard('ordinary');
    const wrong = p.secrets.kenhojoPin === '8642' ? '8643' : '8642';
    const bad = await kakanai(['card', 'read', '--pin-stdin', ...READER], `${wrong}\n`);
    expect(bad.code).toBe(5);
    expect(errorOf(bad)).toMatchObject({ code: 'WRONG_SECRET', retriesLeft: 2 });
    for (let i = 0; i < 2; i++) {
      const s = await kakanai(['card', 'status', ...READER]);
      expect(s.code).toBe(0);
      expect((s.json?.retries as Record<string, number>).kenhojoPin).toBe(2);
    }
    const good = await kakanai(['card', 'read', '--pin-stdin', ...READER], `${p.secrets.kenhojoPin}\n`);
    expect(good.code).toBe(0);
    const after = await kakanai(['card', 'status', ...READER]);
    expect((after.json?.retries as Record<string, number>).kenhojoPin).toBe(3);
  });

  it('refuses the last try unless confirmed, and then uses it', async () => {
    const p = loadPersona('one-try-left');
    await startCard('one-try-left');
    const refused = await kakanai(['card', 'read', '--pin-stdin', ...READER], `${p.secrets.kenhojoPin}\n`);
    expect(refused.code).toBe(6);
    expect(errorOf(refused)).toMatchObject({ code: 'LAST_TRY_NEEDS_CONFIRMATION', retriesLeft: 1 });
    const status = await kakanai(['card', 'status', ...READER]);
    expect((status.json?.retries as Record<string, number>).kenhojoPin).toBe(1);
    const ok = await kakanai(
      ['card', 'read', '--pin-stdin', '--confirm-last-try', ...READER],
      `${p.secrets.kenhojoPin}\n`,
    );
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.json?.name).toBe(p.resident.name);
  });

  it('a blocked card is refused without sending the PIN', async () => {
    const p = loadPersona('blocked');
    await startCard('blocked');
    const r = await kakanai(
      ['card', 'read', '--pin-stdin', '--confirm-last-try', ...READER],
      `${p.secrets.kenhojoPin}\n`,
    );
    expect(r.code).toBe(6);
    expect(errorOf(r).code).toBe('BLOCKED');
  });

  it('a card that is not a My Number Card is reported as such', async () => {
    await startCard('not-mynumber');
    const r = await kakanai(['card', 'status', ...READER]);
    expect(r.code).toBe(4);
    expect(errorOf(r).code).toBe('NOT_MYNUMBER_CARD');
  });

  it('with no card a command fails at once, and --wait waits for one', async () => {
    const emu = await startCard('ordinary');
    await emu.command('remove');
    const started = Date.now();
    const none = await kakanai(['card', 'status', ...READER]);
    expect(none.code).toBe(3);
    expect(errorOf(none).code).toBe('NO_CARD');
    expect(Date.now() - started).toBeLessThan(5000);
    const waiting = kakanai(['card', 'status', '--wait', '15', ...READER]);
    await new Promise((r) => setTimeout(r, 1500));
    await emu.command('insert');
    const r = await waiting;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json?.token).toBe('JPKIAPICCTOKEN2');
  });

  it('a card pulled mid-read gives CARD_REMOVED, and the next read works', async () => {
    const p = loadPersona('long-address');
    const emu = await startCard('long-address');
    await emu.command('pull-after 5');
    const pulled = await kakanai(['card', 'read', '--bno-stdin', ...READER], `${bnoOf('long-address')}\n`);
    expect(pulled.code).toBe(7);
    expect(errorOf(pulled).code).toBe('CARD_REMOVED');
    await emu.command('insert');
    const again = await kakanai(['card', 'read', '--bno-stdin', ...READER], `${bnoOf('long-address')}\n`);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.json?.address).toBe(p.resident.address);
  });

  it('reads the auth certificate without a PIN and the signing certificate with its SAN after the password', async () => {
    const p = loadPersona('ordinary');
    await startCard('ordinary');
    const auth = await kakanai(['card', 'cert', 'auth', ...READER]);
    expect(auth.code, auth.stdout).toBe(0);
    expect(String(auth.json?.subject)).toMatch(/CN=/);
    expect(String(auth.json?.serial)).toMatch(/^[0-9A-F]+$/);
    const sign = await kakanai(
      ['card', 'cert', 'sign', '--password-stdin', ...READER],
      `${p.secrets.jpkiSignPassword}\n`,
    );
    expect(sign.code, sign.stdout).toBe(0);
    expect(sign.json?.san).toMatchObject({ name: p.resident.certName ?? p.resident.name });
  });

  it('internal authentication: the card signs a fresh challenge verified against the auth certificate', async () => {
    const p = loadPersona('ordinary');
    await startCard('ordinary');
    const r = await kakanai(['card', 'auth', '--pin-stdin', ...READER], `${p.secrets.jpkiAuthPin}\n`);
    expect(r.code, r.stdout).toBe(0);
    expect(r.json).toMatchObject({ valid: true, chainVerified: true });
  });

  it('signs a file as CMS that openssl cms -verify accepts against the test CA, and a changed byte fails', async () => {
    const p = loadPersona('ordinary');
    await startCard('ordinary');
    const doc = join(work, 'application.txt');
    const sig = join(work, 'application.p7s');
    writeFileSync(doc, '転入届 電子申請 — 署名対象の文書\n');
    const r = await kakanai(
      ['card', 'sign', '--in', doc, '--out', sig, '--password-stdin', ...READER],
      `${p.secrets.jpkiSignPassword}\n`,
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(existsSync(sig)).toBe(true);
    expect(opensslCmsVerifies(sig, doc)).toBe(true);
    const verify = await kakanai(['card', 'verify', '--in', doc, '--sig', sig]);
    expect(verify.code).toBe(0);
    expect(verify.json?.valid).toBe(true);

    writeFileSync(doc, '転入届 電子申請 — 署名対象の文書!\n');
    expect(opensslCmsVerifies(sig, doc)).toBe(false);
    const tampered = await kakanai(['card', 'verify', '--in', doc, '--sig', sig]);
    expect(tampered.code).toBe(1);
    expect(tampered.json?.valid).toBe(false);
  });

  it('no PIN, password, 照合番号B or 個人番号 used above appears in any log line', () => {
    const log = readFileSync(logFile, 'utf8');
    const lines = log.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(50); // the runs above really logged
    expect(usedSecrets.size).toBeGreaterThan(5);
    for (const secret of usedSecrets) {
      expect(secret.length).toBeGreaterThanOrEqual(4);
      // As text, on token boundaries (a 4-digit PIN may occur inside an unrelated hex string)…
      const asText = new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`);
      // …and as the hex of its ASCII bytes, which is how a leaked APDU dump would show it.
      const asHex = Buffer.from(secret, 'ascii').toString('hex');
      const hits = lines.filter((l) => asText.test(l) || l.toLowerCase().includes(asHex));
      expect(hits, `a secret of length ${secret.length} was found in the log`).toEqual([]);
    }
  });
});
