import { dieGrid } from '../geometry/die-grid.js';
import { mirrorTopToBonded } from '../geometry/mirror.js';
import { padLayout } from '../geometry/pad-layout.js';
import type { BondParams } from '../params.js';
import { buildDieIndex } from '../voids/die-index.js';
import { diesKilledBy } from '../voids/dies-killed.js';
import { type VoidDisc, voidDiscs } from '../voids/void-discs.js';

/** A defect from a pre-bond inspection, in its own wafer's frame (µm), e.g. a KlarfDefect. */
export interface InspectedDefect {
  id: number;
  x: number;
  y: number;
  sizeUm: number;
}

export interface GateOptions {
  /**
   * Particle height (µm) per µm of inspected defect size (default 1: a
   * roughly round particle is as tall as it is wide). Inspection tools report
   * a lateral, light-scattering-equivalent size; flat flakes want < 1.
   */
  heightFactor?: number;
  /** Largest tolerated predicted yield loss, fraction of dies (default 0.005 = 0.5 %). */
  maxLoss?: number;
}

/** One inspected particle turned into a predicted void. */
export interface GateParticle {
  wafer: 'top' | 'bottom';
  id: number;
  /** Position in bonded coordinates (µm): top-wafer defects are mirrored x -> -x. */
  x: number;
  y: number;
  sizeUm: number;
  heightUm: number;
  /** Predicted void discs (main void first, then the tail), bonded µm. */
  discs: VoidDisc[];
  /** Ids of the dies this void kills. */
  killedDies: number[];
}

/** The gate's prediction and decision for one wafer pair. */
export interface GateResult {
  particles: GateParticle[];
  /** Defects not turned into voids: zero size or outside the wafer. */
  skipped: { wafer: 'top' | 'bottom'; id: number; reason: 'zero size' | 'off wafer' }[];
  dies: number;
  /** Distinct dies killed by any predicted void, ascending. */
  killedDies: number[];
  /** Killed dies over all dies (fraction). */
  predictedLoss: number;
  maxLoss: number;
  heightFactor: number;
  /** 'bond' when predictedLoss <= maxLoss, else 're-clean'. */
  decision: 'bond' | 're-clean';
}

/**
 * Pre-bond particle gate (docs/physics.md §6). Each inspected particle of the top
 * and bottom wafers becomes the void the bond model predicts for it (§3):
 * top-wafer positions are mirrored into bonded coordinates (§1), the particle
 * height is `heightFactor` x defect size, a void kills a die when it comes
 * within Rt of a critical pad. The predicted yield loss is the fraction of
 * dies killed; above `maxLoss` the pair should go back to cleaning.
 */
export function predictGate(
  params: BondParams,
  top: readonly InspectedDefect[],
  bottom: readonly InspectedDefect[],
  options: GateOptions = {},
): GateResult {
  const heightFactor = options.heightFactor ?? 1;
  const maxLoss = options.maxLoss ?? 0.005;
  if (!(heightFactor > 0) || !Number.isFinite(heightFactor)) {
    throw new RangeError(`heightFactor must be a positive number, got ${heightFactor}`);
  }
  if (!(maxLoss >= 0 && maxLoss <= 1)) throw new RangeError(`maxLoss must be in [0, 1], got ${maxLoss}`);
  const dies = dieGrid(params);
  const layout = padLayout(params);
  const index = buildDieIndex(params, dies);
  const R = params.wafer.R;
  const particles: GateParticle[] = [];
  const skipped: GateResult['skipped'] = [];
  const killed = new Set<number>();
  const add = (wafer: 'top' | 'bottom', d: InspectedDefect) => {
    const pos = wafer === 'top' ? mirrorTopToBonded(d.x, d.y) : { x: d.x, y: d.y };
    if (!(d.sizeUm > 0)) {
      skipped.push({ wafer, id: d.id, reason: 'zero size' });
      return;
    }
    if (Math.hypot(pos.x, pos.y) >= R) {
      skipped.push({ wafer, id: d.id, reason: 'off wafer' });
      return;
    }
    const heightUm = d.sizeUm * heightFactor;
    const discs = voidDiscs(params, pos.x, pos.y, heightUm);
    const killedDies = diesKilledBy(params, layout, dies, discs, index);
    for (const id of killedDies) killed.add(id);
    particles.push({ wafer, id: d.id, x: pos.x, y: pos.y, sizeUm: d.sizeUm, heightUm, discs, killedDies });
  };
  for (const d of top) add('top', d);
  for (const d of bottom) add('bottom', d);
  const killedDies = [...killed].sort((a, b) => a - b);
  const predictedLoss = dies.length === 0 ? 0 : killedDies.length / dies.length;
  return {
    particles,
    skipped,
    dies: dies.length,
    killedDies,
    predictedLoss,
    maxLoss,
    heightFactor,
    decision: predictedLoss <= maxLoss ? 'bond' : 're-clean',
  };
}
