/**
 * The card, as the kiosk screens need it: status, identify (is it a My Number Card, how many tries
 * are left — spending none), read with the PIN or 照合番号B built from its printed parts, cancel.
 *
 * It holds the CardReaderProvider: the PC/SC system (PcscProvider) or, in demo mode, the virtual
 * card (EmulatorProvider). One card operation at a time (CARD_BUSY otherwise). Each operation
 * connects exclusively and closes with unpower, so no verification outlives it. PINs arrive as
 * strings over the contract: they are wrapped in a Secret at once and disposed by the facade.
 */
import type { BnoPartsInput, CardIdentity, CardStatus, Retries, ResidentView } from '../contract/index.ts';
import type { EventBus } from '../contract/event-bus.ts';
import { fail } from '../contract/errors.ts';
import { CardError } from '../card/errors.ts';
import { buildBno, type BnoBirth } from '../card/myna/bno.ts';
import type { CardCertificate, MyNumberCard, PersonalInfo } from '../card/myna/my-number-card.ts';
import { signPdf } from '../forms/pades.ts';
import { openMyNumberCard } from '../card/myna/open-card.ts';
import type { CertificateHead } from '../crypto/x509.ts';
import { Secret } from '../card/secret.ts';
import {
  readerMatches,
  type CardEvent,
  type CardReaderProvider,
  type ReaderInfo,
} from '../card/transport.ts';
import { warekiOrIso } from '../util/wareki.ts';
import type { ResidentData } from './session-service.ts';

/** The secrets that open the Kenhojo AP (the 4-digit PIN and 照合番号B). */
const KENHOJO_SECRETS = ['kenhojoPin', 'kenhojoB'] as const;

/** What the demo controls need from the virtual-card provider. */
export interface DemoProvider extends CardReaderProvider {
  insert(persona?: string): void;
  remove(): void;
}

/** How long a card stays connected between identify and read (the resident types 照合番号B meanwhile). */
export const HOLD_MS = 90_000;

export interface CardServiceOptions {
  events: EventBus;
  /** The PC/SC system provider (created lazily: the native module may be missing). */
  createSystemProvider: () => CardReaderProvider;
  /** The virtual-card provider for the demo. */
  createDemoProvider: () => DemoProvider;
  readerFilter: () => string | undefined;
  /** Start in demo mode (configured or --demo). */
  demo?: boolean;
}

export type CardReadRequest =
  | { method: 'pin'; pin: string; confirmLastTry: boolean; withMyNumber: boolean }
  | {
      method: 'bno';
      bno: Required<Pick<BnoPartsInput, 'variant'>> & Omit<BnoPartsInput, 'variant'>;
      confirmLastTry: boolean;
    };

function birthOf(b: BnoPartsInput['birth']): BnoBirth {
  return 'date' in b ? { date: b.date } : { era: b.era, eraYear: b.eraYear, month: b.month, day: b.day };
}

export class CardService {
  readonly #events: EventBus;
  readonly #opts: CardServiceOptions;
  #system: CardReaderProvider | undefined;
  #systemFailed = false;
  #demo: DemoProvider | undefined;
  #demoReason: 'configured' | 'no-reader' | null = null;
  #unsubscribe: (() => void) | undefined;
  #busy = false;
  #abort: AbortController | undefined;
  /** A connection kept between identify and read (nothing verified on it). */
  #held: { card: MyNumberCard; timer: ReturnType<typeof setTimeout> } | undefined;
  readonly #removalListeners = new Set<() => void>();

  constructor(options: CardServiceOptions) {
    this.#events = options.events;
    this.#opts = options;
    if (options.demo) this.startDemo('configured');
    else this.#attach(this.#systemProvider());
  }

  /** Called when the card leaves the reader (the session service wipes if configured). */
  onCardRemoved(listener: () => void): () => void {
    this.#removalListeners.add(listener);
    return () => this.#removalListeners.delete(listener);
  }

