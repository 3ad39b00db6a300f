/**
 * The fare terminal behind the kiosk contract (`fare.*` calls), for two screens:
 *
 * - the vehicle: staff open it with the store passphrase at the start of the shift; then the
 *   passenger taps → green (rides left) or red (why) → the driver enters the metered fare → the
 *   ride is recorded (and a receipt printed if asked). The tapped serial stays here, never in the
 *   renderer: `ride` records the last tap's card, for two minutes.
 * - the city-hall clerk: the card read with 照合番号B or the PIN → eligibility explained → with the
 *   holder's consent, registered (the card of the last check, for five minutes); a lost card found
 *   by name and birth date and blocked.
 *
 * FareService does the work; this adds the store file beside the terminal configuration (or
 * $KAKANAI_FARE_DB), the card reads, contract shapes and typed errors. Log lines carry the
 * action and the result code only.
 */
import { dirname, join, resolve } from 'node:path';
import type { CallOutput, CallParsedInput, FareCheck, FareStatus } from '../../contract/index.ts';
import { ApiFailure, fail } from '../../contract/errors.ts';
import type { Secret } from '../../card/secret.ts';
import type { CertificateHead } from '../../crypto/x509.ts';
import type { CardReadRequest } from '../../services/card-service.ts';
import type { ResidentData } from '../../services/session-service.ts';
import { storeFailure, TerminalHost } from '../../services/terminal-host.ts';
import { StoreError } from '../../store/errors.ts';
import { parseBirthDate } from '../../roster/birth-date.ts';
import { warekiOrIso } from '../../util/wareki.ts';
import { splitFare, type Decision } from './decide.ts';
import { FareError } from './errors.ts';
import { receiptPdf } from './receipt.ts';
import type { CardHolder, FareService } from './service.ts';

export const TAP_VALID_MS = 120_000;
export const CHECK_VALID_MS = 300_000;

/** What the fare terminal needs from the kiosk's other services (narrow, so tests pass doubles). */
export interface FareDeskDeps {
  terminalId: () => string;
  configPath: () => string;
  card: {
    read(req: CardReadRequest): Promise<{ data: ResidentData }>;
    tap(): Promise<CertificateHead>;
  };
  print: {
    submit(
      pdf: Uint8Array,
      options: { printer?: string | undefined; copies: number; pageCount: number },
    ): Promise<{ jobId: string; printer: string }>;
  };
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  openService?: (path: string, passphrase: Secret) => Promise<FareService>;
}

export function fareStorePath(configPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.KAKANAI_FARE_DB;
  return fromEnv ? resolve(fromEnv) : join(dirname(resolve(configPath)), 'fare.db');
}

function notSetUp(): ApiFailure {
  return fail(
    'FARE_NOT_SET_UP',
    'This terminal has no fare store: set it up with `kakanai fare init`.',
    'この端末には運賃補助のデータがありません（kakanai fare init で設定してください）。',
  );
}

function noTap(what: 'tap' | 'check'): ApiFailure {
  return what === 'tap'
    ? fail('NO_TAP', 'Tap the card again.', 'もう一度カードをタッチしてください。')
    : fail('NO_TAP', 'Read the card again.', 'もう一度カードを読み取ってください。');
}

/** Store and fare errors → the contract's codes (messages carry no personal data). */
export function toFareFailure(e: unknown): unknown {
  if (e instanceof StoreError) return storeFailure(e, { notSetUp, invalid: 'FARE_STORE_INVALID' });
  if (e instanceof FareError) {
    switch (e.code) {
      case 'NOT_ELIGIBLE':
        return fail('NOT_ELIGIBLE', e.message, e.messageJa, { details: e.details });
      case 'CARD_BLOCKED':
        return fail('CARD_BLOCKED', e.message, e.messageJa);
      case 'NOT_FOUND':
        return fail('HOLDER_NOT_FOUND', e.message, e.messageJa);
      case 'BAD_INPUT':
      case 'NO_VEHICLE':
        return fail('INVALID_INPUT', e.message, e.messageJa);
      case 'NOT_CONFIGURED':
        return fail('FARE_STORE_INVALID', e.message, e.messageJa, { details: { storeCode: e.code } });
      default:
        return e;
    }
  }
  return e;
}

async function defaultOpen(path: string, passphrase: Secret): Promise<FareService> {
  const { FareService } = await import('./service.ts');
  return FareService.open(path, passphrase);
}

const last4 = (serial: string) => serial.slice(-4);

interface PendingCheck {
  card: CardHolder;
  cert: CertificateHead;
  at: number;
}

interface PendingTap {
  serial: string;
  at: number;
  decision: Extract<Decision, { ok: true }>;
}

export class FareDesk {
  readonly #d: FareDeskDeps;
  readonly #now: () => number;
  readonly #host: TerminalHost<FareService>;
  /** The last tap in the vehicle: its card and decision (main process only). */
  #tap: PendingTap | undefined;
  /** The last card read at city hall. */
  #check: PendingCheck | undefined;

