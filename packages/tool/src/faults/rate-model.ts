// The rate model of a fault point (docs/tool.md §5): the probability that it fires at one step of a
// module, from its profile rate, the profile's scales, the module's wear and the time since the
// module's previous step.
import type { PointRate } from './fix-record.js';

/**
 * Probability (0..1) that a point fires at this step.
 *
 * - wear: the rate is multiplied by `1 + count / wearDoublingCount` (count = substrates since the
 *   module's last maintenance), so it doubles after `wearDoublingCount` substrates; no doubling
 *   count, no wear.
 * - per step: the scaled rate is the probability, capped at 1.
 * - per hour: a Poisson process at the scaled rate over the `dtS` seconds since the module's
 *   previous step: p = 1 - exp(-rate * dtS / 3600).
 */
export function firingProbability(rate: PointRate, scale: number, count: number, dtS: number): number {
  const wear = rate.wearDoublingCount === undefined ? 1 : 1 + count / rate.wearDoublingCount;
  const r = rate.rate * scale * wear;
  if (r <= 0) return 0;
  if (rate.per === 'step') return Math.min(1, r);
  return dtS <= 0 ? 0 : -Math.expm1((-r * dtS) / 3600);
}
