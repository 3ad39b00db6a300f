/**
 * The shelter entrance behind the kiosk contract (`shelter.*` calls): staff open the laptop with
 * the store passphrase, then for each family: a tap (a card linked before) or the card with
 * 照合番号B or the PIN → the household → tick who arrives, goes out, comes back or leaves; people
 * without a card registered by hand; needs and consent; the dashboard; safety answers; the roster
 * behind the operator PIN; the 避難者カード printed pre-filled. ShelterService does the work; this
 * adds the store file beside the terminal configuration (or $KAKANAI_SHELTER_DB), the card reads,
 * contract shapes (和暦 birth dates) and typed errors.
 *
 * Privacy: people's data stays in the encrypted store; the card data of the last read is not
 * kept; log lines carry the action and the result code only.
 */
import { dirname, join, resolve } from 'node:path';
import type {
  CallOutput,
  CallParsedInput,
  ShelterHousehold,
  ShelterPerson,
  ShelterStatus,
} from '../../contract/index.ts';
import { ApiFailure, fail } from '../../contract/errors.ts';
import type { Secret } from '../../card/secret.ts';
import type { CertificateHead } from '../../crypto/x509.ts';
import type { CardReadRequest } from '../../services/card-service.ts';
import type { EngineRenderRequest } from '../../services/forms-service.ts';
import type { ResidentData } from '../../services/session-service.ts';
import { storeFailure, TerminalHost } from '../../services/terminal-host.ts';
import { StoreError } from '../../store/errors.ts';
import { jstStamp } from '../../util/csv-out.ts';
import { warekiOrIso } from '../../util/wareki.ts';
import { EVACUEE_CARD_FORM } from './evacuee-card.ts';
import { ShelterError } from './errors.ts';
import type { FindResult, HouseholdView, PersonView, ShelterService } from './service.ts';

/** What the entrance needs from the kiosk's other services (narrow, so tests pass doubles). */
export interface ShelterDeskDeps {
  terminalId: () => string;
  /** The terminal configuration file; the store is `shelter.db` beside it by default. */
  configPath: () => string;
  card: {
    read(req: CardReadRequest): Promise<{ data: ResidentData }>;
    tap(): Promise<CertificateHead>;
  };
  forms: {
    renderFinal(req: EngineRenderRequest): Promise<{ pdf: Uint8Array; pageCount: number }>;
  };
  print: {
    submit(
      pdf: Uint8Array,
      options: { printer?: string | undefined; copies: number; pageCount: number },
    ): Promise<{ jobId: string; printer: string }>;
  };
  operator: { require(token: string): void };
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  openService?: (path: string, passphrase: Secret) => Promise<ShelterService>;
}

export function shelterStorePath(configPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.KAKANAI_SHELTER_DB;
  return fromEnv ? resolve(fromEnv) : join(dirname(resolve(configPath)), 'shelter.db');
}

export function personOut(p: PersonView): ShelterPerson {
  return { ...p, birthDateWareki: warekiOrIso(p.birthDate) };
}

function householdOut(h: HouseholdView): ShelterHousehold {
  return { householdId: h.householdId, members: h.members.map(personOut) };
}

function findOut(r: FindResult): CallOutput<'shelter.identifyCard'>['found'] {
  if (r.match === 'unique')
    return { match: 'unique', by: r.by, person: personOut(r.person), household: householdOut(r.household) };
  if (r.match === 'ambiguous') return { match: 'ambiguous', candidates: r.candidates.map(personOut) };
  return { match: 'none' };
}

function notSetUp(): ApiFailure {
  return fail(
    'SHELTER_NOT_SET_UP',
    'This laptop has no shelter store: set it up with `kakanai shelter init` (and import the resident list).',
    'この端末には避難所のデータがありません（kakanai shelter init で設定してください）。',
  );
}

/** Store and shelter errors → the contract's codes (messages carry no personal data). */
export function toShelterFailure(e: unknown): unknown {
  if (e instanceof StoreError) return storeFailure(e, { notSetUp, invalid: 'SHELTER_STORE_INVALID' });
  if (e instanceof ShelterError) {
    switch (e.code) {
      case 'CARD_NOT_LINKED':
        return fail('CARD_NOT_LINKED', e.message, e.messageJa);
      case 'NOT_FOUND':
        return fail('PERSON_NOT_FOUND', e.message, e.messageJa);
      case 'BAD_INPUT':
        return fail('INVALID_INPUT', e.message, e.messageJa);
      case 'NOT_CONFIGURED':
        return fail('SHELTER_STORE_INVALID', e.message, e.messageJa, { details: { storeCode: e.code } });
      default:
        return e;
    }
  }
  return e;
}

