import { copperLogYield } from '../copper/copper-yield.js';
import { dieGrid } from '../geometry/die-grid.js';
import { padLayout } from '../geometry/pad-layout.js';
import { dieOverlayLogPass } from '../overlay/die-log-pass.js';
import type { BondParams } from '../params.js';
import { createRng } from '../random/rng.js';
import type { DieCause, McResult, McWafer } from '../results.js';
import { buildDieIndex } from '../voids/die-index.js';
import { voidTargetRects } from '../voids/layout-rects.js';
import { drawParticles, drawSystematic, type VoidScene } from './wafer-draw.js';

export interface MonteCarloOptions {
  /** Wafer pairs to simulate (>= 1). */
  wafers: number;
  /** Seed of the generator (integer in [0, 2^53)); the same seed gives the same result. */
  seed: number;
  /** Called after every wafer pair with (done, total), e.g. to draw a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between wafer pairs: an aborted signal stops the run with MonteCarloCancelled. */
  signal?: AbortSignal;
}

/** The run was cancelled through its signal; `wafersDone` pairs had finished. */
export class MonteCarloCancelled extends Error {
  readonly code = 'cancelled' as const;
  constructor(readonly wafersDone: number) {
    super(`Monte Carlo cancelled after ${wafersDone} wafer pairs`);
    this.name = 'MonteCarloCancelled';
  }
}

/**
 * Monte Carlo over a lot of wafer pairs (PHYSICS.md §5). Per pair, in this
 * order from one seeded stream: the systematic overlay (Tx, Ty, theta, B); per
 * die an exact Bernoulli draw of its overlay pass probability
 * exp(dieOverlayLogPass) and of its copper pass probability exp(copperLogYield)
 * (a die's pads are summed analytically, so the cost never depends on the
 * pitch); then the particles (Poisson count, positions, thicknesses) and their
 * voids against a die-grid index. A lost die's cause is the first failing
 * mechanism in the order overlay, void, cu.
 */
export function runMonteCarlo(params: BondParams, options: MonteCarloOptions): McResult {
  const { wafers, seed } = options;
  if (!Number.isInteger(wafers) || wafers < 1)
    throw new RangeError(`wafers must be an integer >= 1, got ${wafers}`);
  const rng = createRng(seed);
  const dies = dieGrid(params);
  const layout = padLayout(params);
  const scene: VoidScene = {
    params,
    layout,
    dies,
    index: buildDieIndex(params, dies),
    rects: voidTargetRects(layout),
  };
  const pCu = Math.exp(copperLogYield(params, layout));
  const nd = dies.length;
  const stamp = new Int32Array(nd);
  const out: McWafer[] = [];
  let sumY = 0;
  let sumY2 = 0;
  let killTotal = 0;
  let okOverlay = 0;
  let okVoid = 0;
  let okCu = 0;
  for (let w = 0; w < wafers; w++) {
    if (options.signal?.aborted) throw new MonteCarloCancelled(w);
    const sys = drawSystematic(params, rng);
    const causes: DieCause[] = new Array<DieCause>(nd);
    const overlayOk = new Uint8Array(nd);
    const cuOk = new Uint8Array(nd);
    for (let i = 0; i < nd; i++) {
      overlayOk[i] = rng.uniform() < Math.exp(dieOverlayLogPass(params, layout, dies[i]!, sys)) ? 1 : 0;
      cuOk[i] = rng.uniform() < pCu ? 1 : 0;
    }
    const killers = new Uint32Array(nd);
    const particles = drawParticles(scene, rng, killers, stamp);
    let good = 0;
    for (let i = 0; i < nd; i++) {
      const k = killers[i] as number;
      killTotal += k;
      if (overlayOk[i]) okOverlay++;
      if (k === 0) okVoid++;
      if (cuOk[i]) okCu++;
      const cause: DieCause = !overlayOk[i] ? 'overlay' : k > 0 ? 'void' : !cuOk[i] ? 'cu' : 'good';
      causes[i] = cause;
      if (cause === 'good') good++;
    }
    const y = nd > 0 ? good / nd : 0;
    sumY += y;
    sumY2 += y * y;
    out.push({ causes, yield: y, killers, particles });
    options.onProgress?.(w + 1, wafers);
  }
  const mean = sumY / wafers;
  const variance = wafers > 1 ? Math.max(0, (sumY2 - wafers * mean * mean) / (wafers - 1)) : 0;
  const spread = Math.sqrt(variance);
  const dieWafers = Math.max(1, nd * wafers);
  return {
    dies,
    wafers: out,
    mean,
    stderr: spread / Math.sqrt(wafers),
    spread,
    lambdaMean: killTotal / dieWafers,
    byCause: { overlay: okOverlay / dieWafers, void: okVoid / dieWafers, cu: okCu / dieWafers },
    seed,
  };
}
