import { describe, expect, it } from 'vitest';
import { deselectAnswer, selectAnswer } from './control-answers.js';

// Our device id is 100 (0x64) in every case.
describe('answers to a peer Select.req / Deselect.req (E37)', () => {
  it('Select.req: 0 when not selected, 1 (already active) when selected', () => {
    expect(selectAnswer('not-selected', 0xffff, 100)).toBe(0);
    expect(selectAnswer('not-selected', 100, 100)).toBe(0);
    expect(selectAnswer('selected', 0xffff, 100)).toBe(1);
  });

  it('Select.req naming neither 0xFFFF nor our id: 4 (no such entity), in any state', () => {
    expect(selectAnswer('not-selected', 101, 100)).toBe(4);
    expect(selectAnswer('not-selected', 0, 100)).toBe(4);
    expect(selectAnswer('selected', 0xfffe, 100)).toBe(4);
  });

  it('Deselect.req: 1 when not selected, 2 (busy) with open transactions, else 0', () => {
    expect(deselectAnswer('not-selected', 0, 0xffff, 100)).toBe(1);
    expect(deselectAnswer('selected', 3, 0xffff, 100)).toBe(2);
    expect(deselectAnswer('selected', 0, 0xffff, 100)).toBe(0);
    expect(deselectAnswer('selected', 0, 100, 100)).toBe(0);
  });

  it('Deselect.req naming another session entity: 1 (not selected), ours stays selected', () => {
    expect(deselectAnswer('selected', 0, 101, 100)).toBe(1);
  });
});
