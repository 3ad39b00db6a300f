import { describe, expect, it } from 'vitest';
import { storedPeers } from './desk-service.ts';

describe('stored LAN peers', () => {
  it('reads the list `kakanai election peers` stored, and none when nothing was stored', () => {
    expect(storedPeers('["192.0.2.1:7420","desk-2.local:7420"]')).toEqual([
      '192.0.2.1:7420',
      'desk-2.local:7420',
    ]);
    expect(storedPeers(undefined)).toEqual([]);
  });

  it('says when the stored value is not a list of host:port strings (instead of silently syncing with nobody)', () => {
    expect(storedPeers('not json')).toBeNull();
    expect(storedPeers('{"a":1}')).toBeNull();
    expect(storedPeers('[7420]')).toBeNull();
  });
});
