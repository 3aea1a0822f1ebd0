import { describe, expect, it } from 'vitest';
import { showValue } from './operator-report.js';

describe('showValue', () => {
  it('quotes text, rounds floats, and shows id lists (AlarmsSet...) in brackets', () => {
    expect(showValue('P-1')).toBe('"P-1"');
    expect(showValue(1 / 3)).toBe('0.333333');
    expect(showValue(7)).toBe('7');
    expect(showValue(true)).toBe('true');
    expect(showValue([1, 3])).toBe('[1 3]');
    expect(showValue([])).toBe('[]');
  });
});
