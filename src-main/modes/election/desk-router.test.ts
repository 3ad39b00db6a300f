/**
 * The election desk through the kiosk's router (the same path the screens take): input checked
 * by the contract, the virtual card read with 照合番号B and matched to the roll, the 宣誓書 rendered
 * by the real forms engine (checked with pdftotext: name, address, 和暦 birth date, the reason
 * ticked, no 個人番号) and printed, the vote recorded, the undo behind the operator login.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTION_REASON_CODES, ELECTION_REASONS, parseElectionReason } from '../../contract/election.ts';
import type { ApiError } from '../../contract/index.ts';
import { createTestKiosk, type TestKiosk } from '../../api/testing.ts';
import { Secret } from '../../card/secret.ts';
import { createFormsEngine } from '../../services/forms-engine-adapter.ts';
import type { FormsEngine } from '../../services/forms-service.ts';
import { hashOperatorPin } from '../../services/operator-pin.ts';
import { tempDir } from '../../store/test-support.ts';
import { tickedReasons } from './senseisho-ticks.ts';
import { ElectionService } from './service.ts';
import { BASE_ELECTION, PASSPHRASE, rollCsv, SAMPLE_ROWS, secret } from './test-support.ts';

const FORMS = new URL('../../../forms/', import.meta.url).pathname;

let tmp: ReturnType<typeof tempDir>;
let kiosk: TestKiosk;
const printedPdfs: Uint8Array[] = [];

/** The real engine, keeping a copy of each rendered PDF (the service zeroes its own). */
function recordingEngine(): FormsEngine {
  const real = createFormsEngine(FORMS);
  return {
    list: () => real.list(),
    render: async (req) => {
      const r = await real.render(req);
      for (const f of r.forms) printedPdfs.push(Uint8Array.from(f.pdf));
      return r;
    },
  };
}

async function error(name: string, input: unknown): Promise<ApiError> {
  const r = await kiosk.router.call(name, input);
  if (r.ok) throw new Error(`${name} succeeded`);
  return r.error;
}

beforeAll(async () => {
  tmp = tempDir('kakanai-desk-router-');
  const db = join(tmp.dir, 'election.db');
  const svc = await ElectionService.init(db, secret(), {
    ...BASE_ELECTION,
    kind: 'kijitsumae',
    stationId: 'kijitsu-1',
    stationName: '市役所期日前投票所',
    terminalId: 'desk-1',
  });
  const csv = join(tmp.dir, 'roll.csv');
  writeFileSync(
    csv,
    rollCsv([
      ...SAMPLE_ROWS,
      '0100,1,山田 太郎,やまだ たろう,昭和55年2月17日,男,神奈川県横浜市中区日本大通1-2-304',
    ]),
  );
  svc.importRoll(csv);
  await svc.close();
  const pinHash = await hashOperatorPin(Secret.fromString('2468'));
  kiosk = await createTestKiosk({
    config: { mode: 'election', terminalId: 'desk-1', operator: { pinHash, sessionMinutes: 15 } },
    configPath: join(tmp.dir, 'terminal.json'),
    formsEngine: recordingEngine(),
    persona: 'ordinary',
  });
});

afterAll(async () => {
  await kiosk.close();
  tmp.cleanup();
});

function pdftotext(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(pdf) }).toString('utf8');
}

