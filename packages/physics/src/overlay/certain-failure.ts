import type { PadLayout } from '../geometry/pad-layout.js';
import { logNormalCdf } from '../math/normal.js';
import type { BondParams } from '../params.js';
import type { Die } from '../results.js';
import type { SystematicOverlay } from './die-log-pass.js';
import { overlayLimits } from './limits.js';

/** Below this natural log a probability is 0 in double precision (exp(-746) underflows). */
const LOG_UNDERFLOW = -746;

/** Sub-blocks per axis of a critical region for the half-plane bound (64 a region: a few µs a die). */
const BLOCKS = 8;
/** A region whose worst pad lies this many sigmaR inside dmax cannot decide a certain failure: skipped. */
const FAR_INSIDE_SIGMAS = 6;

/**
 * An upper bound on the natural log of the die's overlay pass probability
 * (docs/physics.md §2.3), cheap next to the pad sum. A pad whose systematic
 * displacement is nu passes only if its random error along the displacement
 * is at most dmax - nu, so it passes with at most Phi((dmax - nu) / sigmaR);
 * the die's log pass is the sum over its pads (regions), so bounds of
 * disjoint sets of pads add. Per region, the smaller of:
 * - the worst pad (a corner: the displacement is affine over the region and
 *   its length convex) must pass; a redundant logical pad of c copies passes
 *   no more often than c times one copy;
 * - for a critical region cut into 8 x 8 blocks of consecutive pads: in each
 *   block at least half the pads are displaced at least as far as the block
 *   centre (nu_b): with d(u) = d_b + A u over pad offsets u from the centre,
 *   |d(u)|^2 >= |d_b|^2 wherever d_b.Au >= 0, and the mirror -u of every pad
 *   outside that half-plane lies in it; so a block adds at most
 *   floor(n_b/2) log Phi((dmax - nu_b)/sigmaR).
 * Returns 0 (no information) when sigmaR is 0.
 */
export function overlayLogPassBound(
  params: BondParams,
  layout: PadLayout,
  die: Die,
  sys: SystematicOverlay,
): number {
  const sigma = params.overlay.sigmaR;
  if (!(sigma > 0)) return 0;
  const { dmax } = overlayLimits(params);
  const { tx, ty, theta, m } = sys;
  const nu = (x: number, y: number) => Math.hypot(tx - theta * y + m * x, ty + theta * x + m * y);
  const p = layout.pitchUm;
  let bound = 0;
  for (const reg of layout.regions) {
    if (reg.logicalPads === 0) continue;
    let worst = 0;
    for (const lx of [reg.x0, reg.x1]) {
      for (const ly of [reg.y0, reg.y1]) worst = Math.max(worst, nu(die.cx + lx, die.cy + ly));
    }
    if (worst < dmax - FAR_INSIDE_SIGMAS * sigma) continue;
    const byWorst = logNormalCdf((dmax - worst) / sigma) + Math.log(reg.copies);
    let byBlocks = 0;
    if (reg.copies === 1) {
      const qx = Math.min(BLOCKS, reg.nx);
      const qy = Math.min(BLOCKS, reg.ny);
      for (let j = 0; j < qy; j++) {
        const j0 = Math.floor((j * reg.ny) / qy);
        const ny = Math.floor(((j + 1) * reg.ny) / qy) - j0;
        const y = die.cy + reg.y0 + p * (j0 + (ny - 1) / 2);
        for (let i = 0; i < qx; i++) {
          const i0 = Math.floor((i * reg.nx) / qx);
          const nx = Math.floor(((i + 1) * reg.nx) / qx) - i0;
          const x = die.cx + reg.x0 + p * (i0 + (nx - 1) / 2);
          byBlocks += Math.floor((nx * ny) / 2) * logNormalCdf((dmax - nu(x, y)) / sigma);
        }
      }
    }
    bound += Math.min(0, byWorst, byBlocks);
  }
  return bound;
}

/**
 * True when the die's overlay pass probability is 0 in double precision
 * whatever the pad sum gives (its bound is below e^-746): the pad sum of such
 * a die costs the most (every pad far past dmax) and can be skipped.
 */
export function overlayCertainlyFails(
  params: BondParams,
  layout: PadLayout,
  die: Die,
  sys: SystematicOverlay,
): boolean {
  return overlayLogPassBound(params, layout, die, sys) < LOG_UNDERFLOW;
}
