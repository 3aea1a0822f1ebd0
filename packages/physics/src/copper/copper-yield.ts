import type { PadLayout } from '../geometry/pad-layout.js';
import { logNormalInterval } from '../math/normal.js';
import type { BondParams } from '../params.js';
import { recessWindow } from './recess-window.js';

/** Per-pad copper outcome: log q and log(1 - q) (natural logs). */
export interface PadCopperLog {
  logGood: number;
  logBad: number;
}

/**
 * Per-pad probability that the combined recess g = dishTop + dishBot
 * (Gaussian, nm) lies in [-zeta0, -zeta1] (docs/physics.md §4), as logs: both
 * tails are taken with complementary error functions, so 1 - q ~ 5e-11
 * keeps full relative precision.
 */
export function padCopperLog(params: BondParams): PadCopperLog {
  const c = params.copper;
  const { zeta0Nm, zeta1Nm } = recessWindow(params);
  const mu = c.dishTopMean + c.dishBotMean;
  const sd = Math.hypot(c.dishTopSigma, c.dishBotSigma);
  const lo = -zeta0Nm;
  const hi = -zeta1Nm;
  if (sd === 0) {
    const good = mu >= lo && mu <= hi;
    return { logGood: good ? 0 : Number.NEGATIVE_INFINITY, logBad: good ? Number.NEGATIVE_INFINITY : 0 };
  }
  const zl = (lo - mu) / sd;
  const zh = (hi - mu) / sd;
  const logGood = logNormalInterval(zl, zh);
  // 1 - q = P(g < lo) + P(g > hi), each a tail: log-sum-exp of the two.
  const below = logNormalInterval(Number.NEGATIVE_INFINITY, zl);
  const above = logNormalInterval(zh, Number.POSITIVE_INFINITY);
  const m = Math.max(below, above);
  const logBad = m === Number.NEGATIVE_INFINITY ? m : m + Math.log(Math.exp(below - m) + Math.exp(above - m));
  return { logGood, logBad };
}

/**
 * log Ycu of one die (same for every die): critical pads each need a good
 * recess, a redundant logical pad of c copies fails only when all c do:
 * log Ycu = Ncrit log q + Nlogical_red log(1 - (1-q)^c).
 */
export function copperLogYield(params: BondParams, layout: PadLayout): number {
  const { logGood, logBad } = padCopperLog(params);
  let sum = 0;
  for (const r of layout.regions) {
    if (r.logicalPads === 0) continue;
    if (r.copies === 1) sum += r.logicalPads * logGood;
    else {
      const lf = r.copies * logBad;
      const perLogical =
        lf < -0.7
          ? Math.log1p(-Math.exp(lf))
          : Math.log(-Math.expm1(r.copies * Math.log1p(-Math.exp(logGood))));
      sum += r.logicalPads * perLogical;
    }
  }
  return sum;
}
