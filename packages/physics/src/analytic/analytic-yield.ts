import { copperLogYield } from '../copper/copper-yield.js';
import { dieGrid } from '../geometry/die-grid.js';
import { padLayout } from '../geometry/pad-layout.js';
import { type ExpectedOverlayOptions, expectedOverlay } from '../overlay/expected-overlay.js';
import { overlayLimits } from '../overlay/limits.js';
import type { BondParams } from '../params.js';
import type { AnalyticResult } from '../results.js';
import { type VoidLambdaOptions, voidLambdas } from '../voids/void-lambdas.js';

/** Options of the analytic calculator. */
export interface AnalyticOptions {
  overlay?: ExpectedOverlayOptions;
  voids?: VoidLambdaOptions;
}

/**
 * Analytic yield of every die and of the wafer (docs/physics.md §5): per die
 * Y = Yoverlay * Yvoid * Ycu with Yoverlay the expectation over the random
 * systematic terms of the probability that all critical logical pads pass,
 * Yvoid = exp(-lambda_die) with the die's own expected killing-particle
 * count, and Ycu = q^Ncrit (with redundancy) the same for every die.
 * Cost does not grow with the pad count.
 */
export function analyticYield(params: BondParams, options: AnalyticOptions = {}): AnalyticResult {
  const dies = dieGrid(params);
  const layout = padLayout(params);
  const limits = overlayLimits(params);
  const ov = expectedOverlay(params, layout, dies, options.overlay ?? {});
  const lambda = voidLambdas(params, layout, dies, options.voids ?? {});
  const cuDie = Math.exp(copperLogYield(params, layout));
  const n = dies.length;
  const overlay = ov.yield;
  const voids = new Float64Array(n);
  const cu = new Float64Array(n).fill(cuDie);
  const total = new Float64Array(n);
  const sums = { overlay: 0, void: 0, cu: 0, total: 0, lambda: 0 };
  const lost = { overlay: 0, void: 0, cu: 0 };
  let overlayErrorEstimate = 0;
  for (let i = 0; i < n; i++) {
    const yo = overlay[i] as number;
    const l = lambda[i] as number;
    const yv = Math.exp(-l);
    voids[i] = yv;
    total[i] = yo * yv * cuDie;
    sums.overlay += yo;
    sums.void += yv;
    sums.cu += cuDie;
    sums.total += yo * yv * cuDie;
    sums.lambda += l;
    lost.overlay += 1 - yo;
    lost.void += yo * (1 - yv);
    lost.cu += yo * yv * (1 - cuDie);
    overlayErrorEstimate = Math.max(
      overlayErrorEstimate,
      (ov.errorEstimate[i] as number) + ov.padSumErrorBound,
    );
  }
  const mean = (x: number): number => (n === 0 ? 0 : x / n);
  return {
    dies,
    dmaxUm: limits.dmax,
    dCAUm: limits.dCA,
    dCDUm: limits.dCD,
    perDie: { overlay, void: voids, cu, total, lambda },
    yield: { overlay: mean(sums.overlay), void: mean(sums.void), cu: mean(sums.cu), total: mean(sums.total) },
    lambdaMean: mean(sums.lambda),
    lostBy: { overlay: mean(lost.overlay), void: mean(lost.void), cu: mean(lost.cu) },
    overlayErrorEstimate,
  };
}
