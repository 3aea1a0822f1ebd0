import { createRng, defaultParams } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { cleanStep } from './clean-step.js';
import { moduleParticleMean } from './particle-rate.js';
import { plasmaStep } from './plasma-step.js';
import type { Particle, WaferSurface } from './process-physics.js';
import { clean, meanSe, plasma, twinWith } from './twin.test-util.js';

const bare: WaferSurface = { id: 'W1', role: 'bottom', particles: [] };
const twin = twinWith({
  plasmaParticles: 2,
  cleanParticles: 2,
  particleGrowthPerWafer: 0.01,
  cleanRemoval: 0.9,
});

describe('moduleParticleMean', () => {
  it('grows linearly with the wafers since maintenance and scales with the fault factor', () => {
    expect(moduleParticleMean(2, 0.01, 0, {})).toBe(2);
    expect(moduleParticleMean(2, 0.01, 100, {})).toBe(4);
    expect(moduleParticleMean(2, 0.01, 100, { particleRateFactor: 3 })).toBe(12);
  });
});

describe('plasmaStep', () => {
  it('adds particles at the worn rate, keeps the ones there, and names the fault for the extra ones', () => {
    const rng = createRng(3);
    const old: Particle = { xMm: 1, yMm: 2, diameterUm: 0.5, source: 'incoming' };
    const counts: number[] = [];
    let extra = 0;
    for (let k = 0; k < 300; k++) {
      const out = plasmaStep(rng, twin, defaultParams, { ...bare, particles: [old] }, plasma, {
        moduleId: 'PL1',
        wafersSinceMaintenance: 100,
        degradation: { extraParticles: 1, faultIds: ['PL-RF-003'] },
      });
      expect(out.particles[0]).toBe(old);
      counts.push(out.particles.filter((p) => p.source === 'PL1').length);
      extra += out.particles.filter((p) => p.source === 'PL-RF-003').length;
    }
    // Poisson mean 2 x (1 + 0.01 x 100) = 4 from the module, 1 from the fault
    expect(Math.abs(meanSe(counts).mean - 4)).toBeLessThan(4 * Math.sqrt(4 / 300));
    expect(Math.abs(extra / 300 - 1)).toBeLessThan(4 * Math.sqrt(1 / 300));
  });

  it('traces the forward power of the recipe, and more reflected power on a degraded module', () => {
    const rng = createRng(4);
    const run = (degradation: object) =>
      Array.from({ length: 200 }, () =>
        plasmaStep(rng, twin, defaultParams, bare, plasma, {
          moduleId: 'PL1',
          wafersSinceMaintenance: 0,
          degradation,
        }),
      );
    const healthy = run({});
    const sick = run({ particleRateFactor: 3 });
    const fwd = meanSe(healthy.map((o) => o.trace.rfForwardW ?? Number.NaN));
    expect(Math.abs(fwd.mean - plasma.rfPowerW)).toBeLessThan(4 * fwd.se);
    const pressure = meanSe(healthy.map((o) => o.trace.chamberPressurePa ?? Number.NaN));
    expect(Math.abs(pressure.mean - plasma.pressurePa)).toBeLessThan(4 * pressure.se);
    const refl = (os: typeof healthy) => meanSe(os.map((o) => o.trace.rfReflectedW ?? Number.NaN)).mean;
    expect(refl(healthy)).toBeLessThan(0.01 * plasma.rfPowerW);
    // degradation level 2: three times the reflected fraction
    expect(refl(sick)).toBeGreaterThan(2.5 * refl(healthy));
  });
});

describe('cleanStep', () => {
  it('rinses away the cleanRemoval fraction of the particles and leaves its own', () => {
    const rng = createRng(5);
    const many: Particle[] = Array.from({ length: 2000 }, (_, k) => ({
      xMm: k / 100,
      yMm: 0,
      diameterUm: 0.2,
      source: 'incoming',
    }));
    const out = cleanStep(rng, twin, defaultParams, { ...bare, particles: many }, clean, {
      moduleId: 'CL1',
      wafersSinceMaintenance: 0,
      degradation: {},
    });
    const kept = out.particles.filter((p) => p.source === 'incoming').length;
    // binomial(2000, 0.1): mean 200, sd 13.4
    expect(Math.abs(kept - 200)).toBeLessThan(4 * Math.sqrt(2000 * 0.1 * 0.9));
    expect(out.particles.filter((p) => p.source === 'CL1').length).toBeLessThan(15);
    expect(out.trace.spinRpm).toBeCloseTo(clean.spinRpm, -2);
  });

  it('traces less rinse flow on a degraded module', () => {
    const rng = createRng(6);
    const flow = (degradation: object) =>
      meanSe(
        Array.from(
          { length: 100 },
          () =>
            cleanStep(rng, twin, defaultParams, bare, clean, {
              moduleId: 'CL1',
              wafersSinceMaintenance: 0,
              degradation,
            }).trace.rinseFlowLpm ?? Number.NaN,
        ),
      ).mean;
    expect(flow({ extraParticles: 5 })).toBeLessThan(0.8 * flow({}));
  });
});
