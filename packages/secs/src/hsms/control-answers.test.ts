import { describe, expect, it } from 'vitest';
import { deselectAnswer, selectAnswer } from './control-answers.js';

describe('answers to a peer Select.req / Deselect.req (E37)', () => {
  it('Select.req: 0 when not selected, 1 (already active) when selected', () => {
    expect(selectAnswer('not-selected')).toBe(0);
    expect(selectAnswer('selected')).toBe(1);
  });

  it('Deselect.req: 1 when not selected, 2 (busy) with open transactions, else 0', () => {
    expect(deselectAnswer('not-selected', 0)).toBe(1);
    expect(deselectAnswer('selected', 3)).toBe(2);
    expect(deselectAnswer('selected', 0)).toBe(0);
  });
});
