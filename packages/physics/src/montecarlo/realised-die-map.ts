import { copperLogYield } from '../copper/copper-yield.js';
import { dieGrid } from '../geometry/die-grid.js';
import { type PadLayout, padLayout } from '../geometry/pad-layout.js';
import { overlayCertainlyFails } from '../overlay/certain-failure.js';
import { dieOverlayLogPass, type SystematicOverlay } from '../overlay/die-log-pass.js';
import type { BondParams } from '../params.js';
import type { Rng } from '../random/rng.js';
import type { Die } from '../results.js';
import { buildDieIndex, type DieIndex } from '../voids/die-index.js';
import { forEachKilledDie } from '../voids/dies-killed.js';
import { voidTargetRects } from '../voids/layout-rects.js';
import type { Rect } from '../voids/rect.js';
import type { VoidDisc } from '../voids/void-discs.js';
import { CAUSE_CU, CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID } from './die-causes.js';

/** What one bonded pair really got: its systematic overlay terms and its voids, each void as its discs (bonded µm). */
export interface RealisedPair {
  /** Translation tx, ty (µm), rotation theta (rad), magnification m (dimensionless). */
  sys: SystematicOverlay;
  /** One entry per void: its discs (e.g. from `voidDiscs`, or a single disc for a void of known size). */
  voids: readonly (readonly VoidDisc[])[];
}

/** The die map of one realised pair: what wafer test would find, and the probabilities it was drawn from. */
export interface RealisedDieMap {
  /** The dies of the grid (shared between calls with the same params: do not modify). */
  dies: readonly Die[];
  /** Cause code per die (CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID, CAUSE_CU), indexed like `dies`. */
  causes: Uint8Array;
  /** Voids that reach each die's pad-bearing region (a void counts once per die). */
  killers: Uint32Array;
  /** Probability that each die passes overlay at these systematic terms, exp(dieOverlayLogPass). */
  overlayPass: Float64Array;
  /** Probability that a die passes copper (the same for every die). */
  cuPass: number;
  /** Fraction of good dies in `causes`. */
  yield: number;
  /** Mean over dies of the probability to be good: overlayPass x (no killer) x cuPass. */
  expectedYield: number;
}

interface Prepared {
  dies: Die[];
  layout: PadLayout;
  index: DieIndex;
  rects: readonly Rect[];
  cuPass: number;
}

const prepared = new WeakMap<BondParams, Prepared>();

/** Die grid, pad layout, die index and copper pass probability of a parameter set (params are immutable). */
function prepare(params: BondParams): Prepared {
  let p = prepared.get(params);
  if (p === undefined) {
    const dies = dieGrid(params);
    const layout = padLayout(params);
    p = {
      dies,
      layout,
      index: buildDieIndex(params, dies),
      rects: voidTargetRects(layout),
      cuPass: Math.exp(copperLogYield(params, layout)),
    };
    prepared.set(params, p);
  }
  return p;
}

/**
 * The die map of one bonded pair for its REALISED systematic overlay and voids
 * (docs/physics.md §5 with the systematic terms of §2.2 fixed instead of drawn,
 * and the voids of §3 given instead of drawn): per die, in die order, an exact
 * Bernoulli draw of its overlay pass probability exp(dieOverlayLogPass) (§2.3)
 * and of its copper pass probability (§4) from `rng` (two uniforms a die, the
 * order LotRun uses); a die is killed by a void when a disc comes within Rt of
 * a pad-bearing region (§3). A lost die's cause is the first failing mechanism
 * in the order overlay, void, cu. For the same stream this is exactly the die
 * map LotRun draws after its systematic terms (the test shows it). A die whose
 * worst pad alone passes with a probability below e^-746 is given probability
 * 0 without its pad sum (overlayLogPassBound): exp of the sum is 0 too, and
 * the cost stays small however far the realised terms miss.
 */
export function realisedDieMap(params: BondParams, pair: RealisedPair, rng: Rng): RealisedDieMap {
  const { dies, layout, index, rects, cuPass } = prepare(params);
  const nd = dies.length;
  const overlayPass = new Float64Array(nd);
  const overlayOk = new Uint8Array(nd);
  const cuOk = new Uint8Array(nd);
  for (let i = 0; i < nd; i++) {
    const die = dies[i] as Die;
    // a die whose worst pad alone underflows passes with probability exactly 0: skip its pad sum,
    // the costliest of all (every pad far past dmax), and draw the same as with it
    const pass = overlayCertainlyFails(params, layout, die, pair.sys)
      ? 0
      : Math.exp(dieOverlayLogPass(params, layout, die, pair.sys));
    overlayPass[i] = pass;
    overlayOk[i] = rng.uniform() < pass ? 1 : 0;
    cuOk[i] = rng.uniform() < cuPass ? 1 : 0;
  }
  const killers = new Uint32Array(nd);
  const stamp = new Int32Array(nd).fill(-1);
  pair.voids.forEach((discs, v) => {
    const visit = (id: number): void => {
      if (stamp[id] !== v) {
        stamp[id] = v;
        killers[id] = (killers[id] as number) + 1;
      }
    };
    for (const disc of discs) forEachKilledDie(index, dies, rects, layout.Rt, disc, visit);
  });
  const causes = new Uint8Array(nd);
  let good = 0;
  let expected = 0;
  for (let i = 0; i < nd; i++) {
    const killed = (killers[i] as number) > 0;
    const cause = !overlayOk[i] ? CAUSE_OVERLAY : killed ? CAUSE_VOID : !cuOk[i] ? CAUSE_CU : CAUSE_GOOD;
    causes[i] = cause;
    if (cause === CAUSE_GOOD) good++;
    if (!killed) expected += (overlayPass[i] as number) * cuPass;
  }
  return {
    dies,
    causes,
    killers,
    overlayPass,
    cuPass,
    yield: nd > 0 ? good / nd : 0,
    expectedYield: nd > 0 ? expected / nd : 0,
  };
}
