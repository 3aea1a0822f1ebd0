import { describe, expect, it } from 'vitest';
import { TypedEmitter } from './events.js';

describe('TypedEmitter', () => {
  it('calls listeners in order, unsubscribes, and fires once-listeners once', () => {
    const e = new TypedEmitter<{ n: number; error: Error }>();
    const seen: string[] = [];
    const off = e.on('n', (n) => seen.push(`a${n}`));
    e.once('n', (n) => seen.push(`b${n}`));
    e.emit('n', 1);
    e.emit('n', 2);
    off();
    e.emit('n', 3);
    expect(seen).toEqual(['a1', 'b1', 'a2']);
    expect(e.listenerCount('n')).toBe(0);
    expect(() => e.emit('error', new Error('nobody listens'))).not.toThrow();
  });
});
