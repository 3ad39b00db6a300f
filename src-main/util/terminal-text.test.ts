import { describe, expect, it } from 'vitest';
import { jsonTerminalSafe, terminalSafe } from './terminal-text.ts';

describe('text for the terminal', () => {
  it('escapes control and bidi characters, keeps newlines, tabs and Japanese', () => {
    expect(terminalSafe('山田\u001b[2J太郎\n\t𠮷')).toBe('山田\\u001b[2J太郎\n\t𠮷');
    expect(terminalSafe('\u202eウロタ')).toBe('\\u202eウロタ');
  });

  it('JSON stays the same document', () => {
    const doc = { name: '\u202e山田\u0085', n: 1 };
    const out = jsonTerminalSafe(JSON.stringify(doc));
    expect(out).not.toMatch(/[\u202e\u0085]/);
    expect(JSON.parse(out)).toEqual(doc);
  });
});
