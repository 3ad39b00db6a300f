import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';
import { pdfText, compact } from '../../forms/test-pdf.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'kakanai-forms-cli-'));

const data = {
  resident: {
    name: '山田　太郎',
    address: '東京都千代田区霞が関一丁目２番３号',
    birthDate: '1955-01-02',
    sex: '1',
  },
  input: {
    moveType: 'tenkyo',
    moveDate: '2026-11-20',
    phone: '090-1234-5678',
    newAddress: '東京都新宿区西新宿二丁目８番１号',
  },
  date: '2026-11-22',
};

describe('kakanai forms', () => {
  it('list --json gives each form with requiresMyNumber and typed, labelled inputs', async () => {
    const r = await runCli(['forms', 'list', '--json']);
    const forms = r.json!.forms as {
      id: string;
      requiresMyNumber: boolean;
      inputs: { key: string; type: string; label: string }[];
    }[];
    const jumin = forms.find((f) => f.id === 'jumin-ido')!;
    expect(jumin.requiresMyNumber).toBe(false);
    expect(jumin.inputs.find((i) => i.key === 'moveDate')).toMatchObject({
      type: 'date',
      label: '異動日（転出は予定日）',
    });
    expect(Array.isArray(r.json!.problems)).toBe(true);
  });

  it('fill writes a combined PDF and one per form', async () => {
    const dir = tmp();
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify(data));
    const out = join(dir, 'all.pdf');
    const r = await runCli([
      'forms',
      'fill',
      '--form',
      'jumin-ido',
      '--data',
      file,
      '--out',
      out,
      '--separate-dir',
      join(dir, 'sep'),
      '--qr',
      '--json',
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(existsSync(join(dir, 'sep', 'jumin-ido.pdf'))).toBe(true);
    const text = compact(pdfText(new Uint8Array(readFileSync(out))));
    expect(text).toContain('山田太郎');
    expect(text).toContain('令和8年11月20日');
    expect((r.json!.files as unknown[]).length).toBe(2);
  });

  it('an unknown form id is a usage error naming it; a missing value names the field', async () => {
    const dir = tmp();
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify(data));
    const unknown = await runCli([
      'forms',
      'fill',
      '--form',
      'jumin-ido,nosuch',
      '--data',
      file,
      '--out',
      join(dir, 'x.pdf'),
      '--json',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.json!.error).toMatchObject({ code: 'UNKNOWN_FORM', form: 'nosuch' });
    const { phone: _phone, ...noPhone } = data.input;
    writeFileSync(file, JSON.stringify({ ...data, input: noPhone }));
    const missing = await runCli([
      'forms',
      'fill',
      '--form',
      'jumin-ido',
      '--data',
      file,
      '--out',
      join(dir, 'x.pdf'),
      '--json',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.json!.error).toMatchObject({
      code: 'MISSING_VALUE',
      form: 'jumin-ido',
      field: 'input.phone',
    });
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  it('grid writes the calibration sheet with the millimetre numbers and field names', async () => {
    const out = join(tmp(), 'grid.pdf');
    const r = await runCli(['forms', 'grid', '--form', 'jumin-ido', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = pdfText(new Uint8Array(readFileSync(out)));
    expect(text).toContain('190');
    expect(text).toContain('oldAddress');
  });
});