describe('election desk through the router', () => {
  it('checks input against the contract and names the field', async () => {
    expect(await error('election.open', { passphrase: '' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'passphrase',
    });
    expect(await error('election.record', { rollNumber: '0001', reason: '9' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'reason',
    });
    expect(await error('election.search', {})).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await error('election.identifyRoll', { rollNumber: '0001' })).toMatchObject({
      code: 'ELECTION_NOT_OPEN',
    });
    expect(await error('election.open', { passphrase: 'guess' })).toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('card (照合番号B) → 受付可 → 宣誓書 printed → recorded → 投票済み; undo needs the operator', async () => {
    const status = await kiosk.call<{ ready: boolean; roll: { total: number } }>('election.open', {
      passphrase: PASSPHRASE,
    });
    expect(status).toMatchObject({ ready: true, roll: { total: 9 } });

    await kiosk.call('card.identify');
    const id = await kiosk.call<{ identified: { match: string; voter: { rollNumber: string } } }>(
      'election.identifyCard',
      {
        method: 'bno',
        bno: {
          birth: { era: 'showa', eraYear: 55, month: 2, day: 17 },
          expiryYear: 2035,
          securityCode: '2285',
        },
      },
    );
    expect(id.identified).toMatchObject({
      match: 'unique',
      voter: { rollNumber: '0100', status: { code: 'OK' } },
    });
    expect(JSON.stringify(id)).not.toContain('123456789018');
    expect((await kiosk.call<{ hasResident: boolean }>('session.state')).hasResident).toBe(false);

    expect(await error('election.record', { rollNumber: '0100', reason: '1' })).toMatchObject({
      code: 'SENSEISHO_REQUIRED',
    });
    const job = await kiosk.call<{ jobId: string }>('election.senseisho', {
      rollNumber: '0100',
      reason: '1',
    });
    expect(job.jobId).toMatch(/^PDF-\d+$/);
    expect(kiosk.printer.jobs.at(-1)?.title).toMatch(/^kakanai-\d{6}$/);
    const text = pdftotext(printedPdfs.at(-1)!);
    const flat = text.replace(/[\s\u3000]+/g, '');
    expect(flat).toContain('宣誓書');
    expect(flat).toContain('山田太郎');
    expect(flat).toContain('神奈川県横浜市中区日本大通１－２－３０４');
    expect(flat).toContain('第27回参議院議員通常選挙');
    expect(flat).toMatch(/55年0?2月17日/);
    expect(tickedReasons(printedPdfs.at(-1)!)).toEqual(['work']);
    expect(flat).not.toContain('123456789018');

    const rec = await kiosk.call<{ result: string }>('election.record', { rollNumber: '0100', reason: '1' });
    expect(rec).toMatchObject({
      result: 'RECORDED',
      vote: { terminalId: 'desk-1', stationName: '市役所期日前投票所' },
    });
    expect(await kiosk.call('election.identifyRoll', { rollNumber: '0100' })).toMatchObject({
      voter: { status: { code: 'ALREADY_VOTED' } },
    });

    expect(
      await error('election.undo', { token: 'x'.repeat(20), rollNumber: '0100', reason: '誤って記録' }),
    ).toMatchObject({ code: 'UNAUTHORIZED' });
    const { token } = await kiosk.call<{ token: string }>('operator.login', { pin: '2468' });
    expect(
      await kiosk.call('election.undo', { token, rollNumber: '0100', reason: '誤って記録' }),
    ).toMatchObject({
      undone: { undone: true },
      voter: { status: { code: 'OK' } },
    });

    const st = await kiosk.call<{ counts: { total: number } }>('election.status');
    expect(st.counts.total).toBe(0);
    const timing = kiosk.router.timings.snapshot().calls.find((c) => c.name === 'election.identifyRoll');
    expect(timing?.maxMs).toBeLessThan(100);
  });

  it('prints the 宣誓書 for each of the five reasons: its box ticked, its label on the page', async () => {
    for (const reason of ELECTION_REASONS) {
      await kiosk.call('election.senseisho', { rollNumber: '0001', reason: reason.code });
      const pdf = printedPdfs.at(-1)!;
      expect(tickedReasons(pdf), `reason ${reason.code}`).toEqual([reason.key]);
      expect(pdftotext(pdf).replace(/[\s\u3000]+/g, '')).toContain(`${reason.code}${reason.ja}`);
    }
    // The record must name the reason printed last.
    expect(await error('election.record', { rollNumber: '0001', reason: '1' })).toMatchObject({
      code: 'SENSEISHO_REQUIRED',
    });
  });
});

describe('the five 期日前 reasons', () => {
  it("are the 宣誓書 form's voteReason choices, in order, with the same labels", () => {
    const form = JSON.parse(readFileSync(join(FORMS, 'kijitsumae-senseisho/form.json'), 'utf8')) as {
      inputs: Array<{ key: string; options?: Array<{ value: string; label: string }> }>;
    };
    const choices = form.inputs.find((i) => i.key === 'voteReason')?.options ?? [];
    expect(choices.map((c) => ({ key: c.value, ja: c.label }))).toEqual(
      ELECTION_REASONS.map((r) => ({ key: r.key, ja: r.ja })),
    );
  });

  it('parse from a code or a key, in any width or case; nothing else', () => {
    expect(ELECTION_REASONS.map((r) => parseElectionReason(r.key.toUpperCase()))).toEqual([
      ...ELECTION_REASON_CODES,
    ]);
    expect(parseElectionReason('３')).toBe('3');
    for (const old of ['residence', 'health', '6', '']) expect(parseElectionReason(old)).toBeUndefined();
  });
});
