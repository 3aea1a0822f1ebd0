import { describe, expect, it } from 'vitest';
import { DegradationSum } from './degradation-sum.js';

describe('DegradationSum', () => {
  it('gives {} when nothing acts', () => {
    expect(new DegradationSum().result()).toEqual({});
  });

  it('adds particles and drifts, multiplies factors, combines edge-void probabilities as independent events', () => {
    const s = new DegradationSum();
    s.add('A', {
      stopsModule: false,
      extraParticles: 1.5,
      overlayDrift: { Tx: 60, Mag: 0.3 },
      edgeVoidProbability: 0.2,
    });
    s.add('B', {
      stopsModule: false,
      extraParticles: 0.5,
      overlayDrift: { Tx: -20, Rot: 0.8 },
      alignNoiseFactor: 1.5,
    });
    s.add('C', {
      stopsModule: false,
      edgeVoidProbability: 0.5,
      alignNoiseFactor: 2,
      timeFactor: 1.2,
      particleRateFactor: 3,
    });
    const d = s.result();
    expect(d.extraParticles).toBe(2);
    expect(d.overlayDrift).toEqual({ Tx: 40, Rot: 0.8, Mag: 0.3 });
    // P(edge voids) = 1 - (1 - 0.2)(1 - 0.5) = 0.6.
    expect(d.edgeVoidProbability).toBeCloseTo(0.6, 15);
    expect(d.alignNoiseFactor).toBe(3);
    expect(d.timeFactor).toBe(1.2);
    expect(d.particleRateFactor).toBe(3);
    expect(d.faultIds).toEqual(['A', 'B', 'C']);
  });

  it('leaves out a drift that cancels', () => {
    const s = new DegradationSum();
    s.add('A', { stopsModule: false, overlayDrift: { Tx: 10 } });
    s.add('B', { stopsModule: false, overlayDrift: { Tx: -10 } });
    expect(s.result()).toEqual({ faultIds: ['A', 'B'] });
  });
});
