/**
 * 電子署名して提出, the counter's side road from the confirmation screen: choose which forms to
 * send, the card is asked first (a signing certificate? tries left?), the 署名用パスワード on the
 * keyboard (tries shown before each try, the last try confirmed), the signed pages shown, sent to
 * the counter's inbox (or queued), then the forms that still need paper printed.
 *
 * The password is never kept here: the keyboard component holds it and hands it to `sign`.
 */
import type { ApiError, CallOutput, RenderedForm } from '../../../api/types.ts';
import type { KioskClient } from '../../../api/client.ts';
import { tk } from '../../../i18n/keys.ts';
import type { Notice } from '../../../kit/notice.ts';
import type { Screen } from './screens.ts';

/** The resident's electronic application in progress (dropped with the rest of the visit). */
export interface SigningState {
  /** The plan's forms the municipality accepts electronically. */
  offer: Array<{ formId: string; title: string }>;
  /** The ones the resident chose to sign (all at first). */
  chosen: string[];
  /** The 署名用パスワード's tries left as the card last said (of 5). */
  retriesLeft: number | null;
  lastTryConfirmed: boolean;
  signed: { documents: RenderedForm[]; signerName: string; signedAt: string } | null;
  /** After sign.send: delivered to the inbox now, or waiting (encrypted) on the kiosk. */
  sent: { delivered: boolean; formIds: string[] } | null;
}

export interface SigningActions {
  /** Asks whether this terminal sends applications and which of the plan's forms may go. */
  loadSigningOffer(): Promise<void>;
  startSigning(): void;
  toggleSignForm(formId: string): void;
  /** Asks the card (nothing spent) and goes to the password, the last-try question or a problem. */
  checkSigningCard(): Promise<void>;
  confirmSignLastTry(): void;
  submitSignPassword(password: string): Promise<void>;
  sendSigned(): Promise<void>;
  /** Back to the confirmation screen (the printed road). */
  leaveSigning(): void;
  /** Everything went electronically: on to where to go. */
  signingDone(): void;
}

export interface SigningFlowDeps {
  client: KioskClient;
  get: () => { signing: SigningState | null; blank: boolean; resident: unknown };
  set: (patch: {
    signing?: SigningState | null;
    busy?: 'card' | 'loading' | null;
    notice?: Notice | null;
  }) => void;
  go: (screen: Screen) => void;
  begin: () => void;
  fail: (error: ApiError) => void;
}

/**
 * The plan's forms that still go on paper once applications were sent electronically; null when
 * nothing was sent (then everything prints, as without signing).
 */
export function formsOnPaper<F extends { id: string }>(
  forms: readonly F[],
  signing: SigningState | null,
): F[] | null {
  const sent = signing?.sent?.formIds;
  return sent ? forms.filter((f) => !sent.includes(f.id)) : null;
}

/** Screens of this road: pressing 戻る on any of them returns to the confirmation. */
export const SIGNING_SCREENS = new Set<Screen['id']>([
  'signChoose',
  'signPassword',
  'signLastTry',
  'signBlocked',
  'signNoCert',
  'signed',
]);

type SignOutput = CallOutput<'sign.sign'>;

export function createSigningFlow(d: SigningFlowDeps): SigningActions {
  const state = () => d.get().signing;
  const patch = (p: Partial<SigningState>) => {
    const s = state();
    if (s) d.set({ signing: { ...s, ...p } });
  };
  /** Where the card's answer leads (blocked, last try, the keyboard). */
  const toEntry = (left: number | null) => {
    const s = state();
    if (left === 0) return d.go({ id: 'signBlocked' });
    if (left === 1 && !s?.lastTryConfirmed) return d.go({ id: 'signLastTry' });
    d.go({ id: 'signPassword' });
  };
  const cardProblem = (error: ApiError): boolean => {
    switch (error.code) {
      case 'NO_SIGNING_CERT':
        d.go({ id: 'signNoCert' });
        return true;
      case 'BLOCKED':
        patch({ retriesLeft: 0 });
        d.go({ id: 'signBlocked' });
        return true;
      case 'LAST_TRY_NEEDS_CONFIRMATION':
        patch({ retriesLeft: 1, lastTryConfirmed: false });
        d.go({ id: 'signLastTry' });
        return true;
      default:
        return false;
    }
  };

  return {
    async loadSigningOffer() {
      const g = d.get();
      if (g.blank || !g.resident || g.signing) return;
      const r = await d.client.call('sign.status', {});
      if (!r.ok || !r.value.configured) return;
      const offer = r.value.forms
        .filter((f) => f.electronic)
        .map((f) => ({ formId: f.formId, title: f.title }));
      if (offer.length === 0) return;
      d.set({
        signing: {
          offer,
          chosen: offer.map((f) => f.formId),
          retriesLeft: null,
          lastTryConfirmed: false,
          signed: null,
          sent: null,
        },
      });
    },

    startSigning() {
      d.begin();
      if (!state()) return;
      d.set({ notice: null });
      d.go({ id: 'signChoose' });
    },

    toggleSignForm(formId) {
      const s = state();
      if (!s) return;
      const chosen = s.chosen.includes(formId)
        ? s.chosen.filter((f) => f !== formId)
        : s.offer.map((f) => f.formId).filter((f) => f === formId || s.chosen.includes(f));
      patch({ chosen });
    },

    async checkSigningCard() {
      d.begin();
      if (!state()?.chosen.length) return;
      d.set({ busy: 'card', notice: null });
      const r = await d.client.call('sign.card', {});
      d.set({ busy: null });
      if (!r.ok) return d.fail(r.error);
      if (!r.value.hasCertificate) return d.go({ id: 'signNoCert' });
      patch({ retriesLeft: r.value.retriesLeft });
      toEntry(r.value.retriesLeft);
    },

    confirmSignLastTry() {
      d.begin();
      patch({ lastTryConfirmed: true });
      d.go({ id: 'signPassword' });
    },

    async submitSignPassword(password) {
      d.begin();
      const s = state();
      if (!s) return;
      d.set({ busy: 'card', notice: null });
      const r = await d.client.call('sign.sign', {
        password,
        formIds: s.chosen,
        confirmLastTry: s.lastTryConfirmed,
        dpi: 110,
      });
      d.set({ busy: null });
      if (r.ok) {
        const v: SignOutput = r.value;
        patch({
          signed: { documents: v.documents, signerName: v.signer.name, signedAt: v.signedAt },
          lastTryConfirmed: false,
        });
        return d.go({ id: 'signed' });
      }
      if (r.error.code === 'WRONG_SECRET') {
        const left = r.error.retriesLeft ?? null;
        patch({ retriesLeft: left, lastTryConfirmed: false });
        d.set({
          notice: { tone: 'error', key: tk('sign.password.wrong'), params: { count: left ?? '?' } },
        });
        return toEntry(left);
      }
      if (!cardProblem(r.error)) d.fail(r.error);
    },

    async sendSigned() {
      d.begin();
      const s = state();
      if (!s?.signed) return;
      d.set({ busy: 'loading', notice: null });
      const r = await d.client.call('sign.send', {});
      d.set({ busy: null });
      if (!r.ok) return d.fail(r.error);
      patch({
        sent: { delivered: r.value.delivered, formIds: s.signed.documents.map((f) => f.formId) },
        signed: null,
      });
      d.go({ id: 'signSent' });
    },

    leaveSigning() {
      d.begin();
      d.set({ notice: null });
      d.go({ id: 'confirm' });
    },

    signingDone() {
      d.begin();
      d.go({ id: 'done' });
    },
  };
}
