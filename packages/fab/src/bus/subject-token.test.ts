import { describe, expect, it } from 'vitest';
import { idToken } from './subject-token.js';

describe('idToken', () => {
  it('keeps the usual ids and escapes what a subject token or KV key cannot hold', () => {
    expect(idToken('B1')).toBe('B1');
    expect(idToken('bonder-07')).toBe('bonder-07');
    expect(idToken('line 2.B1')).toBe('line_202_2EB1');
    expect(idToken('a*>_')).toBe('a_2A_3E_5F');
    expect(idToken('Bö')).toBe('B_C3_B6');
  });

  it('gives different ids different tokens, none of them the bare _', () => {
    const ids = ['_', '_5F', 'a.b', 'a_2Eb', 'a b', 'a_20b', '-', 'x'];
    const tokens = ids.map(idToken);
    expect(new Set(tokens).size).toBe(ids.length);
    expect(tokens).not.toContain('_');
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
