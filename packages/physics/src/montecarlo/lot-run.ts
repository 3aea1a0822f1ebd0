import { copperLogYield } from '../copper/copper-yield.js';
import { dieGrid } from '../geometry/die-grid.js';
import { type PadLayout, padLayout } from '../geometry/pad-layout.js';
import { dieOverlayLogPass } from '../overlay/die-log-pass.js';
import type { BondParams } from '../params.js';
import { createRng, type Rng } from '../random/rng.js';
import type { Die, McResult, McWafer } from '../results.js';
import { buildDieIndex } from '../voids/die-index.js';
import { voidTargetRects } from '../voids/layout-rects.js';
import { CAUSE_CU, CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID } from './die-causes.js';
import { drawParticles, drawSystematic, type VoidScene } from './wafer-draw.js';

/**
 * A Monte Carlo lot simulated one wafer pair at a time (docs/physics.md §5), so a
 * driver can report progress, yield to an event loop or stop between pairs.
 * Per pair, in this order from one seeded stream: the systematic overlay (Tx,
 * Ty, theta, B); per die an exact Bernoulli draw of its overlay pass
 * probability exp(dieOverlayLogPass) and of its copper pass probability
 * exp(copperLogYield) (a die's pads are summed analytically, so the cost never
 * depends on the pitch); then the particles (Poisson count, positions,
 * thicknesses) and their voids against a die-grid index. A lost die's cause is
 * the first failing mechanism in the order overlay, void, cu.
 */
export class LotRun {
  readonly dies: Die[];
  readonly wafers: McWafer[] = [];
  private readonly rng: Rng;
  private readonly layout: PadLayout;
  private readonly scene: VoidScene;
  private readonly pCu: number;
  private readonly stamp: Int32Array;
  private readonly overlayOk: Uint8Array;
  private readonly cuOk: Uint8Array;
  private killTotal = 0;
  private okOverlay = 0;
  private okVoid = 0;
  private okCu = 0;

  constructor(
    private readonly params: BondParams,
    readonly seed: number,
  ) {
    this.rng = createRng(seed);
    this.dies = dieGrid(params);
    this.layout = padLayout(params);
    this.scene = {
      params,
      layout: this.layout,
      dies: this.dies,
      index: buildDieIndex(params, this.dies),
      rects: voidTargetRects(this.layout),
    };
    this.pCu = Math.exp(copperLogYield(params, this.layout));
    this.stamp = new Int32Array(this.dies.length);
    this.overlayOk = new Uint8Array(this.dies.length);
    this.cuOk = new Uint8Array(this.dies.length);
  }

  /** Simulate the next wafer pair, append it to `wafers` and return it. */
  next(): McWafer {
    const { params, layout, dies, rng } = this;
    const nd = dies.length;
    const sys = drawSystematic(params, rng);
    // per-die pass flags live in scratch arrays reused by every pair: only the kept die map is allocated
    const { overlayOk, cuOk } = this;
    for (let i = 0; i < nd; i++) {
      overlayOk[i] = rng.uniform() < Math.exp(dieOverlayLogPass(params, layout, dies[i] as Die, sys)) ? 1 : 0;
      cuOk[i] = rng.uniform() < this.pCu ? 1 : 0;
    }
    const killers = new Uint32Array(nd);
    const particles = drawParticles(this.scene, rng, killers, this.stamp);
    const causes = new Uint8Array(nd);
    let good = 0;
    for (let i = 0; i < nd; i++) {
      const k = killers[i] as number;
      this.killTotal += k;
      if (overlayOk[i]) this.okOverlay++;
      if (k === 0) this.okVoid++;
      if (cuOk[i]) this.okCu++;
      const cause = !overlayOk[i] ? CAUSE_OVERLAY : k > 0 ? CAUSE_VOID : !cuOk[i] ? CAUSE_CU : CAUSE_GOOD;
      causes[i] = cause;
      if (cause === CAUSE_GOOD) good++;
    }
    const wafer: McWafer = { causes, yield: nd > 0 ? good / nd : 0, killers, particles };
    this.wafers.push(wafer);
    return wafer;
  }

  /** Lot statistics over the pairs simulated so far (at least one). */
  result(): McResult {
    const n = this.wafers.length;
    if (n === 0) throw new RangeError('LotRun.result: no wafer pair simulated yet');
    let sum = 0;
    for (const w of this.wafers) sum += w.yield;
    const mean = sum / n;
    let ss = 0;
    for (const w of this.wafers) ss += (w.yield - mean) ** 2;
    const spread = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    const dieWafers = Math.max(1, this.dies.length * n);
    return {
      dies: this.dies,
      wafers: this.wafers,
      mean,
      stderr: spread / Math.sqrt(n),
      spread,
      lambdaMean: this.killTotal / dieWafers,
      byCause: {
        overlay: this.okOverlay / dieWafers,
        void: this.okVoid / dieWafers,
        cu: this.okCu / dieWafers,
      },
      seed: this.seed,
    };
  }
}