  constructor(deps: FareDeskDeps) {
    this.#d = deps;
    this.#now = deps.now ?? Date.now;
    this.#host = new TerminalHost<FareService>({
      logEvent: 'fare.desk',
      storePath: () => fareStorePath(this.#d.configPath(), this.#d.env),
      open: (path, passphrase) => (this.#d.openService ?? defaultOpen)(path, passphrase),
      notSetUp,
      notOpen: () =>
        fail(
          'FARE_NOT_OPEN',
          'Open the terminal with the store passphrase first.',
          '先にパスフレーズを入力して端末を開いてください。',
        ),
      toFailure: toFareFailure,
      failureCode: (mapped, e) =>
        mapped instanceof ApiFailure ? mapped.code : ((e as { code?: string }).code ?? 'INTERNAL'),
      logFields: (out) => {
        const r = (out as { decision?: Decision; recorded?: boolean; reason?: string } | undefined) ?? {};
        const d = r.decision;
        return {
          ...(d ? { result: d.ok ? 'green' : d.reason } : {}),
          ...(r.recorded !== undefined ? { result: r.recorded ? 'recorded' : (r.reason ?? 'refused') } : {}),
        };
      },
      ...(deps.now ? { now: deps.now } : {}),
    });
  }

  get storePath(): string {
    return this.#host.storePath;
  }

