import { describe, expect, it } from 'vitest';
import { SmlLineBuffer } from './host-input.js';

describe('SmlLineBuffer', () => {
  it('completes a message that spans lines, and several on one line', () => {
    const b = new SmlLineBuffer();
    expect(b.push('S1F3 W')).toEqual({ ok: true, value: [] });
    expect(b.push('  <L <U4 1>')).toEqual({ ok: true, value: [] });
    const r = b.push('  >.');
    expect(r.ok && r.value.map((m) => [m.stream, m.function, m.wBit])).toEqual([[1, 3, true]]);
    expect(b.empty).toBe(true);
    const two = b.push('S1F1 W. S2F17 W.');
    expect(two.ok && two.value.length).toBe(2);
  });

  it('reports text that more input cannot fix at its line of the input, and starts afresh', () => {
    const b = new SmlLineBuffer();
    expect(b.push('S1F1 W.').ok).toBe(true);
    expect(b.push('S1F3 W').ok).toBe(true);
    expect(b.push('  <U9 1>.')).toEqual({
      ok: false,
      issues: [{ code: 'sml-syntax', path: '3:4', message: "stdin:3:4: unknown item format 'U9'" }],
    });
    expect(b.empty).toBe(true);
    expect(b.push('S1F1 W.')).toMatchObject({ ok: true, value: [{ stream: 1, function: 1 }] });
  });

  it('a text item with a period inside is not taken for the end', () => {
    const b = new SmlLineBuffer();
    expect(b.push('S10F3 W <L <B 0> <A "v1.2 ok."')).toEqual({ ok: true, value: [] });
    expect(b.push('>>.')).toMatchObject({ ok: true, value: [{ stream: 10, function: 3 }] });
  });

  it('a string left open at the end of its line cannot be completed by the next line', () => {
    const b = new SmlLineBuffer('console');
    expect(b.push('S10F3 W <A "abc')).toMatchObject({
      ok: false,
      issues: [{ code: 'sml-syntax', message: 'console:1:12: string is not closed with " on its line' }],
    });
  });
});
