import { type BondParams, createRng, discsOfMeasuredVoid, realisedDieMap } from '@bondline/physics';
import type { DieYieldMap, OverlayTerms, Void } from './process-physics.js';

/** Code of a grid position without a die in DieYieldMap.causes. */
export const OFF_WAFER = 255;

/** A pair's die yield: the map, the fraction of good dies and the probability-weighted expectation. */
export interface PairDieYield {
  map: DieYieldMap;
  /** Fraction of good dies in the map, 0..1. */
  yield: number;
  /** Mean over dies of the probability to be good for these terms and voids, 0..1. */
  expectedYield: number;
}

/**
 * The die yield map of one bonded pair from its realised overlay terms and its voids (docs/tool.md §4),
 * by physics' realisedDieMap (docs/physics.md §5): the terms converted to physics' units (Tx, Ty nm to
 * µm; Rot µrad to rad; Mag ppm to a fraction), every void as its discs, the per-die draws from a
 * generator seeded with `seed` (so the same inputs and seed give the same map anywhere). The map is
 * the tile grid of docs/physics.md §1.1, floor(2R/(W+s)) + 1 columns and likewise rows; dies hold
 * physics' CAUSE_* codes, tiles without a die hold OFF_WAFER.
 */
export function pairDieYield(
  bond: BondParams,
  realised: OverlayTerms,
  voids: readonly Void[],
  seed: number,
): PairDieYield {
  const sys = {
    tx: realised.Tx / 1000,
    ty: realised.Ty / 1000,
    theta: realised.Rot * 1e-6,
    m: realised.Mag * 1e-6,
  };
  const r = realisedDieMap(
    bond,
    { sys, voids: voids.map((v) => discsOfMeasuredVoid(bond, v)) },
    createRng(seed),
  );
  const cols = Math.floor((2 * bond.wafer.R) / (bond.die.W + bond.die.s)) + 1;
  const rows = Math.floor((2 * bond.wafer.R) / (bond.die.L + bond.die.s)) + 1;
  const causes = new Uint8Array(cols * rows).fill(OFF_WAFER);
  r.dies.forEach((d, i) => {
    causes[d.row * cols + d.col] = r.causes[i] as number;
  });
  return { map: { cols, rows, causes }, yield: r.yield, expectedYield: r.expectedYield };
}
