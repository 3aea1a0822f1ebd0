import { createRng, defaultParams } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { sprinkleParticles } from './particles.js';
import { meanSe } from './twin.test-util.js';

describe('sprinkleParticles', () => {
  it('draws a Poisson count uniform over the wafer area with Pareto diameters (docs/physics.md §3)', () => {
    const rng = createRng(1);
    const counts: number[] = [];
    const all = [];
    for (let k = 0; k < 400; k++) {
      const ps = sprinkleParticles(rng, defaultParams, 3, 'incoming');
      counts.push(ps.length);
      all.push(...ps);
    }
    // Poisson mean 3, variance 3
    const c = meanSe(counts);
    expect(Math.abs(c.mean - 3)).toBeLessThan(4 * Math.sqrt(3 / 400));
    const rMm = defaultParams.wafer.R / 1000;
    expect(all.every((p) => Math.hypot(p.xMm, p.yMm) < rMm && p.source === 'incoming')).toBe(true);
    // uniform over the area: rho^2 / R^2 is uniform on [0, 1), mean 1/2, sd 1/sqrt(12)
    const r2 = meanSe(all.map((p) => (p.xMm ** 2 + p.yMm ** 2) / rMm ** 2));
    expect(Math.abs(r2.mean - 0.5)).toBeLessThan(4 * r2.se);
    // Pareto (t0 0.1 µm, z 3): every size >= t0, median t0 2^(1/(z-1)) = 0.1414 µm
    const sizes = all.map((p) => p.diameterUm).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThanOrEqual(0.1);
    const median = sizes[Math.floor(sizes.length / 2)] as number;
    expect(Math.abs(median - 0.1 * Math.SQRT2)).toBeLessThan(0.01);
  });

  it('draws none for a mean of 0', () => {
    expect(sprinkleParticles(createRng(2), defaultParams, 0, 'x')).toEqual([]);
  });
});
