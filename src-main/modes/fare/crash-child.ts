/**
 * Test helper process for the fare terminal's crash-safety test (not part of the product): opens
 * a vehicle's store (passphrase on stdin) and records rides as fast as it can for the registered
 * cards in turn, printing "ACK <ride id>" only after `ride()` returned, i.e. after the commit,
 * exactly as the driver's screen confirms.
 *
 *   node bin/run-ts.mjs src-main/modes/fare/crash-child.ts STORE.db < passphrase
 */
import { writeSync } from 'node:fs';
import { readSecretFromStdin } from '../../cli/secret-input.ts';
import { FareService } from './service.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-child.ts STORE.db');
const secret = await readSecretFromStdin(process.stdin);
const svc = await FareService.open(path, secret);
secret.dispose();
const serials = svc.store.db
  .prepare('SELECT serial FROM fare_cards ORDER BY serial')
  .pluck()
  .all() as string[];
// Every ride an hour after the last one recorded, so no cap or repeat prompt gets in the way.
let at = (svc.store.db.prepare('SELECT max(at) FROM fare_rides').pluck().get() as number | null) ?? 0;
at = Math.max(at, Date.parse('2026-05-01T00:00:00+09:00'));
writeSync(1, 'READY\n');
for (let i = 0; ; i++) {
  at += 3_600_000;
  const r = svc.ride({
    serial: serials[i % serials.length]!,
    fareYen: 1000 + (i % 7) * 100,
    vehicle: 'car-101',
    at,
  });
  if (!r.recorded) throw new Error(`refused: ${r.reason}`);
  writeSync(1, `ACK ${r.ride.rideId}\n`);
}