  #run<T>(action: string, fn: (svc: FareService) => Promise<T> | T): Promise<T> {
    return this.#host.run(action, () => fn(this.#host.service()));
  }

  open(passphrase: string): Promise<FareStatus> {
    return this.#host.run('open', async () => {
      await this.#host.open(passphrase);
      return this.#status();
    });
  }

  close(): Promise<{ done: true }> {
    return this.#host.run('close', async () => {
      await this.shutdown();
      return { done: true as const };
    });
  }

  shutdown(): Promise<void> {
    this.#tap = undefined;
    this.#check = undefined;
    return this.#host.shutdown();
  }

  status(): Promise<FareStatus> {
    return this.#host.run('status', () => this.#status());
  }

  #status(): FareStatus {
    const svc = this.#host.current;
    const base: FareStatus = {
      mode: 'fare',
      ready: false,
      storeFound: this.#host.storeFound(),
      terminalId: this.#d.terminalId(),
      categories: [],
    };
    if (!svc) return base;
    const c = svc.config();
    return {
      ...base,
      ready: true,
      storeFound: true,
      terminalId: c.terminalId,
      role: c.role,
      programName: c.programName,
      ...(c.vehicle ? { vehicle: c.vehicle } : {}),
      ...(c.operatorName ? { operatorName: c.operatorName } : {}),
      ...(c.registry
        ? {
            registry: {
              ...c.registry,
              ageDays: Math.floor((this.#now() - c.registry.issuedAt) / 86_400_000),
            },
          }
        : {}),
      categories: svc.program.eligibility.categories.map((x) => ({ id: x.id, label: x.label })),
      today: svc.today(),
    };
  }

  // ── the vehicle ───────────────────────────────────────────────────────────────────────────

  tap(): Promise<CallOutput<'fare.tap'>> {
    return this.#run('tap', async (svc) => {
      this.#tap = undefined;
      const head = await this.#d.card.tap();
      const at = this.#now();
      const d = svc.decide(head.serial, at);
      if (d.ok) this.#tap = { serial: head.serial, at, decision: d };
      const decision = d.ok
        ? {
            ok: true as const,
            leftToday: d.leftToday,
            leftThisYear: d.leftThisYear,
            ...(d.repeatOf ? { repeatOf: d.repeatOf } : {}),
          }
        : { ok: false as const, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}) };
      return { decision, card: last4(head.serial) };
    });
  }

  #pendingTap(): PendingTap {
    const t = this.#tap;
    if (!t || this.#now() - t.at > TAP_VALID_MS) throw noTap('tap');
    return t;
  }

  quote(fareYen: number): Promise<CallOutput<'fare.quote'>> {
    return this.#run('quote', () => {
      const t = this.#pendingTap();
      return { fareYen, ...splitFare(t.decision.value, fareYen) };
    });
  }

  ride(input: CallParsedInput<'fare.ride'>): Promise<CallOutput<'fare.ride'>> {
    return this.#run('ride', async (svc) => {
      const t = this.#pendingTap();
      const r = svc.ride({
        serial: t.serial,
        fareYen: input.fareYen,
        confirmRepeat: input.confirmRepeat,
        ...(input.place ? { place: input.place } : {}),
      });
      if (!r.recorded)
        return { recorded: false as const, reason: r.reason, ...(r.detail ? { detail: r.detail } : {}) };
      this.#tap = undefined;
      const out: CallOutput<'fare.ride'> = {
        recorded: true,
        ride: {
          rideId: r.ride.rideId,
          at: r.ride.at,
          fareYen: r.ride.fareYen,
          subsidyYen: r.ride.subsidyYen,
          payYen: r.ride.payYen,
        },
        leftToday: r.decision.leftToday,
        leftThisYear: r.decision.leftThisYear,
      };
      if (!input.receipt) return out;
      // The ride is on disk already: a printer problem must not lose it, so it is reported apart.
      const c = svc.config();
      const pdf = await receiptPdf({
        programName: c.programName,
        operatorName: c.operatorName ?? r.ride.operatorId,
        vehicle: r.ride.vehicle,
        rideId: r.ride.rideId,
        at: r.ride.at,
        card: last4(t.serial),
        fareYen: r.ride.fareYen,
        subsidyYen: r.ride.subsidyYen,
        payYen: r.ride.payYen,
        leftToday: r.decision.leftToday,
        leftThisYear: r.decision.leftThisYear,
      });
      try {
        return {
          ...out,
          receipt: await this.#d.print.submit(pdf, { printer: input.printer, copies: 1, pageCount: 1 }),
        };
      } catch {
        return out;
      }
    });
  }

  cancel(): Promise<{ done: true }> {
    this.#tap = undefined;
    return Promise.resolve({ done: true as const });
  }

  // ── city hall ─────────────────────────────────────────────────────────────────────────────

  check(input: CallParsedInput<'fare.check'>): Promise<FareCheck> {
    return this.#run('check', async (svc) => {
      this.#check = undefined;
      const c = input.card;
      // Never the 個人番号: eligibility needs the birth date and the address.
      const req: CardReadRequest =
        c.method === 'pin'
          ? { method: 'pin', pin: c.pin, confirmLastTry: c.confirmLastTry, withMyNumber: false }
          : { method: 'bno', bno: c.bno, confirmLastTry: c.confirmLastTry };
      const { data } = await this.#d.card.read(req);
      const cert = await this.#d.card.tap();
      this.#check = {
        card: { name: data.name, birthDate: data.birthDate, address: data.address },
        cert,
        at: this.#now(),
      };
      return this.#assess(svc, this.#check, input.categories);
    });
  }

  reassess(input: CallParsedInput<'fare.reassess'>): Promise<FareCheck> {
    return this.#run('reassess', (svc) => this.#assess(svc, this.#pendingCheck(), input.categories));
  }

  #pendingCheck(): PendingCheck {
    const c = this.#check;
    if (!c || this.#now() - c.at > CHECK_VALID_MS) throw noTap('check');
    return c;
  }

  #assess(svc: FareService, c: PendingCheck, categories: readonly string[]): FareCheck {
    const a = svc.assess(c.card, c.cert, categories);
    const e = a.eligibility;
    return {
      card: { name: c.card.name, birthDateWareki: warekiOrIso(c.card.birthDate), address: c.card.address },
      eligibility: e.eligible
        ? { eligible: true as const, rule: e.rule, since: e.since, validTo: a.validTo! }
        : { eligible: false as const, reason: e.reason, ...(e.from ? { from: e.from } : {}) },
      earlierCards: svc
        .cardsOf(c.card)
        .map((x) => x.serial)
        .filter((s) => s !== c.cert.serial.toUpperCase())
        .map(last4),
    };
  }

  register(input: CallParsedInput<'fare.register'>): Promise<CallOutput<'fare.register'>> {
    return this.#run('register', (svc) => {
      const c = this.#pendingCheck();
      const r = svc.register(c.card, c.cert, {
        categories: input.categories,
        operator: `clerk@${svc.config().terminalId}`,
      });
      this.#check = undefined;
      return {
        card: last4(r.serial),
        rule: r.eligibility.rule,
        since: r.eligibility.since,
        validFrom: r.validFrom,
        validTo: r.validTo,
        earlierCards: r.earlierCards.map(last4),
        ridesThisYear: r.ridesThisYear,
      };
    });
  }

  findHolder(input: CallParsedInput<'fare.findHolder'>): Promise<CallOutput<'fare.findHolder'>> {
    return this.#run('findHolder', (svc) => {
      const b = parseBirthDate(input.birthDate);
      if (!b.ok)
        throw fail(
          'INVALID_INPUT',
          `unreadable birth date: ${input.birthDate}`,
          '生年月日を読み取れません。',
        );
      const cards = svc.cardsOf({ name: input.name, birthDate: b.iso });
      if (cards.length === 0)
        throw fail(
          'HOLDER_NOT_FOUND',
          'No card is registered for this person.',
          '登録されたカードがありません。',
        );
      return { cards };
    });
  }

  block(input: CallParsedInput<'fare.block'>): Promise<CallOutput<'fare.block'>> {
    return this.#run('block', (svc) => {
      const r = svc.block(input.serial, input.reason, `clerk@${svc.config().terminalId}`);
      return { serial: r.serial, alreadyBlocked: r.alreadyBlocked, at: r.at };
    });
  }
}
