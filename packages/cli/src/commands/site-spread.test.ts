import { describe, expect, it } from 'vitest';
import { mean3Sigma, siteSpread } from './site-spread.js';

// |mean| + 3 sigma with the sample standard deviation (n - 1), docs/tool.md §7.5 (OverlayXM3s).
describe('mean3Sigma', () => {
  it('is |mean| + 3 sample sigma: 1, 2, 3 nm have mean 2 and sigma 1, so 5 nm', () => {
    expect(mean3Sigma([1, 2, 3])).toBeCloseTo(5, 12);
    expect(mean3Sigma([-1, -2, -3])).toBeCloseTo(5, 12);
  });

  it('is |value| for one value and 0 for none', () => {
    expect(mean3Sigma([-4])).toBe(4);
    expect(mean3Sigma([])).toBe(0);
  });
});

describe('siteSpread', () => {
  it('takes x from dx and y from dy', () => {
    const site = (dx: number, dy: number) => ({ wafer: 'S', X: 0, Y: 0, dx, dy });
    const s = siteSpread([site(1, 10), site(2, 10), site(3, 10)]);
    expect(s.x).toBeCloseTo(5, 12);
    expect(s.y).toBeCloseTo(10, 12);
  });
});
