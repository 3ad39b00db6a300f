/** `kakanai fare example-program | check-program` through the CLI entry point. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../../test/helpers/cli.ts';
import { tempDir } from '../../store/test-support.ts';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('kakanai-cli-fare-');
});
afterAll(() => tmp.cleanup());

describe('kakanai fare', () => {
  it('prints an example programme that check-program accepts; a broken one names each problem (exit 2)', async () => {
    const ex = await runMain(['fare', 'example-program'], '');
    expect(ex.code).toBe(0);
    expect(ex.err).toContain('municipality');
    const file = join(tmp.dir, 'program.json');
    writeFileSync(file, ex.out);
    const ok = await runMain(['fare', 'check-program', '--program', file, '--json'], '');
    expect(ok.json).toMatchObject({ valid: true, program: { caps: { perDay: 2, perYear: 70 } } });
    const broken = { ...JSON.parse(ex.out), value: { kind: 'share', share: 2 }, caps: { perYear: 0 } };
    writeFileSync(file, JSON.stringify(broken));
    const bad = await runMain(['fare', 'check-program', '--program', file, '--json'], '');
    expect(bad.code).toBe(2);
    expect(bad.json.error.problems.map((p: { path: string }) => p.path)).toEqual([
      'value.share',
      'caps.perYear',
    ]);
    writeFileSync(file, '{ not json');
    expect((await runMain(['fare', 'check-program', '--program', file], '')).code).toBe(2);
  });
});
