/**
 * Test helper process for crash-safety tests (not part of the product): opens an election store
 * (passphrase on stdin), then records votes for every voter not yet voted, as fast as it can,
 * printing "ACK <roll number>" only after record() returned — i.e. after the commit — exactly
 * as the desk screen confirms a vote. The parent kills it with SIGKILL at a random moment.
 *
 *   node bin/run-ts.mjs src-main/modes/election/crash-child.ts STORE.db < passphrase
 */
import { writeSync } from 'node:fs';
import { readSecretFromStdin } from '../../cli/secret-input.ts';
import { ElectionService } from './service.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-child.ts STORE.db');
const secret = await readSecretFromStdin(process.stdin);
const svc = await ElectionService.open(path, secret);
secret.dispose();
const rolls = svc.store.db
  .prepare('SELECT roll_number FROM election_voters ORDER BY roll_number')
  .pluck()
  .all() as string[];
writeSync(1, 'READY\n');
for (const rollNumber of rolls) {
  const r = svc.record({ rollNumber, operator: 'crash-test' });
  if (r.result === 'RECORDED') writeSync(1, `ACK ${rollNumber}\n`);
}
writeSync(1, 'DONE\n');
await svc.close();
