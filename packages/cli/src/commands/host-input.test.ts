import { describe, expect, it } from 'vitest';
import { SmlLineBuffer } from './host-input.js';

describe('SmlLineBuffer', () => {
  it('completes a message that spans lines, and several on one line', () => {
    const b = new SmlLineBuffer();
    expect(b.push('S1F3 W')).toEqual({ messages: [] });
    expect(b.push('  <L <U4 1>')).toEqual({ messages: [] });
    const r = b.push('  >.');
    expect('messages' in r && r.messages.map((m) => [m.stream, m.function, m.wBit])).toEqual([[1, 3, true]]);
    expect(b.empty).toBe(true);
    const two = b.push('S1F1 W. S2F17 W.');
    expect('messages' in two && two.messages.length).toBe(2);
  });
  it('reports text that more input cannot fix, and starts afresh', () => {
    const b = new SmlLineBuffer();
    const r = b.push('S1F3 W <U9 1>.');
    expect('error' in r && r.error).toMatch(/line 1/);
    expect(b.empty).toBe(true);
    expect(b.push('S1F1 W.')).toMatchObject({ messages: [{ stream: 1, function: 1 }] });
  });
  it('a text item with a period inside is not taken for the end', () => {
    const b = new SmlLineBuffer();
    expect(b.push('S10F3 W <L <B 0> <A "v1.2 ok."')).toEqual({ messages: [] });
    expect(b.push('>>.')).toMatchObject({ messages: [{ stream: 10, function: 3 }] });
  });
});
