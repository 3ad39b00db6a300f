/**
 * Loading forms/procedures.json: JSON → zod schema → cross-checks (ids unique, conditions name
 * earlier questions and real option values, counters and forms exist, every question changes the
 * result). A broken file fails with PROCEDURES_INVALID naming the file and the field path, e.g.
 * `lifeEvents.2.questions.1.options: a single question needs at least 2 options`.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  conditionRefs,
  proceduresFileSchema,
  type Condition,
  type LifeEventDef,
  type ProceduresFile,
  type QuestionDef,
} from './procedures-schema.ts';

export class ProceduresError extends Error {
  override readonly name = 'ProceduresError';
  readonly code = 'PROCEDURES_INVALID';
  readonly messageJa: string;
  constructor(
    message: string,
    readonly file: string,
    /** Dotted path of the offending field. */
    readonly field?: string,
  ) {
    super(message);
    this.messageJa = `手続きの定義ファイル（procedures.json）が正しくありません${field ? `（${field}）` : ''}。`;
  }
}

export interface ValidateOptions {
  /** Form ids that exist (forms/<id>/form.json); omitted = not checked. */
  knownFormIds?: readonly string[];
  /** Counter ids the terminal configuration adds. */
  extraCounterIds?: readonly string[];
}

type Path = (string | number)[];

function checkEvent(
  ev: LifeEventDef,
  base: Path,
  counterIds: Set<string>,
  opts: ValidateOptions,
  issues: [Path, string][],
) {
  const questions = new Map<string, { q: QuestionDef; index: number }>();
  const referenced = new Set<string>();

  const checkCondition = (c: Condition, path: Path, before: number) => {
    for (const ref of conditionRefs(c)) {
      const found = questions.get(ref.question);
      if (!found || found.index >= before) {
        issues.push([
          path,
          `condition names question "${ref.question}", which is not asked before this point`,
        ]);
        continue;
      }
      referenced.add(ref.question);
      const q = found.q;
      for (const v of ref.values) {
        if (q.kind === 'yesno') {
          if (typeof v !== 'boolean')
            issues.push([path, `question "${q.id}" is yes/no: compare with true or false`]);
        } else if (typeof v !== 'string' || !q.options?.some((o) => o.value === v)) {
          issues.push([path, `question "${q.id}" has no option "${String(v)}"`]);
        }
      }
    }
    const visit = (x: Condition, p: Path) => {
      if ('all' in x) x.all.forEach((y, i) => visit(y, [...p, 'all', i]));
      else if ('any' in x) x.any.forEach((y, i) => visit(y, [...p, 'any', i]));
      else if ('not' in x) visit(x.not, [...p, 'not']);
      else {
        const q = questions.get(x.question)?.q;
        if (q && 'includes' in x && q.kind !== 'multi')
          issues.push([p, `"includes" is for multi questions; "${q.id}" is ${q.kind}`]);
        if (q && q.kind === 'multi' && !('includes' in x))
          issues.push([p, `question "${q.id}" is multi: use "includes"`]);
      }
    };
    visit(c, path);
  };

  ev.questions.forEach((q, i) => {
    const path = [...base, 'questions', i];
    if (questions.has(q.id)) issues.push([[...path, 'id'], `duplicate question id "${q.id}"`]);
    if (q.kind === 'yesno' && q.options)
      issues.push([[...path, 'options'], 'a yesno question has no options']);
    if (q.kind !== 'yesno') {
      if (!q.options || q.options.length < 2)
        issues.push([[...path, 'options'], `a ${q.kind} question needs at least 2 options`]);
      const values = new Set<string>();
      q.options?.forEach((o, j) => {
        if (values.has(o.value))
          issues.push([[...path, 'options', j, 'value'], `duplicate option "${o.value}"`]);
        values.add(o.value);
      });
    }
    if (q.kind === 'multi' && q.setsInput)
      issues.push([[...path, 'setsInput'], 'a multi answer cannot fill a form input']);
    if (q.when) checkCondition(q.when, [...path, 'when'], i);
    questions.set(q.id, { q, index: i });
  });

  const procIds = new Set<string>();
  ev.procedures.forEach((p, i) => {
    const path = [...base, 'procedures', i];
    if (procIds.has(p.id)) issues.push([[...path, 'id'], `duplicate procedure id "${p.id}"`]);
    procIds.add(p.id);
    if (!counterIds.has(p.counter))
      issues.push([[...path, 'counter'], `unknown counter "${p.counter}" (declare it in "counters")`]);
    if (opts.knownFormIds) {
      p.forms.forEach((f, j) => {
        if (!opts.knownFormIds!.includes(f)) issues.push([[...path, 'forms', j], `no form "${f}" in forms/`]);
      });
    }
    if (p.when) checkCondition(p.when, [...path, 'when'], ev.questions.length);
  });

  ev.questions.forEach((q, i) => {
    if (!referenced.has(q.id) && !q.setsInput) {
      issues.push([
        [...base, 'questions', i],
        `question "${q.id}" changes nothing: no condition uses it and it fills no input (ask only what changes the result)`,
      ]);
    }
  });
}

/** Schema + cross-checks. Throws ProceduresError naming the first offending field. */
export function validateProcedures(
  raw: unknown,
  file = 'procedures.json',
  opts: ValidateOptions = {},
): ProceduresFile {
  const r = proceduresFileSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new ProceduresError(`${file}: ${field || '(root)'}: ${issue.message}`, file, field || undefined);
  }
  const data = r.data;
  const issues: [Path, string][] = [];
  const fileCounterIds = new Set<string>();
  data.counters.forEach((c, i) => {
    if (fileCounterIds.has(c.id)) issues.push([['counters', i, 'id'], `duplicate counter id "${c.id}"`]);
    fileCounterIds.add(c.id);
  });
  const counterIds = new Set<string>([...fileCounterIds, ...(opts.extraCounterIds ?? [])]);
  const eventIds = new Set<string>();
  data.lifeEvents.forEach((ev, i) => {
    if (eventIds.has(ev.id)) issues.push([['lifeEvents', i, 'id'], `duplicate life event id "${ev.id}"`]);
    eventIds.add(ev.id);
    checkEvent(ev, ['lifeEvents', i], counterIds, opts, issues);
  });
  if (issues.length > 0) {
    const [path, message] = issues[0]!;
    const field = path.map(String).join('.');
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new ProceduresError(`${file}: ${field}: ${message}${more}`, file, field);
  }
  return data;
}

export function loadProcedures(file: string, opts: ValidateOptions = {}): ProceduresFile {
  if (!existsSync(file)) throw new ProceduresError(`${file}: file not found`, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ProceduresError(`${file}: not valid JSON: ${(e as Error).message}`, file);
  }
  return validateProcedures(raw, file, opts);
}
