import type { Degradation } from './process-physics.js';

/**
 * Mean particles a plasma or clean module adds to one wafer (docs/tool.md §4): its rate right after
 * maintenance, growing linearly with the wafers it has processed since, times the faults' rate factor.
 * The faults' extra particles are counted apart (they carry the fault's id as their source).
 */
export function moduleParticleMean(
  ratePerWafer: number,
  growthPerWafer: number,
  wafersSinceMaintenance: number,
  degradation: Degradation,
): number {
  const wear = 1 + growthPerWafer * Math.max(0, wafersSinceMaintenance);
  return ratePerWafer * wear * (degradation.particleRateFactor ?? 1);
}

/** Where the faults' extra particles come from: the first contributing fault point, else the module. */
export function extraParticleSource(moduleId: string, degradation: Degradation): string {
  return degradation.faultIds?.[0] ?? moduleId;
}

/**
 * How far the active fault points push a module from nominal, as one non-negative number (0 for a
 * healthy step): the sum of the excess factors, the extra particles and ten times the edge-void
 * probability. Trace values that a real sensor would see drift with a degrading module (reflected RF
 * power, pressure, rinse flow) move with it.
 */
export function degradationLevel(d: Degradation): number {
  const excess = (f: number | undefined) => Math.max(0, (f ?? 1) - 1);
  return (
    excess(d.particleRateFactor) +
    excess(d.alignNoiseFactor) +
    excess(d.timeFactor) +
    (d.extraParticles ?? 0) +
    10 * (d.edgeVoidProbability ?? 0)
  );
}
