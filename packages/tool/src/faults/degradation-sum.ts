// The degradation of one step from the effects of the fault points acting there (docs/tool.md §5):
// particles and drifts add, factors multiply, edge-void probabilities combine as independent events.
// Fields that stay neutral are left out, so a clean step gives `{}`.
import type { Degradation, OverlayTerms } from '../sim/process-physics.js';
import type { FaultEffect } from './fault-point.js';

/** Sums effects into one Degradation; `add` in any order gives the same result (up to rounding). */
export class DegradationSum {
  private particles = 0;
  private particleFactor = 1;
  private readonly drift: OverlayTerms = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };
  private driftTouched = false;
  private noiseFactor = 1;
  private noEdgeVoid = 1;
  private time = 1;
  private readonly ids: string[] = [];

  /** Adds one point's effect. */
  add(faultId: string, e: FaultEffect): void {
    this.ids.push(faultId);
    if (e.extraParticles !== undefined) this.particles += e.extraParticles;
    if (e.particleRateFactor !== undefined) this.particleFactor *= e.particleRateFactor;
    if (e.alignNoiseFactor !== undefined) this.noiseFactor *= e.alignNoiseFactor;
    if (e.edgeVoidProbability !== undefined) this.noEdgeVoid *= 1 - e.edgeVoidProbability;
    if (e.timeFactor !== undefined) this.time *= e.timeFactor;
    const d = e.overlayDrift;
    if (d !== undefined) {
      this.driftTouched = true;
      this.drift.Tx += d.Tx ?? 0;
      this.drift.Ty += d.Ty ?? 0;
      this.drift.Rot += d.Rot ?? 0;
      this.drift.Mag += d.Mag ?? 0;
    }
  }

  /** The degradation, with only the fields that differ from neutral. */
  result(): Degradation {
    const out: Degradation = {};
    if (this.particles > 0) out.extraParticles = this.particles;
    if (this.particleFactor !== 1) out.particleRateFactor = this.particleFactor;
    if (this.driftTouched) {
      const drift: Partial<OverlayTerms> = {};
      for (const k of ['Tx', 'Ty', 'Rot', 'Mag'] as const) if (this.drift[k] !== 0) drift[k] = this.drift[k];
      if (Object.keys(drift).length > 0) out.overlayDrift = drift;
    }
    if (this.noiseFactor !== 1) out.alignNoiseFactor = this.noiseFactor;
    if (this.noEdgeVoid !== 1) out.edgeVoidProbability = 1 - this.noEdgeVoid;
    if (this.time !== 1) out.timeFactor = this.time;
    if (this.ids.length > 0) out.faultIds = [...this.ids];
    return out;
  }
}
