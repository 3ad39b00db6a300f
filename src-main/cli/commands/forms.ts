/**
 * `kakanai forms list | fill | grid`: the forms engine for staff and tests.
 * The data file may hold the 個人番号; it is read from the file only (never argv) and only forms
 * with requiresMyNumber print it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CommandError, EXIT, UsageError, optString, requireString, type Command } from '../command.ts';
import { FormError } from '../../forms/errors.ts';
import { formProblems, listForms } from '../../forms/catalog.ts';
import { renderForms } from '../../forms/render.ts';
import { renderGrid } from '../../forms/grid.ts';

function asCommandError(e: unknown): unknown {
  if (e instanceof FormError) {
    const exit = e.code === 'UNKNOWN_FORM' ? EXIT.USAGE : EXIT.FAILURE;
    return new CommandError(e.code, e.message, exit, { ...e.details });
  }
  return e;
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asCommandError(e);
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const list: Command = {
  path: ['forms', 'list'],
  summary: 'List the forms (様式) and the inputs each needs',
  usage:
    'kakanai forms list [--json]\n  Lists valid forms; broken definitions are reported with file, field and reason (exit 1).',
  options: {},
  async run() {
    const forms = listForms();
    const problems = formProblems().map((p) => ({ ...(p.file ? { file: p.file } : {}), message: p.message }));
    const lines = forms.map(
      (f) =>
        `${f.id.padEnd(24)} ${f.title}${f.requiresMyNumber ? '  [個人番号: 暗証番号が必要]' : ''}\n` +
        `${''.padEnd(24)} inputs: ${f.inputs.map((i) => `${i.key}(${i.type}${i.required ? ',必須' : ''})`).join(' ') || '—'}`,
    );
    for (const p of problems) lines.push(`BROKEN ${p.message}`);
    return {
      json: { forms, problems },
      human: lines.join('\n') || 'no forms',
      exitCode: problems.length > 0 ? EXIT.FAILURE : EXIT.OK,
    };
  },
};

const fill: Command = {
  path: ['forms', 'fill'],
  summary: 'Fill forms from a data file into PDF(s)',
  usage: [
    'kakanai forms fill --form ID[,ID…] --data FILE.json [--out FILE.pdf] [--separate-dir DIR] [--qr] [--blank]',
    '                   [--missing-glyph error|warn]',
    '  FILE.json: { "resident": {name, nameKana?, address, birthDate, sex, myNumber?}, "input": {…}, "date"?: "YYYY-MM-DD" }',
    '  --out writes one combined PDF; --separate-dir writes DIR/<id>.pdf per form (at least one of them).',
  ].join('\n'),
  options: {
    form: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    'separate-dir': { type: 'string' },
    qr: { type: 'boolean', default: false },
    blank: { type: 'boolean', default: false },
    'missing-glyph': { type: 'string' },
  },
  async run(ctx) {
    const formIds = requireString(ctx, 'form')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const blank = ctx.values.blank === true;
    const dataPath = optString(ctx, 'data');
    if (!dataPath && !blank) throw new UsageError('--data is required (or --blank for empty forms)');
    const out = optString(ctx, 'out');
    const separateDir = optString(ctx, 'separate-dir');
    if (!out && !separateDir) throw new UsageError('give --out FILE.pdf and/or --separate-dir DIR');
    const mg = optString(ctx, 'missing-glyph') ?? 'error';
    if (mg !== 'error' && mg !== 'warn') throw new UsageError('--missing-glyph must be error or warn');
    let data: unknown = {};
    if (dataPath) {
      try {
        data = JSON.parse(await readFile(dataPath, 'utf8'));
      } catch (e) {
        throw new CommandError('INVALID_DATA', `cannot read ${dataPath} as JSON: ${(e as Error).message}`);
      }
    }
    const base = { formIds, data, qr: ctx.values.qr === true, blank, missingGlyph: mg } as const;
    const files: { path: string; forms: string[]; bytes: number; pages: number }[] = [];
    const warnings: unknown[] = [];
    await guarded(async () => {
      if (out) {
        const r = await renderForms({ ...base, combined: true });
        await writeFile(out, r.combined!);
        files.push({
          path: out,
          forms: r.forms.map((f) => f.id),
          bytes: r.combined!.length,
          pages: r.forms.reduce((a, f) => a + f.pages, 0),
        });
        warnings.push(...r.warnings);
      }
      if (separateDir) {
        await mkdir(separateDir, { recursive: true });
        const r = await renderForms(base);
        for (const f of r.forms) {
          const path = join(separateDir, `${f.id}.pdf`);
          await writeFile(path, f.pdf!);
          files.push({ path, forms: [f.id], bytes: f.pdf!.length, pages: f.pages });
        }
        if (!out) warnings.push(...r.warnings);
      }
    });
    return {
      json: { files, warnings },
      human: [
        ...files.map((f) => `wrote ${f.path} (${f.forms.join(', ')}; ${f.pages} pages, ${kb(f.bytes)})`),
        ...warnings.map((w) => `warning: ${(w as { message: string }).message}`),
      ].join('\n'),
    };
  },
};

const grid: Command = {
  path: ['forms', 'grid'],
  summary: 'Print a form with a millimetre grid and its field boxes (for writing form.json)',
  usage: 'kakanai forms grid --form ID --out FILE.pdf',
  options: { form: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const id = requireString(ctx, 'form');
    const out = requireString(ctx, 'out');
    const pdf = await guarded(() => renderGrid(id));
    await writeFile(out, pdf);
    return { json: { path: out, form: id, bytes: pdf.length }, human: `wrote ${out} (${kb(pdf.length)})` };
  },
};

export const formsCommands: Command[] = [list, fill, grid];
