/**
 * The virtual card as a separate process plugged into pcscd through vpcd, driven through its
 * stdin control protocol (remove / insert / pull-after N / quit) exactly as a developer would.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { REPO_ROOT } from './services.ts';

export class EmulatorProcess {
  private lines: string[] = [];
  private waiters: Array<() => void> = [];

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        this.lines.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
        for (const w of this.waiters.splice(0)) w();
      }
    });
  }

  static async start(
    persona: string,
    opts: { port?: number; logFile?: string } = {},
  ): Promise<EmulatorProcess> {
    const args = ['emulator', '--persona', persona, '--vpcd', `127.0.0.1:${opts.port ?? 35963}`, '--json'];
    const child = spawn(process.execPath, [`${REPO_ROOT}/bin/kakanai.mjs`, ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...(opts.logFile ? { KAKANAI_LOG_FILE: opts.logFile, KAKANAI_LOG_LEVEL: 'debug' } : {}),
      },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const emu = new EmulatorProcess(child);
    try {
      await emu.waitForLine((l) => l.includes('ready'), 15_000);
    } catch (e) {
      child.kill('SIGKILL');
      throw new Error(`emulator did not become ready: ${(e as Error).message}\nstderr: ${stderr}`, {
        cause: e,
      });
    }
    // Give pcscd a moment to notice the new card before a command looks for it.
    await new Promise((r) => setTimeout(r, 300));
    return emu;
  }

  waitForLine(match: (line: string) => boolean, timeoutMs = 5000): Promise<string> {
    const start = this.lines.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for emulator output')), timeoutMs);
      const check = () => {
        const found = this.lines.slice(start).find(match);
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Sends one control command and waits for its acknowledgement line. */
  async command(cmd: string): Promise<string> {
    const word = cmd.split(' ')[0]!;
    const ack = this.waitForLine((l) => l.includes(word));
    this.child.stdin.write(cmd + '\n');
    const line = await ack;
    await new Promise((r) => setTimeout(r, 300)); // let pcscd observe insertion/removal
    return line;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
