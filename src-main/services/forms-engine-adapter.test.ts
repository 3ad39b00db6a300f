import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFormsEngine, readFormCatalog } from './forms-engine-adapter.ts';

const FORMS = new URL('../../forms/', import.meta.url).pathname;

describe('form catalog', () => {
  it('reads every valid forms/<id>/form.json and skips broken or misnamed ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-forms-'));
    cpSync(join(FORMS, 'jumin-ido'), join(dir, 'jumin-ido'), { recursive: true });
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'form.json'), '{ "schemaVersion": 1, ');
    cpSync(join(FORMS, 'jumin-ido'), join(dir, 'renamed'), { recursive: true });
    writeFileSync(join(dir, 'procedures.json'), '{}');
    const ids = readFormCatalog(dir).map((f) => f.id);
    expect(ids).toEqual(['jumin-ido']);
    expect(readFormCatalog(join(dir, 'nowhere'))).toEqual([]);
  });

  it('the shipped forms load', async () => {
    const list = await createFormsEngine(FORMS).list();
    expect(list.map((f) => f.id)).toContain('jumin-ido');
    expect(list.find((f) => f.id === 'jumin-ido')!.requiresMyNumber).toBe(false);
  });
});