async function defaultOpen(path: string, passphrase: Secret): Promise<ShelterService> {
  const { ShelterService } = await import('./service.ts');
  return ShelterService.open(path, passphrase);
}

export class ShelterDesk {
  readonly #d: ShelterDeskDeps;
  readonly #now: () => number;
  readonly #host: TerminalHost<ShelterService>;

  constructor(deps: ShelterDeskDeps) {
    this.#d = deps;
    this.#now = deps.now ?? Date.now;
    this.#host = new TerminalHost<ShelterService>({
      logEvent: 'shelter.desk',
      storePath: () => shelterStorePath(this.#d.configPath(), this.#d.env),
      open: (path, passphrase) => (this.#d.openService ?? defaultOpen)(path, passphrase),
      notSetUp,
      notOpen: () =>
        fail(
          'SHELTER_NOT_OPEN',
          'Open the laptop with the store passphrase first.',
          '先にパスフレーズを入力して端末を開いてください。',
        ),
      toFailure: toShelterFailure,
      failureCode: (mapped, e) =>
        mapped instanceof ApiFailure ? mapped.code : ((e as { code?: string }).code ?? 'INTERNAL'),
      logFields: (out) => {
        const r =
          (out as { match?: unknown; found?: { match?: unknown }; answer?: unknown } | undefined) ?? {};
        const match = r.match ?? r.found?.match;
        return {
          ...(typeof match === 'string' ? { match } : {}),
          ...(typeof r.answer === 'string' ? { answer: r.answer } : {}),
        };
      },
    });
  }

  get storePath(): string {
    return this.#host.storePath;
  }

