/** `kakanai inbox verify` through the CLI entry point: valid, revoked by the hook, tampered. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../../test/helpers/cli.ts';
import { TEST_TRUST_DIR } from '../../card/emulator/persona-keys.ts';
import { Outbox } from '../../inbox/outbox.ts';
import { signedApplication } from '../../inbox/test-support.ts';
import { tempDir } from '../../store/test-support.ts';

let tmp: ReturnType<typeof tempDir>;
let inbox: string;
beforeAll(async () => {
  tmp = tempDir('kakanai-cli-inbox-');
  inbox = join(tmp.dir, 'inbox');
  mkdirSync(inbox);
  const box = new Outbox({
    inboxDir: inbox,
    queueDir: join(tmp.dir, 'q'),
    keyFile: join(tmp.dir, 'k'),
    terminalId: 'k1',
  });
  box.send('visit-1', [await signedApplication(new Date('2026-12-07T01:00:00Z'))]);
});
afterAll(() => tmp.cleanup());

const verify = (...more: string[]) =>
  runMain(['inbox', 'verify', inbox, '--trust-dir', TEST_TRUST_DIR, ...more], '');

describe('kakanai inbox verify', () => {
  it('valid (exit 0), revoked by the hook (exit 1), a flipped byte tampered (exit 1)', async () => {
    const ok = await verify('--json');
    expect(ok.code).toBe(0);
    expect(ok.json.applications[0]).toMatchObject({
      status: 'valid',
      signer: { name: '山田　太郎', birthDate: '1980-02-17' },
      form: { form: 'jumin-ido' },
      revocation: { checked: false, note: 'signature valid; revocation not checked' },
    });
    const human = await verify();
    expect(human.out).toContain('有効 署名者 山田　太郎（1980-02-17）');
    const revoked = await verify('--revocation-command', 'cat > /dev/null; exit 1', '--json');
    expect(revoked.code).toBe(1);
    expect(revoked.json.applications[0].revocation).toMatchObject({ checked: true, result: 'revoked' });
    const good = await verify('--revocation-command', 'grep -q "BEGIN CERTIFICATE"', '--json');
    expect(good.code).toBe(0);
    expect(good.json.applications[0].revocation).toMatchObject({ checked: true, result: 'good' });

    const file = join(inbox, 'visit-1', '01-jumin-ido.pdf');
    const bytes = readFileSync(file);
    const at = bytes.length - 2000;
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(file, bytes);
    const bad = await verify('--json');
    expect(bad.code).toBe(1);
    expect(bad.json.applications[0].status).toBe('tampered');
    expect((await runMain(['inbox', 'verify', join(tmp.dir, 'nope')], '')).code).toBe(2);
  });
});
