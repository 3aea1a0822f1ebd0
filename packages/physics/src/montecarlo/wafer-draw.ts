import type { PadLayout } from '../geometry/pad-layout.js';
import type { SystematicOverlay } from '../overlay/die-log-pass.js';
import type { BondParams } from '../params.js';
import { normal, pareto, poisson } from '../random/distributions.js';
import type { Rng } from '../random/rng.js';
import type { Die } from '../results.js';
import type { DieIndex } from '../voids/die-index.js';
import { forEachKilledDie } from '../voids/dies-killed.js';
import type { Rect } from '../voids/rect.js';
import type { VoidDisc } from '../voids/void-discs.js';

/** Per-pair systematic overlay (docs/physics.md §2): Tx, Ty, theta, B ~ N; M = (kMag B + M0) 1e-6. */
export function drawSystematic(params: BondParams, rng: Rng): SystematicOverlay {
  const o = params.overlay;
  const tx = normal(rng, o.muTx, o.sigmaTx);
  const ty = normal(rng, o.muTy, o.sigmaTy);
  const theta = normal(rng, o.muTheta, o.sigmaTheta);
  const b = normal(rng, o.muB, o.sigmaB);
  return { tx, ty, theta, m: (o.kMag * b + o.M0) * 1e-6 };
}

/** What the particle draw needs, prepared once per run. */
export interface VoidScene {
  params: BondParams;
  layout: PadLayout;
  dies: readonly Die[];
  index: DieIndex;
  rects: readonly Rect[];
}

/**
 * Draw one wafer pair's particles (Poisson count over the wafer at D0, plus
 * the edge band at D1; uniform positions; Pareto thickness) and add, per die,
 * the number of particles whose void reaches it into `killers` (a particle
 * counts once per die however many of its discs hit). `stamp` is scratch of
 * the die count. Returns the number of particles drawn.
 */
export function drawParticles(scene: VoidScene, rng: Rng, killers: Uint32Array, stamp: Int32Array): number {
  const { wafer, voids: v } = scene.params;
  const R = wafer.R;
  const rBand = Math.max(0, R - v.wEdge);
  const nBase = poisson(rng, v.D0 * Math.PI * R * R);
  const nBand = v.D1 > 0 && v.wEdge > 0 ? poisson(rng, v.D1 * Math.PI * (R * R - rBand * rBand)) : 0;
  stamp.fill(-1);
  let particle = 0;
  const disc: VoidDisc = { x: 0, y: 0, r: 0 };
  const visit = (id: number): void => {
    if (stamp[id] !== particle) {
      stamp[id] = particle;
      killers[id] = (killers[id] as number) + 1;
    }
  };
  for (; particle < nBase + nBand; particle++) {
    // uniform over the disc (base) or over the annulus R - wEdge .. R (band): rho^2 uniform
    const inner = particle < nBase ? 0 : rBand;
    const rho = Math.sqrt(inner * inner + rng.uniform() * (R * R - inner * inner));
    const phi = 2 * Math.PI * rng.uniform();
    const ux = Math.cos(phi);
    const uy = Math.sin(phi);
    const s = Math.sqrt(pareto(rng, v.t0, v.z));
    const x = rho * ux;
    const y = rho * uy;
    disc.x = x;
    disc.y = y;
    disc.r = (v.kR * rho + v.kR0) * s;
    forEachKilledDie(scene.index, scene.dies, scene.rects, scene.layout.Rt, disc, visit);
    const n = Math.round(v.kN * rho * s);
    if (n > 0) {
      const step = (v.kL * rho * s) / n;
      const r1 = Math.sqrt((6 * v.kS * rho * s) / (Math.PI * n * (n + 1) * (2 * n + 1)));
      // Each disc inside the one before (step <= r1): the first tail disc covers the rest (voidDiscs).
      const last = step <= r1 ? 1 : n;
      for (let j = 1; j <= last; j++) {
        disc.x = x + ux * step * j;
        disc.y = y + uy * step * j;
        disc.r = r1 * (n - j + 1);
        // outward and shrinking: once a disc lies beyond the wafer so do the rest (clipped)
        if (Math.hypot(disc.x, disc.y) - disc.r >= R) break;
        forEachKilledDie(scene.index, scene.dies, scene.rects, scene.layout.Rt, disc, visit);
      }
    }
  }
  return particle;
}
