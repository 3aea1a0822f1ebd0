import { describe, expect, it } from 'vitest';
import { percent } from './percent.js';

describe('percent', () => {
  it('shows one decimal, two where one would round a loss up to 100', () => {
    expect(percent(0.097)).toBe('9.7');
    expect(percent(1)).toBe('100.0');
    expect(percent(0.9997)).toBe('99.97');
    expect(percent(0.99999)).toBe('100.00');
    expect(percent(Number.NaN)).toBe('n/a');
  });
});
