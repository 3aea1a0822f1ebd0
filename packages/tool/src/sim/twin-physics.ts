import { type BondParams, createRng } from '@bondline/physics';
import { bondStep } from './bond-step.js';
import { cleanStep } from './clean-step.js';
import { inspectStep } from './inspect-step.js';
import { MarkAligner } from './mark-aligner.js';
import { faultParticles } from './module-particles.js';
import { sprinkleParticles } from './particles.js';
import { plasmaStep } from './plasma-step.js';
import type { ProcessPhysics } from './process-physics.js';
import type { TwinParams } from './twin-params.js';

/** What the digital twin is built from. */
export interface TwinPhysicsOptions {
  /** The bond yield model (e.g. examples/yield.yaml through physics' loadBondConfig): geometry, void and yield laws. */
  bond: BondParams;
  /** How noisy and how dirty the simulated tool is (the tool configuration's `twin:` section). */
  twin: TwinParams;
  /** Seed of the twin's one random stream (a non-negative safe integer). */
  seed: number;
}

/**
 * The digital twin's physics (docs/tool.md §4): every call draws from one generator seeded once, so
 * the same seed and the same sequence of calls give identical results. Source of an incoming wafer's
 * particles: 'incoming'.
 */
export function createTwinPhysics(options: TwinPhysicsOptions): ProcessPhysics {
  const { bond, twin } = options;
  const rng = createRng(options.seed);
  const aligner = new MarkAligner(twin);
  return {
    incoming: (id, role) => ({
      id,
      role,
      particles: sprinkleParticles(rng, bond, twin.incomingParticles, 'incoming'),
    }),
    plasma: (wafer, params, ctx) => plasmaStep(rng, twin, bond, wafer, params, ctx),
    clean: (wafer, params, ctx) => cleanStep(rng, twin, bond, wafer, params, ctx),
    handle: (wafer, ctx) => ({
      particles: [...wafer.particles, ...faultParticles(rng, bond, ctx.moduleId, ctx.degradation)],
      trace: {},
    }),
    bond: (top, bottom, params, ctx) => bondStep(rng, twin, bond, aligner, top, bottom, params, ctx),
    inspect: (stackId, outcome, params, degradation) =>
      inspectStep(rng, twin, bond, stackId, outcome, params, degradation),
  };
}
