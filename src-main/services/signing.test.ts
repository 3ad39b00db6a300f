/**
 * 電子署名して提出 through the kiosk's router with the real forms engine and the virtual card: a
 * move-in planned and read with 照合番号B, the inputs given; then a wrong 署名用パスワード (tries
 * left), the right one → the signed pages; sent → the counter's inbox verifies it valid with the
 * signer, the stamp on the page and the form data from its QR; an unreachable inbox queues the
 * visit encrypted until flushed; a finished visit forgets what it signed.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestKiosk, type TestKiosk } from '../api/testing.ts';
import { TEST_TRUST_DIR } from '../card/emulator/persona-keys.ts';
import { loadTrustRoots } from '../crypto/trust.ts';
import { compact, pdfText } from '../forms/test-pdf.ts';
import { verifyInbox } from '../inbox/verify.ts';
import { tempDir } from '../store/test-support.ts';
import { todayInJapan } from '../util/wareki.ts';
import { createFormsEngine } from './forms-engine-adapter.ts';

const FORMS = new URL('../../forms/', import.meta.url).pathname;
const BNO = {
  birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
  expiryYear: 2035,
  securityCode: '2285',
};

let tmp: ReturnType<typeof tempDir>;
let kiosk: TestKiosk | undefined;
beforeEach(() => {
  tmp = tempDir('kakanai-sign-');
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
  tmp.cleanup();
});

async function visit(
  inbox: string,
  extra: { persona?: string; revocationCommand?: string; pinHash?: string } = {},
): Promise<TestKiosk> {
  const k = await createTestKiosk({
    config: {
      inbox: {
        dir: inbox,
        trustDir: TEST_TRUST_DIR,
        ...(extra.revocationCommand ? { revocationCommand: extra.revocationCommand } : {}),
      },
      ...(extra.pinHash ? { operator: { pinHash: extra.pinHash, sessionMinutes: 15 } } : {}),
    },
    ...(extra.persona ? { persona: extra.persona } : {}),
    configPath: join(tmp.dir, 'terminal.json'),
    formsEngine: createFormsEngine(FORMS),
  });
  await k.call('planner.plan', {
    lifeEventId: 'moving',
    answers: { moveType: 'tennyu', who: 'self', kokuho: false, pension: false },
  });
  await k.call('card.read', { method: 'bno', bno: BNO });
  await k.call('forms.setInputs', {
    values: {
      nameKana: 'ヤマダ　タロウ',
      phone: '090-1234-5678',
      moveDate: todayInJapan(),
      newPostalCode: '2310021',
      newAddress: '神奈川県横浜市中区日本大通１－２－３０４',
      relationship: '世帯主',
    },
  });
  return k;
}

describe('signing the applications at the kiosk', () => {
  it('wrong password first, then signed pages, sent, verified valid at the counter', async () => {
    const inbox = join(tmp.dir, 'inbox');
    mkdirSync(inbox);
    kiosk = await visit('inbox');
    expect(await kiosk.call('sign.status')).toEqual({
      configured: true,
      queued: 0,
      forms: [{ formId: 'jumin-ido', title: expect.any(String), electronic: true }],
    });
    const wrong = await kiosk.router.call('sign.sign', { password: 'WRONG1', formIds: ['jumin-ido'] });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_SECRET', retriesLeft: 4 } });
    expect(await kiosk.router.call('sign.sign', { password: 'abc', formIds: ['jumin-ido'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const signed = await kiosk.call<{ documents: Array<{ pages: unknown[] }>; signer: { name: string } }>(
      'sign.sign',
      {
        password: 'ABC123',
        formIds: ['jumin-ido'],
      },
    );
    expect(signed.signer.name).toBe('山田　太郎');
    expect(signed.documents[0]!.pages).toHaveLength(1);
    expect(await kiosk.call('sign.send')).toEqual({ delivered: true, queued: false, files: 1 });

    const report = await verifyInbox(inbox, { trustRoots: loadTrustRoots(TEST_TRUST_DIR) });
    expect(report.applications).toHaveLength(1);
    expect(report.applications[0]).toMatchObject({
      status: 'valid',
      formId: 'jumin-ido',
      signer: { name: '山田　太郎', birthDate: '1980-02-17' },
      form: { form: 'jumin-ido', resident: { name: '山田　太郎' }, input: { phone: '090-1234-5678' } },
    });
    const visitDir = join(inbox, readdirSync(inbox)[0]!);
    const pdf = readFileSync(join(visitDir, '01-jumin-ido.pdf'));
    expect(compact(pdfText(pdf))).toContain('電子署名済山田太郎');
    // Sent: nothing signed is left in the kiosk.
    expect(await kiosk.router.call('sign.send', {})).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_SIGNED' },
    });
  });

  it('an unreachable inbox keeps the visit encrypted until flushed; a finished visit forgets what it signed', async () => {
    const { hashOperatorPin } = await import('./operator-pin.ts');
    const { Secret } = await import('../card/secret.ts');
    kiosk = await visit('share', { pinHash: await hashOperatorPin(Secret.fromString('2468')) });
    await kiosk.call('sign.sign', { password: 'ABC123', formIds: ['jumin-ido'] });
    expect(await kiosk.call('sign.send')).toEqual({ delivered: false, queued: true, files: 0 });
    expect(await kiosk.call('sign.status')).toMatchObject({ queued: 1 });
    // The staff screen says both: one visit waiting here, and the inbox out of reach.
    const { token } = await kiosk.call<{ token: string }>('operator.login', { pin: '2468' });
    expect(await kiosk.call('inbox.review', { token })).toMatchObject({
      configured: true,
      reachable: false,
      queued: 1,
      applications: [],
      problems: [],
    });
    mkdirSync(join(tmp.dir, 'share'));
    expect(await kiosk.call('sign.flush')).toEqual({ delivered: 1, waiting: 0 });
    expect(readdirSync(join(tmp.dir, 'share'))).toHaveLength(1);

    await kiosk.call('sign.sign', { password: 'ABC123', formIds: ['jumin-ido'] });
    await kiosk.call('session.wipe', { reason: 'user' });
    expect(await kiosk.router.call('sign.send', {})).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_SIGNED' },
    });
  });

  it('asks the card first: tries left, blocked, no certificate — nothing spent', async () => {
    const cases: Array<[string, unknown]> = [
      ['ordinary', { hasCertificate: true, retriesLeft: 5 }],
      ['sign-blocked', { hasCertificate: true, retriesLeft: 0 }],
      ['no-signing-cert', { hasCertificate: false, retriesLeft: null }],
    ];
    for (const [persona, expected] of cases) {
      kiosk = await createTestKiosk({ persona, config: { inbox: { dir: 'inbox' } } });
      expect(await kiosk.call('sign.card')).toEqual(expected);
      // Asked twice: still nothing spent.
      expect(await kiosk.call('sign.card')).toEqual(expected);
      await kiosk.close();
      kiosk = undefined;
    }
  });
});

describe("the staff screen's inbox (behind the operator PIN)", () => {
  it('valid with the signer and the form data, no 個人番号; a flipped byte is tampered; revocation hook', async () => {
    const { hashOperatorPin } = await import('./operator-pin.ts');
    const { Secret } = await import('../card/secret.ts');
    const pinHash = await hashOperatorPin(Secret.fromString('2468'));
    const inbox = join(tmp.dir, 'inbox');
    mkdirSync(inbox);
    kiosk = await visit('inbox', { pinHash, revocationCommand: 'cat >/dev/null; exit 0' });
    await kiosk.call('sign.sign', { password: 'ABC123', formIds: ['jumin-ido'] });
    await kiosk.call('sign.send');
    expect(await kiosk.router.call('inbox.review', { token: 'x'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    const { token } = await kiosk.call<{ token: string }>('operator.login', { pin: '2468' });
    const before = await kiosk.call<{ applications: Array<Record<string, unknown>> }>('inbox.review', {
      token,
    });
    expect(before).toMatchObject({ configured: true, reachable: true, visits: 1, queued: 0, problems: [] });
    expect(before.applications).toHaveLength(1);
    expect(before.applications[0]).toMatchObject({
      status: 'valid',
      formId: 'jumin-ido',
      signer: { name: '山田　太郎', birthDate: '1980-02-17' },
      revocation: { checked: true, result: 'good' },
      form: {
        formId: 'jumin-ido',
        fields: expect.arrayContaining([
          expect.objectContaining({ key: 'input.phone', value: '090-1234-5678' }),
          { key: 'resident.sex', label: '性別', value: '男' },
        ]),
      },
    });
    expect(JSON.stringify(before)).not.toContain('123456789018');

    const visitDir = join(inbox, readdirSync(inbox)[0]!);
    const file = join(visitDir, '01-jumin-ido.pdf');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 3)]! ^= 0x01;
    writeFileSync(file, bytes);
    const after = await kiosk.call<{ applications: Array<{ status: string }> }>('inbox.review', { token });
    expect(after.applications[0]!.status).toBe('tampered');
  });
});
