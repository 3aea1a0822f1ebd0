import { describe, expect, it } from 'vitest';
import { logNormalCdf, logNormalInterval, normalCdf } from './normal.js';

describe('normal tails', () => {
  it('matches reference values of Phi', () => {
    // Phi(-1) = 0.15865525393145707 (erfc(1/sqrt 2)/2); Phi(-6) = 9.865876450376946e-10.
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(-6) / 9.865876450376946e-10).toBeCloseTo(1, 12);
  });
  it('log Phi in the far tail follows the asymptotic series', () => {
    // log Phi(x) = -x^2/2 - log(-x sqrt(2 pi)) + log(1 - 1/x^2 + 3/x^4 - 15/x^6 + ...), x -> -inf
    for (const x of [-40, -100, -1000]) {
      const s = 1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6 + 105 / x ** 8;
      const ref = -(x * x) / 2 - Math.log(-x * Math.sqrt(2 * Math.PI)) + Math.log(s);
      expect(logNormalCdf(x)).toBeCloseTo(ref, 9);
    }
  });
  it('log P(lo <= X <= hi) keeps tiny complements', () => {
    const lo = -6.47;
    const tail = normalCdf(lo) + normalCdf(-14);
    expect(logNormalInterval(lo, 14) / -tail).toBeCloseTo(1, 10);
    expect(Math.exp(logNormalInterval(1, 2))).toBeCloseTo(normalCdf(2) - normalCdf(1), 15);
    expect(Math.exp(logNormalInterval(-3, -2))).toBeCloseTo(normalCdf(-2) - normalCdf(-3), 15);
  });
});
