// Where a step's degradation goes (docs/tool.md §5.5): its particles onto the wafer it handled, its
// overlay drift, alignment noise and edge-void probability with the wafer into the pair it ends up in,
// its time factor to the step itself. The parts that follow a wafer are kept per wafer until its bond,
// and the pair's bond sees them together with the bonder's own, combined as the fault engine combines
// the points of one step: drifts add, factors multiply, edge-void probabilities as independent events.
import type { Degradation, OverlayTerms } from '../../sim/process-physics.js';

/** The part of a step's degradation that follows the wafer into its pair; undefined when there is none. */
export function pairPart(d: Degradation): Degradation | undefined {
  const out: Degradation = {};
  if (d.overlayDrift !== undefined) out.overlayDrift = d.overlayDrift;
  if (d.alignNoiseFactor !== undefined && d.alignNoiseFactor !== 1) out.alignNoiseFactor = d.alignNoiseFactor;
  if (d.edgeVoidProbability !== undefined && d.edgeVoidProbability > 0)
    out.edgeVoidProbability = d.edgeVoidProbability;
  if (Object.keys(out).length === 0) return undefined;
  if (d.faultIds !== undefined) out.faultIds = d.faultIds;
  return out;
}

/** Degradations acting together on one thing; neutral fields stay absent, so `combine()` is `{}`. */
export function combine(...ds: readonly Degradation[]): Degradation {
  if (ds.length === 1 && ds[0] !== undefined) return ds[0];
  let particles = 0;
  let particleFactor = 1;
  let noise = 1;
  let noEdgeVoid = 1;
  let time = 1;
  const drift: OverlayTerms = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };
  let drifted = false;
  const ids: string[] = [];
  for (const d of ds) {
    particles += d.extraParticles ?? 0;
    particleFactor *= d.particleRateFactor ?? 1;
    noise *= d.alignNoiseFactor ?? 1;
    noEdgeVoid *= 1 - (d.edgeVoidProbability ?? 0);
    time *= d.timeFactor ?? 1;
    if (d.overlayDrift !== undefined) {
      drifted = true;
      for (const k of ['Tx', 'Ty', 'Rot', 'Mag'] as const) drift[k] += d.overlayDrift[k] ?? 0;
    }
    for (const id of d.faultIds ?? []) if (!ids.includes(id)) ids.push(id);
  }
  const out: Degradation = {};
  if (particles > 0) out.extraParticles = particles;
  if (particleFactor !== 1) out.particleRateFactor = particleFactor;
  if (drifted) {
    const d: Partial<OverlayTerms> = {};
    for (const k of ['Tx', 'Ty', 'Rot', 'Mag'] as const) if (drift[k] !== 0) d[k] = drift[k];
    if (Object.keys(d).length > 0) out.overlayDrift = d;
  }
  if (noise !== 1) out.alignNoiseFactor = noise;
  if (noEdgeVoid !== 1) out.edgeVoidProbability = 1 - noEdgeVoid;
  if (time !== 1) out.timeFactor = time;
  if (ids.length > 0) out.faultIds = ids;
  return out;
}