  get demoActive(): boolean {
    return this.#demo !== undefined;
  }
  get demoReason(): 'configured' | 'no-reader' | null {
    return this.#demoReason;
  }

  #systemProvider(): CardReaderProvider | undefined {
    if (this.#system || this.#systemFailed) return this.#system;
    try {
      this.#system = this.#opts.createSystemProvider();
    } catch {
      // No PC/SC library or service: behave as "no reader" and offer the demo.
      this.#systemFailed = true;
    }
    return this.#system;
  }

  #provider(): CardReaderProvider | undefined {
    return this.#demo ?? this.#systemProvider();
  }

  #attach(provider: CardReaderProvider | undefined): void {
    this.#unsubscribe?.();
    this.#unsubscribe = provider?.onEvent((e: CardEvent) => {
      // The screens hear the readers go and come back; the service's own state is for the log.
      if (e.type === 'service-lost' || e.type === 'service-back') return;
      // Readers the configuration excludes are not this kiosk's business (another slot, another app).
      if (provider !== this.#demo && !readerMatches(e.reader, this.#opts.readerFilter())) return;
      this.#events.publish({ type: 'card', kind: e.type, reader: e.reader });
      if (e.type === 'card-removed') {
        void this.release();
        for (const l of this.#removalListeners) l();
      }
    });
  }

  /** Switches to the virtual card. */
  startDemo(reason: 'configured' | 'no-reader'): void {
    if (!this.#demo) {
      void this.release();
      this.#demo = this.#opts.createDemoProvider();
      this.#attach(this.#demo);
    }
    this.#demoReason = reason;
  }

  demoProvider(): DemoProvider {
    if (!this.#demo) throw fail('DEMO_NOT_ACTIVE', 'The demo is not active.', 'デモは開始されていません。');
    return this.#demo;
  }

  /** Readers of the system provider (not the demo); [] when PC/SC is unavailable. */
  /** The system's readers this terminal may use (its configured reader filter applied). */
  async systemReaders(): Promise<ReaderInfo[]> {
    const p = this.#systemProvider();
    if (!p) return [];
    try {
      const filter = this.#opts.readerFilter();
      return (await p.listReaders()).filter((r) => readerMatches(r.name, filter));
    } catch {
      return [];
    }
  }

  async status(): Promise<CardStatus> {
    const provider = this.#provider();
    const readers: ReaderInfo[] = provider ? await provider.listReaders().catch(() => []) : [];
    const filter = this.#opts.readerFilter();
    const matching = this.#demo ? readers : readers.filter((r) => readerMatches(r.name, filter));
    const state: CardStatus['state'] = this.#busy
      ? 'reading'
      : matching.length === 0
        ? 'no-reader'
        : matching.some((r) => r.cardPresent)
          ? 'card-present'
          : 'no-card';
    return {
      readers: matching.map((r) => ({ name: r.name, cardPresent: r.cardPresent })),
      state,
      demo: this.demoActive,
    };
  }

  /**
   * Runs one exclusive card operation; CARD_BUSY while another runs.
   *
   * `keep`: after identify, the connection is held (nothing is verified on it) for HOLD_MS or until
   * the card leaves, so the read that follows skips connecting, identifying and the retry query
   * (the facade remembers the counters within one exclusive session). Every read releases the card
   * with power-off, so no verification outlives it.
   */
  async #withCard<T>(fn: (card: MyNumberCard) => Promise<T>, keep = false): Promise<T> {
    if (this.#busy)
      throw fail(
        'CARD_BUSY',
        'Another card operation is running.',
        'カードを読み取り中です。しばらくお待ちください。',
      );
    const provider = this.#provider();
    if (!provider) throw new CardError('NO_READER');
    this.#busy = true;
    const abort = (this.#abort = new AbortController());
    let card: MyNumberCard | undefined = this.#takeHeld();
    let release = true;
    try {
      if (!card) {
        this.#events.publish({ type: 'card.progress', stage: 'connecting' });
        const filter = this.#demo ? undefined : this.#opts.readerFilter();
        card = await openMyNumberCard(provider, {
          ...(filter ? { readerFilter: filter } : {}),
          waitMs: 0,
          signal: abort.signal,
        });
      }
      if (abort.signal.aborted) throw new CardError('TIMEOUT', { detail: 'cancelled' });
      const result = await fn(card);
      this.#events.publish({ type: 'card.progress', stage: 'done' });
      if (keep) {
        this.#hold(card);
        release = false;
      }
      return result;
    } finally {
      if (release) await card?.close().catch(() => undefined);
      this.#busy = false;
      this.#abort = undefined;
    }
  }

  #hold(card: MyNumberCard): void {
    const timer = setTimeout(() => void this.release(), HOLD_MS);
    timer.unref?.();
    this.#held = { card, timer };
  }

  #takeHeld(): MyNumberCard | undefined {
    const held = this.#held;
    if (!held) return undefined;
    clearTimeout(held.timer);
    this.#held = undefined;
    return held.card;
  }

  /** Lets go of a held card (power-off). Called on card removal, session wipe and shutdown. */
  async release(): Promise<void> {
    // After a removal the card is gone and power-off fails; there is nothing left to let go of.
    await this.#takeHeld()
      ?.close()
      .catch(() => undefined);
  }

  async identify(): Promise<CardIdentity> {
    return this.#withCard(async (card) => {
      if (card.tokenKind !== 'mynumber-card')
        throw new CardError('NOT_MYNUMBER_CARD', { detail: `token ${card.token}` });
      // Only the two counters the counter and the desk use: fewer round trips, and a card whose
      // JPKI counters answer oddly (no signing certificate) is still read.
      const r = await card.retries(KENHOJO_SECRETS);
      return {
        reader: card.readerName,
        tokenLabel: card.token,
        retries: { pin: r.kenhojoPin, bno: r.kenhojoB },
      };
    }, true);
  }

  /**
   * Tap-only identification for shelter reception and the fare terminal: the auth certificate's
   * serial and validity, no PIN. It identifies a card (a re-issued certificate has a new serial),
   * not a person, and proves nothing about who holds it.
   */
  async tap(): Promise<CertificateHead> {
    return this.#withCard((card) => card.tap());
  }

  /**
   * Before the resident types the 署名用パスワード: does the card have a signing certificate, and
   * how many tries are left (nothing spent). The card stays held for the signing that follows.
   */
  async signingPassword(): Promise<{ hasCertificate: boolean; retriesLeft: number | null }> {
    return this.#withCard(async (card) => {
      if (card.tokenKind !== 'mynumber-card')
        throw new CardError('NOT_MYNUMBER_CARD', { detail: `token ${card.token}` });
      return card.signingPassword();
    }, true);
  }

  /**
   * Signs each document with the card's 署名用電子証明書 (PAdES, one signature per document) in one
   * card session: the signing certificate is read first (VERIFY of the 署名用パスワード), so that
   * `prepare` can draw the holder's name from it on the page before the page is signed; then each
   * document is signed, with a VERIFY right before each signature. The password is wrapped at
   * once and used in copies, each zeroed after its VERIFY; the last try needs `confirmLastTry`.
   */
  async signPdfs(
    password: string,
    documents: ReadonlyArray<{ id: string; pdf: Uint8Array }>,
    opts: {
      confirmLastTry: boolean;
      signingTime: Date;
      prepare?: (pdf: Uint8Array, certificate: CardCertificate) => Promise<Uint8Array>;
    },
  ): Promise<{ certificate: CardCertificate; documents: Array<{ id: string; pdf: Uint8Array }> }> {
    const master = Secret.fromString(password);
    const copy = () => master.use((b) => Secret.fromBytes(Buffer.from(b)));
    try {
      return await this.#withCard(async (card) => {
        if (card.tokenKind !== 'mynumber-card')
          throw new CardError('NOT_MYNUMBER_CARD', { detail: `token ${card.token}` });
        const confirm = { confirmLastTry: opts.confirmLastTry };
        const certificate = await card.readCertificate('sign', { password: copy(), ...confirm });
        // Every page is prepared at once: the stamping runs while the card works on the first.
        const pages = documents.map((d) =>
          opts.prepare ? opts.prepare(d.pdf, certificate) : Promise.resolve(d.pdf),
        );
        pages.forEach((p) => p.catch(() => undefined)); // awaited in turn below
        const signed: Array<{ id: string; pdf: Uint8Array }> = [];
        for (const [i, d] of documents.entries()) {
          const page = await pages[i]!;
          const pdf = await signPdf(page, {
            signCms: (sha256) =>
              card.signCms(copy(), { sha256 }, { signingTime: null, includeCaCertificate: true, ...confirm }),
            signingTime: opts.signingTime,
            reason: '電子申請',
            ...(certificate.san?.name ? { name: certificate.san.name } : {}),
          });
          signed.push({ id: d.id, pdf });
        }
        return { certificate, documents: signed };
      });
    } finally {
      master.dispose();
    }
  }

  async retries(): Promise<Retries> {
    return this.#withCard(async (card) => {
      const r = await card.retries(KENHOJO_SECRETS);
      return { pin: r.kenhojoPin, bno: r.kenhojoB };
    }, true);
  }

  /**
   * Verifies and reads. The secret is wrapped at once; on every path it is disposed (the facade
   * disposes what it receives; the parts are disposed here).
   */
  async read(req: CardReadRequest): Promise<{ view: ResidentView; data: ResidentData }> {
    let secret: Secret;
    if (req.method === 'pin') {
      secret = Secret.fromString(req.pin);
    } else {
      const code = Secret.fromString(req.bno.securityCode);
      try {
        secret = buildBno(
          { birth: birthOf(req.bno.birth), expiryYear: req.bno.expiryYear, securityCode: code },
          req.bno.variant,
        );
      } finally {
        code.dispose();
      }
    }
    let handedOver = false;
    try {
      return await this.#withCard(async (card) => {
        if (card.tokenKind !== 'mynumber-card')
          throw new CardError('NOT_MYNUMBER_CARD', { detail: `token ${card.token}` });
        this.#events.publish({ type: 'card.progress', stage: 'verifying' });
        handedOver = true;
        const info: PersonalInfo =
          req.method === 'pin'
            ? await card.readWithPin(secret, {
                confirmLastTry: req.confirmLastTry,
                myNumber: req.withMyNumber,
              })
            : await card.readWithBno(secret, { confirmLastTry: req.confirmLastTry });
        this.#events.publish({ type: 'card.progress', stage: 'reading' });
        const data: ResidentData = {
          name: info.name,
          address: info.address,
          birthDate: info.birthDate,
          sex: info.sex,
          method: req.method,
          ...(info.myNumber !== undefined ? { myNumber: info.myNumber } : {}),
        };
        const view: ResidentView = {
          name: info.name,
          address: info.address,
          birthDate: info.birthDate,
          birthDateWareki: warekiOrIso(info.birthDate),
          sex: info.sex,
          myNumberRead: info.myNumber !== undefined,
          method: req.method,
        };
        return { view, data };
      });
    } finally {
      if (!handedOver) secret.dispose();
    }
  }

  /** Aborts a connect in progress and lets go of a held card. */
  cancel(): void {
    this.#abort?.abort();
    void this.release();
  }

  async close(): Promise<void> {
    await this.release();
    this.#unsubscribe?.();
    await this.#demo?.close().catch(() => undefined);
    await this.#system?.close().catch(() => undefined);
  }
}
