/**
 * Fuzzing the whole card stack: a seeded case picks a persona, a flow (identify, retry counters,
 * Kenhojo with the PIN or 照合番号B, certificate read, tap, signature, internal authentication) and
 * one to three damaged answers (faulty-transport.ts) at random points of the exchange, then runs
 * the flow through MyNumberCard exactly as the services do.
 *
 * Each case must end, within a bounded time, in a result or a typed CardError; and a VERIFY is never
 * sent twice for the same secret (a re-sent VERIFY after a damaged answer could spend a try).
 * Used by the seeded unit test (card-fuzz.test.ts) and by `npm run fuzz:card` (100,000 cases).
 */
import { createHash } from 'node:crypto';
import { isCardError } from '../../src-main/card/errors.ts';
import { createVirtualCard } from '../../src-main/card/emulator/create-card.ts';
import { codeB } from '../../src-main/card/emulator/derived.ts';
import { FaultyTransport, randomFault, type Fault } from '../../src-main/card/emulator/faulty-transport.ts';
import { loadPersona } from '../../src-main/card/emulator/personas.ts';
import type { VirtualMyNumberCard } from '../../src-main/card/emulator/virtual-card.ts';
import { MyNumberCard } from '../../src-main/card/myna/my-number-card.ts';
import { Secret } from '../../src-main/card/secret.ts';
import { prng } from './prng.ts';

export const FUZZ_PERSONAS = [
  'ordinary',
  'extended-apdu',
  'chaining-quirks',
  'strict-current-ef',
  'long-address',
  'no-signing-cert',
  'gaiji',
] as const;

export const FUZZ_FLOWS = ['identify', 'retries', 'pin', 'bno', 'cert', 'tap', 'sign', 'auth'] as const;
export type FuzzFlow = (typeof FUZZ_FLOWS)[number];

export type Outcome = 'ok' | 'card-error' | 'crash' | 'hang' | 'verify-resent';

export interface CaseResult {
  seed: number;
  persona: string;
  flow: FuzzFlow;
  faults: Array<[number, Fault['kind']]>;
  outcome: Outcome;
  /** The CardError code, or the crash's message. */
  detail?: string;
  apdus: number;
  ms: number;
}

const DIGEST = createHash('sha256').update('kakanai fuzz').digest();

interface Subject {
  card: VirtualMyNumberCard;
  secrets: { pin: string; bno: string; authPin: string; signPassword: string };
}

const subjects = new Map<string, Subject>();

function subject(persona: string): Subject {
  let s = subjects.get(persona);
  if (!s) {
    const p = loadPersona(persona);
    s = {
      card: createVirtualCard(persona),
      secrets: {
        pin: p.secrets.kenhojoPin,
        bno: codeB(p),
        authPin: p.secrets.jpkiAuthPin,
        signPassword: p.secrets.jpkiSignPassword,
      },
    };
    subjects.set(persona, s);
  }
  return s;
}

async function runFlow(flow: FuzzFlow, transport: FaultyTransport, s: Subject): Promise<void> {
  const card = await MyNumberCard.open(transport);
  const secret = (v: string) => Secret.fromString(v);
  switch (flow) {
    case 'identify':
      return;
    case 'retries':
      await card.retries();
      return;
    case 'pin':
      await card.readWithPin(secret(s.secrets.pin), { myNumber: true });
      return;
    case 'bno':
      await card.readWithBno(secret(s.secrets.bno));
      return;
    case 'cert':
      await card.readCertificate('auth');
      return;
    case 'tap':
      await card.tap();
      return;
    case 'sign':
      await card.signDigest(secret(s.secrets.signPassword), DIGEST);
      return;
    case 'auth':
      await card.internalAuthenticate(secret(s.secrets.authPin));
      return;
  }
}

/** VERIFY commands that carry a secret, counted by reference (P2). */
function verifiesResent(transport: FaultyTransport): boolean {
  const seen = new Set<string>();
  for (const { command } of transport.sent) {
    if (command[1] !== 0x20 || command.length <= 5) continue;
    const key = `${command[3]}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** Runs one seeded case; never throws. */
export async function runCase(seed: number, timeoutMs = 5000): Promise<CaseResult> {
  const rnd = prng(seed);
  const persona = FUZZ_PERSONAS[Math.floor(rnd() * FUZZ_PERSONAS.length)]!;
  const flow = FUZZ_FLOWS[Math.floor(rnd() * FUZZ_FLOWS.length)]!;
  const faults = new Map<number, Fault>();
  const count = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < count; i++) faults.set(Math.floor(rnd() * 14), randomFault(rnd));
  const s = subject(persona);
  const transport = new FaultyTransport(s.card, faults);
  const started = performance.now();
  let outcome: Outcome = 'ok';
  let detail: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      runFlow(flow, transport, s),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('__hang__')), timeoutMs);
      }),
    ]);
  } catch (e) {
    if (isCardError(e)) {
      outcome = 'card-error';
      detail = e.code;
    } else {
      outcome = e instanceof Error && e.message === '__hang__' ? 'hang' : 'crash';
      detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
  } finally {
    clearTimeout(timer);
    await transport.close();
  }
  if (outcome !== 'crash' && outcome !== 'hang' && verifiesResent(transport)) outcome = 'verify-resent';
  return {
    seed,
    persona,
    flow,
    faults: [...faults].map(([at, f]) => [at, f.kind]),
    outcome,
    ...(detail ? { detail } : {}),
    apdus: transport.sent.length,
    ms: performance.now() - started,
  };
}

/** Retry counters must be untouched: the fuzz only ever sends the right secrets. */
export function countersIntact(): string[] {
  const out: string[] = [];
  for (const [id, s] of subjects) {
    const p = loadPersona(id);
    for (const k of ['kenhojoPin', 'kenhojoB', 'jpkiAuthPin', 'jpkiSignPassword'] as const) {
      const left = s.card.triesLeft(k);
      const full = p.retries[k];
      if (left !== undefined && full !== undefined && left !== full) out.push(`${id} ${k}: ${left}/${full}`);
    }
  }
  return out;
}
