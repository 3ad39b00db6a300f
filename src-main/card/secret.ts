/**
 * A PIN, password or 照合番号B held only as bytes that are zeroed after use.
 *
 * It never turns into a string by accident: toString, toJSON and util.inspect all print
 * "[secret]", so a stray log line or JSON.stringify cannot leak it.
 */
import { inspect } from 'node:util';

export class Secret {
  #bytes: Buffer;
  #disposed = false;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /** Takes ownership of `bytes` (they are zeroed when this Secret is disposed). */
  static fromBytes(bytes: Buffer): Secret {
    return new Secret(bytes);
  }

  /** For tests and UI input that already is a JS string (strings cannot be zeroed; keep them short-lived). */
  static fromString(value: string): Secret {
    return new Secret(Buffer.from(value, 'ascii'));
  }

  get length(): number {
    return this.#bytes.length;
  }

  /** Calls `fn` with the raw bytes; the caller must not keep a reference to them. */
  use<T>(fn: (bytes: Buffer) => T): T {
    if (this.#disposed) throw new Error('Secret used after dispose');
    return fn(this.#bytes);
  }

  /**
   * Calls async `fn` with a copy of the bytes (work on libuv's thread pool, such as a KDF, may
   * outlive a `use` callback, and the secret may be disposed meanwhile); the copy is zeroed after.
   */
  async useCopy<T>(fn: (bytes: Buffer) => Promise<T>): Promise<T> {
    const copy = this.use((b) => Buffer.from(b));
    try {
      return await fn(copy);
    } finally {
      copy.fill(0);
    }
  }

  /** True when every byte is an ASCII digit. */
  isDigits(): boolean {
    return this.use((b) => b.length > 0 && b.every((c) => c >= 0x30 && c <= 0x39));
  }

  dispose(): void {
    this.#bytes.fill(0);
    this.#disposed = true;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return '[secret]';
  }
}

/** Runs `fn` and zeroes the secret afterwards, whatever happens. */
export async function withSecret<T>(secret: Secret, fn: (s: Secret) => Promise<T>): Promise<T> {
  try {
    return await fn(secret);
  } finally {
    secret.dispose();
  }
}