  #run<T>(action: string, fn: (svc: ShelterService) => Promise<T> | T): Promise<T> {
    return this.#host.run(action, () => fn(this.#host.service()));
  }

  open(passphrase: string): Promise<ShelterStatus> {
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
    return this.#host.shutdown();
  }

  status(): Promise<ShelterStatus> {
    return this.#host.run('status', () => this.#status());
  }

  #status(): ShelterStatus {
    const svc = this.#host.current;
    const base: ShelterStatus = {
      mode: 'shelter',
      ready: false,
      storeFound: this.#host.storeFound(),
      terminalId: this.#d.terminalId(),
      conflicts: 0,
    };
    if (!svc) return base;
    const cfg = svc.config();

    return {
      ...base,
      ready: true,
      storeFound: true,
      terminalId: cfg.terminalId,
      shelter: { shelterId: cfg.shelterId, name: cfg.shelterName, kind: cfg.kind, capacity: cfg.capacity },
      totals: svc.counts(),
      list: svc.listSize(),
      conflicts: svc.conflictCount(),
      sync: this.#host.syncView(),
    };
  }

  tap(): Promise<CallOutput<'shelter.tap'>> {
    return this.#run('tap', async (svc) => {
      const head = await this.#d.card.tap();
      const r = svc.findByCardSerial(head.serial);
      return { person: personOut(r.person), household: householdOut(r.household) };
    });
  }

  identifyCard(input: CallParsedInput<'shelter.identifyCard'>): Promise<CallOutput<'shelter.identifyCard'>> {
    return this.#run('identifyCard', async (svc) => {
      // Never the 個人番号: the entrance needs the four attributes only.
      const req: CardReadRequest =
        input.method === 'pin'
          ? { method: 'pin', pin: input.pin, confirmLastTry: input.confirmLastTry, withMyNumber: false }
          : { method: 'bno', bno: input.bno, confirmLastTry: input.confirmLastTry };
      const { data } = await this.#d.card.read(req);
      const found = svc.findByCard({ name: data.name, birthDate: data.birthDate, address: data.address });
      return {
        found: findOut(found),
        card: { name: data.name, birthDateWareki: warekiOrIso(data.birthDate), address: data.address },
      };
    });
  }

  linkCard(personId: string): Promise<ShelterPerson> {
    return this.#run('linkCard', async (svc) => {
      const head = await this.#d.card.tap();
      return personOut(svc.linkCard(personId, head.serial, this.#operator(svc)));
    });
  }

  search(input: CallParsedInput<'shelter.search'>): Promise<CallOutput<'shelter.search'>> {
    return this.#run('search', (svc) => ({
      people: svc
        .search({
          ...(input.kana ? { kana: input.kana } : {}),
          ...(input.name ? { name: input.name } : {}),
          ...(input.birthDate ? { birthDate: input.birthDate } : {}),
        })
        .map(personOut),
    }));
  }

  household(householdId: string): Promise<ShelterHousehold> {
    return this.#run('household', (svc) => householdOut(svc.household(householdId)));
  }

  move(input: CallParsedInput<'shelter.move'>): Promise<CallOutput<'shelter.move'>> {
    return this.#run('move', (svc) =>
      svc.move(input.personIds, input.move, {
        operator: this.#operator(svc),
        ...(input.to ? { to: input.to } : {}),
      }),
    );
  }

  register(input: CallParsedInput<'shelter.register'>): Promise<CallOutput<'shelter.register'>> {
    return this.#run('register', (svc) => {
      const { checkin, ...rest } = input;
      const p = svc.register({ ...rest, operator: this.#operator(svc) });
      if (checkin) svc.move([p.personId], 'arrive', { operator: this.#operator(svc) });
      const person = svc.person(p.personId);
      return { person: personOut(person), household: householdOut(svc.household(person.householdId)) };
    });
  }

  needs(input: CallParsedInput<'shelter.needs'>): Promise<ShelterPerson> {
    return this.#run('needs', (svc) =>
      personOut(svc.setNeeds(input.personId, input.needs, input.note, this.#operator(svc))),
    );
  }

  consent(input: CallParsedInput<'shelter.consent'>): Promise<ShelterPerson> {
    return this.#run('consent', (svc) =>
      personOut(svc.setConsent(input.personId, input.safety, this.#operator(svc))),
    );
  }

  stats(all: boolean): Promise<CallOutput<'shelter.stats'>> {
    return this.#run('stats', (svc) => svc.stats({ all }));
  }

  safety(input: CallParsedInput<'shelter.safety'>): Promise<CallOutput<'shelter.safety'>> {
    return this.#run('safety', (svc) => svc.safety(input.name, input.birthDate));
  }

  roster(input: CallParsedInput<'shelter.roster'>): Promise<CallOutput<'shelter.roster'>> {
    return this.#run('roster', async (svc) => {
      this.#d.operator.require(input.token);
      const stamp = jstStamp(this.#now());
      const base = `shelter-roster-${svc.config().terminalId}-${stamp}`;
      if (input.format === 'csv') {
        return {
          fileName: `${base}.csv`,
          mimeType: 'text/csv; charset=utf-8',
          base64: Buffer.from(svc.rosterCsv({ all: input.all }), 'utf8').toString('base64'),
        };
      }
      const pdf = await svc.rosterPdf({ all: input.all });
      return {
        fileName: `${base}.pdf`,
        mimeType: 'application/pdf',
        base64: Buffer.from(pdf).toString('base64'),
      };
    });
  }

  evacueeCard(input: CallParsedInput<'shelter.evacueeCard'>): Promise<CallOutput<'shelter.evacueeCard'>> {
    return this.#run('evacueeCard', async (svc) => {
      const data = svc.evacueeCard(input.householdId, input.holderId);
      const r = data.resident;
      const rendered = await this.#d.forms.renderFinal({
        formIds: [EVACUEE_CARD_FORM],
        resident: {
          name: r.name!,
          address: r.address ?? '',
          birthDate: r.birthDate!,
          sex: r.sex === 'male' || r.sex === 'female' ? r.sex : 'other',
          method: 'bno',
        },
        inputs: data.input as EngineRenderRequest['inputs'],
        blank: false,
      });
      try {
        const job = await this.#d.print.submit(rendered.pdf, {
          printer: input.printer,
          copies: 1,
          pageCount: rendered.pageCount,
        });
        return { ...job, pageCount: rendered.pageCount };
      } finally {
        rendered.pdf.fill(0);
      }
    });
  }

  #operator(svc: ShelterService): string {
    return `entrance@${svc.config().terminalId}`;
  }
}
