/**
 * `kakanai readers` and `kakanai card …`: the card stack for staff, scripts and tests.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import {
  UsageError,
  optNumber,
  optString,
  requireString,
  type Command,
  type CommandContext,
} from '../command.ts';
import { readerMatches, type CardEvent } from '../../card/transport.ts';
import { CARD_OPTIONS, confirmLastTry, openProvider, withCard } from '../card-context.ts';
import { getSecret } from '../secret-input.ts';
import { loadTrustRoots } from '../../crypto/trust.ts';
import { verifyDetachedCms } from '../../crypto/cms.ts';
import { CERT_KINDS, type CertKind } from '../../card/myna/jpki.ts';

const SEX_JA = { male: '男', female: '女', other: 'その他' } as const;

const readers: Command = {
  path: ['readers'],
  summary: 'list card readers and whether a card is present',
  usage: 'kakanai readers [--json] [--emulator PERSONA]',
  options: { emulator: CARD_OPTIONS.emulator },
  async run(ctx) {
    const provider = await openProvider(ctx);
    try {
      const list = await provider.listReaders();
      const human = list.length
        ? list
            .map((r) => `${r.cardPresent ? '●' : '○'} ${r.name}${r.cardPresent ? '  (card)' : ''}`)
            .join('\n')
        : 'no card readers found';
      return { json: { readers: list }, human };
    } finally {
      await provider.close();
    }
  },
};

const watch: Command = {
  path: ['card', 'watch'],
  summary:
    'print reader and card events as they happen (reader added/removed, card inserted/removed, service lost/back)',
  usage:
    'kakanai card watch [--json] [--reader SUBSTRING] [--duration SECONDS] [--emulator PERSONA]\n' +
    'One line per event (with --json one JSON object per line) until Ctrl-C or --duration.',
  options: { reader: CARD_OPTIONS.reader, emulator: CARD_OPTIONS.emulator, duration: { type: 'string' } },
  async run(ctx) {
    const provider = await openProvider(ctx);
    const filter = optString(ctx, 'reader');
    let count = 0;
    const print = (e: CardEvent) => {
      const service = e.type === 'service-lost' || e.type === 'service-back';
      if (!service && !readerMatches(e.reader, filter)) return;
      count++;
      const at = new Date().toISOString();
      ctx.stdout.write(
        ctx.json
          ? `${JSON.stringify({ at, event: e.type, reader: e.reader })}\n`
          : `${at}  ${e.type}${e.reader ? `  ${e.reader}` : ''}\n`,
      );
    };
    try {
      const off = provider.onEvent(print);
      // What is there already, as events, so the first lines show the state.
      for (const r of await provider.listReaders()) {
        print({ type: 'reader-added', reader: r.name });
        if (r.cardPresent) print({ type: 'card-inserted', reader: r.name });
      }
      const duration = optNumber(ctx, 'duration');
      // Keeps the process alive while the PC/SC service is away (nothing else holds the loop then).
      const keepAlive = setInterval(() => undefined, 60_000);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
        if (duration !== undefined) setTimeout(resolve, duration * 1000);
      });
      clearInterval(keepAlive);
      off();
    } finally {
      await provider.close();
    }
    // The events were the output; the closing result only counts them (stderr in human mode).
    return { json: { events: count }, human: `${count} events` };
  },
};

const status: Command = {
  path: ['card', 'status'],
  summary: 'identify the card and show the remaining tries of every secret (spends none)',
  usage: 'kakanai card status [--json] [--reader SUBSTRING] [--wait SECONDS] [--emulator PERSONA]',
  options: CARD_OPTIONS,
  async run(ctx) {
    return withCard(ctx, async (card) => {
      const retries = await card.retries();
      const json = { card: { reader: card.readerName, type: 'mynumber' }, token: card.token, retries };
      const fmt = (n: number | null) =>
        n === null
          ? 'not known (verified in this session, or not on this card)'
          : n === 0
            ? 'BLOCKED'
            : String(n);
      const human = [
        `reader: ${card.readerName}`,
        `token:  ${card.token}`,
        `券面事項入力補助 PIN: ${fmt(retries.kenhojoPin)}`,
        `照合番号B:            ${fmt(retries.kenhojoB)}`,
        `利用者証明用 PIN:     ${fmt(retries.jpkiAuthPin)}`,
        `署名用パスワード:     ${fmt(retries.jpkiSignPassword)}`,
      ].join('\n');
      return { json, human };
    });
  },
};

const tap: Command = {
  path: ['card', 'tap'],
  summary:
    'tap-only identification: the auth certificate serial and validity, no PIN (identifies a card, not a person)',
  usage: 'kakanai card tap [--json] [--reader SUBSTRING] [--wait SECONDS] [--emulator PERSONA]',
  options: CARD_OPTIONS,
  async run(ctx) {
    const started = performance.now();
    const { head, apdus } = await withCard(ctx, async (card) => ({
      head: await card.tap(),
      apdus: card.apduCount,
    }));
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const json = { ...head, apdus, ms };
    const human = [
      `serial:    ${head.serial}`,
      `not after: ${head.notAfter}`,
      `issuer:    ${head.issuer}`,
      `${apdus} APDUs, ${ms} ms`,
    ].join('\n');
    return { json, human };
  },
};

const read: Command = {
  path: ['card', 'read'],
  summary: 'read 基本4情報 with the PIN or 照合番号B (and the 個人番号 with the PIN, if asked)',
  usage:
    'kakanai card read (--pin-stdin | --bno-stdin) [--my-number] [--confirm-last-try] [--json] [--reader S] [--wait SEC]\n' +
    'Without --pin-stdin/--bno-stdin it prompts for the PIN on the terminal (--bno to prompt for 照合番号B).',
  options: {
    ...CARD_OPTIONS,
    'pin-stdin': { type: 'boolean', default: false },
    'bno-stdin': { type: 'boolean', default: false },
    bno: { type: 'boolean', default: false },
    'my-number': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const useB = ctx.values['bno-stdin'] === true || ctx.values.bno === true;
    if (useB && ctx.values['pin-stdin'] === true)
      throw new UsageError('give either --pin-stdin or --bno-stdin');
    const wantMyNumber = ctx.values['my-number'] === true;
    if (useB && wantMyNumber) {
      throw new UsageError(
        '照合番号B does not open the 個人番号: use the PIN (--pin-stdin) with --my-number',
      );
    }
    // Read the secret before touching the card, so a prompt never holds the card.
    const secret = useB
      ? await getSecret(ctx, 'bno-stdin', '照合番号B (14 digits)')
      : await getSecret(ctx, 'pin-stdin', '暗証番号 PIN (4 digits)');
    const data = await withCard(ctx, (card) =>
      useB
        ? card.readWithBno(secret, { confirmLastTry: confirmLastTry(ctx) })
        : card.readWithPin(secret, { myNumber: wantMyNumber, confirmLastTry: confirmLastTry(ctx) }),
    );
    const human = [
      `氏名:     ${data.name}`,
      `住所:     ${data.address}`,
      `生年月日: ${data.birthDate}`,
      `性別:     ${SEX_JA[data.sex]}`,
      ...(data.myNumber ? [`個人番号: ${data.myNumber}`] : []),
    ].join('\n');
    return { json: data, human };
  },
};

function certKind(ctx: CommandContext): CertKind {
  const kind = ctx.positionals[0];
  if (!kind || !(CERT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`which certificate? one of: ${CERT_KINDS.join(', ')}`);
  }
  return kind as CertKind;
}

const cert: Command = {
  path: ['card', 'cert'],
  summary: 'read a JPKI certificate (auth, sign, auth-ca, sign-ca)',
  usage:
    'kakanai card cert auth|sign|auth-ca|sign-ca [--password-stdin] [--out FILE.der] [--json] [--reader S]',
  allowPositionals: true,
  options: {
    ...CARD_OPTIONS,
    'password-stdin': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  async run(ctx) {
    const kind = certKind(ctx);
    const password =
      kind === 'sign'
        ? await getSecret(ctx, 'password-stdin', '署名用パスワード (6–16 characters)')
        : undefined;
    const c = await withCard(ctx, (card) =>
      card.readCertificate(kind, { password, confirmLastTry: confirmLastTry(ctx) }),
    );
    const out = optString(ctx, 'out');
    if (out) await writeFile(out, c.der);
    const { der: _der, ...summary } = c;
    const json = { ...summary, ...(out ? { out } : {}) };
    return { json, human: JSON.stringify(json, null, 2) };
  },
};

const auth: Command = {
  path: ['card', 'auth'],
  summary: 'internal authentication: the card signs a random challenge with its auth key',
  usage: 'kakanai card auth --pin-stdin [--confirm-last-try] [--json] [--reader S]',
  options: { ...CARD_OPTIONS, 'pin-stdin': { type: 'boolean', default: false } },
  async run(ctx) {
    const pin = await getSecret(ctx, 'pin-stdin', '利用者証明用 暗証番号 (4 digits)');
    const result = await withCard(ctx, (card) =>
      card.internalAuthenticate(pin, { confirmLastTry: confirmLastTry(ctx), trustRoots: loadTrustRoots() }),
    );
    return {
      json: result,
      human: result.valid ? `authenticated: certificate ${result.serial}` : 'the card failed authentication',
      exitCode: result.valid ? 0 : 1,
    };
  },
};

const sign: Command = {
  path: ['card', 'sign'],
  summary: 'sign a file with the 署名用 key: CMS/PKCS#7 detached signature',
  usage:
    'kakanai card sign --in FILE --out FILE.p7s --password-stdin [--confirm-last-try] [--json] [--reader S]',
  options: {
    ...CARD_OPTIONS,
    in: { type: 'string' },
    out: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const inFile = requireString(ctx, 'in');
    const outFile = requireString(ctx, 'out');
    const content = await readFile(inFile);
    const password = await getSecret(ctx, 'password-stdin', '署名用パスワード (6–16 characters)');
    const p7s = await withCard(ctx, (card) =>
      card.signCms(password, content, { confirmLastTry: confirmLastTry(ctx) }),
    );
    await writeFile(outFile, p7s);
    const json = {
      in: inFile,
      out: outFile,
      bytes: p7s.length,
      contentSha256: createHash('sha256').update(content).digest('hex'),
    };
    return { json, human: `signed ${inFile} → ${outFile} (${p7s.length} bytes)` };
  },
};

const verify: Command = {
  path: ['card', 'verify'],
  summary: 'verify a detached CMS signature and its certificate chain (no card needed)',
  usage: 'kakanai card verify --in FILE --sig FILE.p7s [--json]',
  options: { in: { type: 'string' }, sig: { type: 'string' } },
  async run(ctx) {
    const content = await readFile(requireString(ctx, 'in'));
    const p7s = await readFile(requireString(ctx, 'sig'));
    const result = await verifyDetachedCms(p7s, content, { trustRoots: loadTrustRoots() });
    return {
      json: result,
      human: result.valid
        ? `valid signature by ${result.signer.subject}`
        : `INVALID (${result.code}): ${result.reason}`,
      exitCode: result.valid ? 0 : 1,
    };
  },
};

export const cardCommands: Command[] = [readers, watch, status, tap, read, cert, auth, sign, verify];
