/**
 * Test helper process for the shelter's crash-safety test (not part of the product): opens a
 * shelter store (passphrase on stdin) and checks in, one by one and as fast as it can, every
 * listed person not yet here — alternating with 外出 for every third — printing "ACK <person id>"
 * only after the call returned, i.e. after the commit, exactly as the entrance screen confirms.
 *
 *   node bin/run-ts.mjs src-main/modes/shelter/crash-child.ts STORE.db < passphrase
 */
import { writeSync } from 'node:fs';
import { readSecretFromStdin } from '../../cli/secret-input.ts';
import { ShelterService } from './service.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-child.ts STORE.db');
const secret = await readSecretFromStdin(process.stdin);
const svc = await ShelterService.open(path, secret);
secret.dispose();
const waiting = svc.store.db
  .prepare(
    `SELECT person_id FROM shelter_residents r
     WHERE NOT EXISTS (SELECT 1 FROM shelter_presence p WHERE p.person_id = r.person_id) ORDER BY person_id`,
  )
  .pluck()
  .all() as string[];
writeSync(1, 'READY\n');
for (const [i, id] of waiting.entries()) {
  const r = svc.move([id], 'arrive', { operator: 'crash-test' });
  if (r.moved.length !== 1) continue;
  if (i % 3 === 0) svc.move([id], 'out', { operator: 'crash-test' });
  writeSync(1, `ACK ${id}\n`);
}
writeSync(1, 'DONE\n');
await svc.close();
