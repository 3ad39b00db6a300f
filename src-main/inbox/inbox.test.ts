/**
 * Signed applications from the kiosk to the counter's inbox and back: a real form rendered with its
 * QR code, signed PAdES with the persona's signing key (what the card does), delivered atomically
 * with its manifest, and verified at the counter — valid, the signer's name and birth date from
 * the certificate, the form's data from the QR; a flipped byte is tampered; an unknown CA says
 * so; an unreachable inbox keeps the visit encrypted until it is delivered.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TRUST_DIR } from '../card/emulator/persona-keys.ts';
import { loadTrustRoots } from '../crypto/trust.ts';
import { tempDir } from '../store/test-support.ts';
import { Outbox, type OutgoingApplication } from './outbox.ts';
import { signedApplication } from './test-support.ts';
import { verifyInbox } from './verify.ts';

let tmp: ReturnType<typeof tempDir>;
let apps: OutgoingApplication[];
const roots = () => loadTrustRoots(TEST_TRUST_DIR);
const SIGNED_AT = new Date('2026-12-07T01:02:03Z');

beforeAll(async () => {
  tmp = tempDir('kakanai-inbox-');
  apps = [await signedApplication(SIGNED_AT)];
});
afterAll(() => tmp.cleanup());

function outbox(inbox: string): Outbox {
  return new Outbox({
    inboxDir: inbox,
    queueDir: join(tmp.dir, 'queue'),
    keyFile: join(tmp.dir, 'queue.key'),
    terminalId: 'kiosk-1',
  });
}

describe('the counter inbox', () => {
  it('delivers a visit atomically and verifies it: valid, who signed, the form data from the QR', async () => {
    const inbox = join(tmp.dir, 'inbox-1');
    mkdirSync(inbox);
    const sent = outbox(inbox).send('v-0001', apps);
    expect(sent).toMatchObject({ delivered: true, files: 1 });
    expect(readdirSync(inbox)).toEqual(['v-0001']);
    expect(readdirSync(join(inbox, 'v-0001')).sort()).toEqual(['01-jumin-ido.pdf', 'manifest.json']);
    const report = await verifyInbox(inbox, { trustRoots: roots() });
    expect(report.problems).toEqual([]);
    expect(report.applications).toHaveLength(1);
    const a = report.applications[0]!;
    expect(a).toMatchObject({
      visitId: 'v-0001',
      formId: 'jumin-ido',
      status: 'valid',
      problems: [],
      signedAt: SIGNED_AT.toISOString(),
      signer: { name: '山田　太郎', birthDate: '1980-02-17' },
      revocation: { checked: false, note: 'signature valid; revocation not checked' },
    });
    expect(a.form).toMatchObject({
      form: 'jumin-ido',
      resident: { name: '山田　太郎' },
      input: { phone: '090-1234-5678' },
    });

    // Another visit with the same id does not overwrite the first.
    expect(outbox(inbox).send('v-0001', apps)).toMatchObject({ delivered: true });
    expect(readdirSync(inbox).sort()).toEqual(['v-0001', 'v-0001-2']);
  });

  it('flags a flipped byte, an unknown CA, a missing manifest; asks the revocation hook', async () => {
    const inbox = join(tmp.dir, 'inbox-2');
    mkdirSync(inbox);
    outbox(inbox).send('v-0002', apps);
    const file = join(inbox, 'v-0002', '01-jumin-ido.pdf');
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(file, bytes);
    const tampered = (await verifyInbox(inbox, { trustRoots: roots() })).applications[0]!;
    expect(tampered.status).toBe('tampered');
    expect(tampered.problems[0]).toMatch(/manifest hash/);
    expect(tampered.revocation.checked).toBe(false);

    const inbox3 = join(tmp.dir, 'inbox-3');
    mkdirSync(inbox3);
    outbox(inbox3).send('v-0003', apps);
    expect((await verifyInbox(inbox3, { trustRoots: [] })).applications[0]!.status).toBe('unknown-ca');
    const revoked = await verifyInbox(inbox3, { trustRoots: roots(), revocation: async () => 'revoked' });
    expect(revoked.applications[0]!.revocation).toEqual({
      checked: true,
      result: 'revoked',
      note: 'the certificate is REVOKED',
    });
    mkdirSync(join(inbox3, 'stray'));
    writeFileSync(join(inbox3, 'stray', 'x.pdf'), '%PDF-1.7\n');
    mkdirSync(join(inbox3, '.partial-v-9-abcd'));
    const r = await verifyInbox(inbox3, { trustRoots: roots() });
    expect(r.visits).toBe(2);
    expect(r.problems).toEqual([{ path: join(inbox3, 'stray'), problem: 'no manifest.json' }]);
    expect(r.applications.find((x) => x.visitId === 'stray')).toMatchObject({
      status: 'unsigned',
      unlisted: true,
    });
  });

  it('an unreachable inbox keeps the visit encrypted in the queue until it is delivered', async () => {
    const inbox = join(tmp.dir, 'share-down');
    const box = outbox(inbox);
    const r = box.send('v-0004', apps);
    expect(r).toMatchObject({ delivered: false, queued: true, reason: 'ENOENT' });
    expect(box.queued()).toBe(1);
    const queued = readdirSync(join(tmp.dir, 'queue')).filter((f) => f.endsWith('.kq'));
    const blob = readFileSync(join(tmp.dir, 'queue', queued[0]!));
    expect(blob.includes('%PDF')).toBe(false);
    expect(blob.includes('jumin-ido')).toBe(false);
    expect(box.flush()).toMatchObject({ delivered: [], waiting: 1, reason: 'ENOENT' });
    mkdirSync(inbox);
    expect(box.flush()).toEqual({ delivered: ['v-0004'], waiting: 0 });
    expect(readdirSync(join(tmp.dir, 'queue')).filter((f) => f.endsWith('.kq'))).toEqual([]);
    expect(existsSync(join(inbox, 'v-0004', 'manifest.json'))).toBe(true);
    expect((await verifyInbox(inbox, { trustRoots: roots() })).applications[0]!.status).toBe('valid');
  });
});
