import { describe, expect, it } from 'vitest';
import { analyticYield } from '../analytic/analytic-yield.js';
import type { McResult } from '../results.js';
import { agreementCases } from './agreement-cases.js';
import { CAUSE_OVERLAY } from './die-causes.js';
import { runMonteCarlo } from './monte-carlo.js';

/** Mean and standard error over wafers of a per-wafer statistic. */
function perWafer(
  r: McResult,
  stat: (w: McResult['wafers'][number]) => number,
): { mean: number; se: number } {
  const xs = r.wafers.map(stat);
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, se: sd / Math.sqrt(n) };
}

// Analytic and Monte Carlo must agree within statistical error (docs/physics.md §5). Fixed seeds; the bound is
// |analytic - MC| < 4 standard errors of the MC (plus 0.2% of the value for the analytic quadrature).
// The 2000-wafer versions of these comparisons are in bench/agreement.bench.ts.
describe('analytic vs Monte Carlo', () => {
  for (const [k, c] of agreementCases.entries()) {
    it(c.name, () => {
      const a = analyticYield(c.params);
      const mc = runMonteCarlo(c.params, { wafers: 100, seed: 1000 + k });
      const nd = mc.dies.length;
      const lam = perWafer(mc, (w) => w.killers.reduce((s, x) => s + x, 0) / nd);
      expect(Math.abs(lam.mean - a.lambdaMean)).toBeLessThan(4 * lam.se + 2e-3 * a.lambdaMean);
      const surv = perWafer(mc, (w) => w.killers.reduce((s, x) => s + (x === 0 ? 1 : 0), 0) / nd);
      expect(Math.abs(surv.mean - a.yield.void)).toBeLessThan(4 * surv.se + 2e-3);
      const ov = perWafer(mc, (w) => w.causes.reduce((s, x) => s + (x === CAUSE_OVERLAY ? 0 : 1), 0) / nd);
      expect(Math.abs(ov.mean - a.yield.overlay)).toBeLessThan(4 * ov.se + 1e-9);
      expect(Math.abs(mc.mean - a.yield.total)).toBeLessThan(4 * mc.stderr + 2e-3);
    });
  }
});
