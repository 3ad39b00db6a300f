import { describe, expect, it } from 'vitest';
import { CardChannel } from '../channel.ts';
import type { CardTransport } from '../transport.ts';
import { identifyCard, parseTokenLabel } from './identify.ts';

const label = (s: string, pad: number) => {
  const out = new Uint8Array(32).fill(pad);
  out.set(Buffer.from(s, 'ascii'));
  return out;
};

function fake(answers: (cmd: Uint8Array) => number[]): CardTransport & { log: string[] } {
  const log: string[] = [];
  return {
    readerName: 'fake',
    supportsExtendedApdu: false,
    log,
    transmit: async (cmd) => {
      log.push(Buffer.from(cmd).toString('hex').toUpperCase());
      return Uint8Array.from(answers(cmd));
    },
    close: async () => {},
  };
}

describe('parseTokenLabel', () => {
  it.each([
    ['JPKIAPICCTOKEN2', 'mynumber-card'],
    ['JPKIAPICCTOKEN', 'juki-card'],
    ['JPKIAPGPSETOKEN', 'android'],
    ['JPKIAPIOSTOKEN', 'iphone'],
    ['SOMETHINGELSE', 'unknown'],
  ])('%s → %s, trimmed of spaces and NULs', (l, kind) => {
    expect(parseTokenLabel(label(l, 0x20))).toEqual({ label: l, kind });
    expect(parseTokenLabel(label(l, 0x00))).toEqual({ label: l, kind });
  });

  it('non-ASCII labels are BAD_RESPONSE', () => {
    expect(() => parseTokenLabel(Uint8Array.of(0x4a, 0x01, 0x50))).toThrow(
      expect.objectContaining({ code: 'BAD_RESPONSE' }),
    );
  });
});

describe('identifyCard', () => {
  it('SELECT JPKI + one SFI read of the token, nothing else', async () => {
    const t = fake((cmd) => (cmd[1] === 0xa4 ? [0x90, 0] : [...label('JPKIAPICCTOKEN2', 0x20), 0x90, 0]));
    const token = await identifyCard(new CardChannel(t));
    expect(token).toEqual({ label: 'JPKIAPICCTOKEN2', kind: 'mynumber-card' });
    expect(t.log).toEqual(['00A4040C0AD392F000260100000001', '00B0860020']);
  });

  it('6A82 or an outright rejection of the SELECT is NOT_MYNUMBER_CARD', async () => {
    for (const sw of [
      [0x6a, 0x82],
      [0x6e, 0x00],
      [0x6a, 0x86],
    ]) {
      const t = fake(() => sw);
      await expect(identifyCard(new CardChannel(t))).rejects.toMatchObject({ code: 'NOT_MYNUMBER_CARD' });
      expect(t.log).toHaveLength(1);
    }
  });
});
