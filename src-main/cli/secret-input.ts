/**
 * Reads a PIN, password or 照合番号B from stdin (for scripts: `--pin-stdin`) or by prompting on
 * the terminal with echo off. Bytes go straight into a Secret; a trailing newline is ignored.
 */
import { Secret } from '../card/secret.ts';
import { UsageError, type CommandContext } from './command.ts';

const MAX_SECRET_BYTES = 64;

async function readAllStdin(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  const all = Buffer.concat(chunks);
  for (const c of chunks) c.fill(0);
  return all;
}

/** Strips one trailing "\n" or "\r\n" in place; returns a view on the kept bytes. */
function trimNewline(buf: Buffer): Buffer {
  let end = buf.length;
  if (end > 0 && buf[end - 1] === 0x0a) end--;
  if (end > 0 && buf[end - 1] === 0x0d) end--;
  return buf.subarray(0, end);
}

export async function readSecretFromStdin(stdin: NodeJS.ReadableStream): Promise<Secret> {
  const all = await readAllStdin(stdin);
  const kept = trimNewline(all);
  if (kept.length === 0) {
    all.fill(0);
    throw new UsageError('no secret was given on stdin');
  }
  if (kept.length > MAX_SECRET_BYTES) {
    all.fill(0);
    throw new UsageError('the secret on stdin is too long');
  }
  const copy = Buffer.alloc(kept.length);
  kept.copy(copy);
  all.fill(0);
  return Secret.fromBytes(copy);
}

/** Prompts on the controlling terminal with echo off. */
export async function promptSecret(prompt: string, ctx: CommandContext): Promise<Secret> {
  const stdin = ctx.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY) {
    throw new UsageError(
      `${prompt}: no terminal to prompt on; pass the secret on stdin with the --*-stdin option`,
    );
  }
  ctx.stderr.write(`${prompt}: `);
  stdin.setRawMode(true);
  stdin.resume();
  const bytes = Buffer.alloc(MAX_SECRET_BYTES);
  let len = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        for (const c of chunk) {
          if (c === 0x0d || c === 0x0a) {
            stdin.off('data', onData);
            resolve();
            return;
          }
          if (c === 0x03) {
            stdin.off('data', onData);
            reject(new UsageError('cancelled'));
            return;
          }
          if (c === 0x7f || c === 0x08) {
            if (len > 0) bytes[--len] = 0;
          } else if (len < MAX_SECRET_BYTES) {
            bytes[len++] = c;
          }
        }
        chunk.fill(0);
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    ctx.stderr.write('\n');
  }
  const copy = Buffer.alloc(len);
  bytes.copy(copy, 0, 0, len);
  bytes.fill(0);
  return Secret.fromBytes(copy);
}

/** `--X-stdin` given → read stdin; otherwise prompt on the TTY. */
export async function getSecret(ctx: CommandContext, stdinFlag: string, prompt: string): Promise<Secret> {
  if (ctx.values[stdinFlag] === true) return readSecretFromStdin(ctx.stdin);
  return promptSecret(prompt, ctx);
}

/**
 * Several secrets on stdin, one per line (the store passphrase first, then the card's PIN or
 * 照合番号B), so a script gives both without a terminal. Every buffer is zeroed after the copy.
 */
export async function readSecretLinesFromStdin(
  stdin: NodeJS.ReadableStream,
  count: number,
): Promise<Secret[]> {
  const all = await readAllStdin(stdin);
  const secrets: Secret[] = [];
  try {
    let start = 0;
    for (let i = 0; i < count; i++) {
      let end = all.indexOf(0x0a, start);
      if (end < 0) end = all.length;
      const line = trimNewline(all.subarray(start, Math.min(end + 1, all.length)));
      if (line.length === 0)
        throw new UsageError(`stdin: line ${i + 1} of ${count} is empty (one secret per line)`);
      if (line.length > MAX_SECRET_BYTES) throw new UsageError(`stdin: line ${i + 1} is too long`);
      const copy = Buffer.alloc(line.length);
      line.copy(copy);
      secrets.push(Secret.fromBytes(copy));
      start = end + 1;
    }
    return secrets;
  } catch (e) {
    for (const s of secrets) s.dispose();
    throw e;
  } finally {
    all.fill(0);
  }
}
