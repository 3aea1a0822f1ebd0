import type { BondParams, Rng } from '@bondline/physics';
import type { BonderParams } from '../recipe/recipe-types.js';
import type { Degradation, Void } from './process-physics.js';
import type { TwinParams } from './twin-params.js';

/**
 * The bond wave's nominal window (docs/tool.md §4): with at least this many vacuum zones released in
 * turn the wave runs out smoothly; each zone fewer doubles the chance of edge voids. An initiation
 * delay away from the nominal one raises it quadratically (one tolerance off: twice the chance).
 */
const NOMINAL_VACUUM_ZONES = 3;
const NOMINAL_INITIATION_DELAY_S = 1;
const INITIATION_DELAY_TOLERANCE_S = 1;

/** Spacing of the voids along an edge ring, their distance inside the wafer edge and their diameter, mm. */
const RING_SPACING_MM = 4;
const RING_INSET_MM: readonly [number, number] = [1, 3];
const RING_DIAMETER_MM: readonly [number, number] = [0.5, 2.5];

/** Factor on the nominal edge-void probability from the recipe's bond-wave parameters (1 at nominal). */
export function bondWaveFactor(params: BonderParams): number {
  const zones = 2 ** Math.max(0, NOMINAL_VACUUM_ZONES - params.vacuumZones);
  const off = (params.initiationDelayS - NOMINAL_INITIATION_DELAY_S) / INITIATION_DELAY_TOLERANCE_S;
  return zones * (1 + off * off);
}

/**
 * Whether the bond wave leaves edge voids on this pair, and why: with probability edgeVoidProbability
 * x bondWaveFactor it is the wave itself ('edge'); the faults' probability adds on top ('fault').
 * Then a ring of voids near the edge: an arc centred at a uniform angle, spanning a quarter to the
 * whole circumference, voids every 4 mm at 1-3 mm inside the edge, 0.5-2.5 mm across.
 */
export function edgeVoids(
  rng: Rng,
  twin: TwinParams,
  bond: BondParams,
  params: BonderParams,
  degradation: Degradation,
): Void[] {
  const pWave = Math.min(1, twin.edgeVoidProbability * bondWaveFactor(params));
  const pAll = Math.min(1, pWave + (degradation.edgeVoidProbability ?? 0));
  const u = rng.uniform();
  if (u >= pAll) return [];
  const cause: Void['cause'] = u < pWave ? 'edge' : 'fault';
  const rMm = bond.wafer.R / 1000;
  const centre = 2 * Math.PI * rng.uniform();
  const span = 2 * Math.PI * (0.25 + 0.75 * rng.uniform());
  const count = Math.max(1, Math.floor((span * rMm) / RING_SPACING_MM));
  const between = (range: readonly [number, number]) => range[0] + (range[1] - range[0]) * rng.uniform();
  const out: Void[] = [];
  for (let k = 0; k < count; k++) {
    const phi = centre - span / 2 + (span * (k + 0.5)) / count;
    const rho = rMm - between(RING_INSET_MM);
    const diameterUm = 1000 * between(RING_DIAMETER_MM);
    out.push({ xMm: rho * Math.cos(phi), yMm: rho * Math.sin(phi), diameterUm, cause });
  }
  return out;
}
