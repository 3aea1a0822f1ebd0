// The simulated per-wafer modules. Pre-aligner and flipper only take time (their faults' particles and
// what follows the wafer into its pair go through SimWorld.degrade); plasma and clean ask the
// twin's physics what happens to the wafer's surface (particles added or removed, the module's trace
// values), with the module's wear (wafers since maintenance) and any silent fault's degradation.
import type {
  CleanParams,
  FlipperParams,
  PlasmaParams,
  PrealignerParams,
} from '../../recipe/recipe-types.js';
import type { Degradation, SurfaceOutcome } from '../../sim/process-physics.js';
import type { StepCallbacks, SubstrateRef } from '../driver-types.js';
import type { CleanDriver, FlipperDriver, PlasmaDriver, PrealignerDriver } from '../module-drivers.js';
import { SimModule, type SimStep } from './sim-module.js';
import type { SimWorld } from './sim-world.js';

export class SimPrealigner extends SimModule implements PrealignerDriver {
  readonly kind = 'prealigner' as const;

  prealign(wafer: SubstrateRef, params: PrealignerParams, cb: StepCallbacks<null>): void {
    this.run(cb, () => ({ nominalS: params.timeS, result: null }), { wafers: [wafer.id], applied: 'none' });
  }
}

export class SimFlipper extends SimModule implements FlipperDriver {
  readonly kind = 'flipper' as const;

  flip(wafer: SubstrateRef, params: FlipperParams, cb: StepCallbacks<null>): void {
    this.run(cb, () => ({ nominalS: params.timeS, result: null }), { wafers: [wafer.id], applied: 'none' });
  }
}

/** A surface step's record: its trace, and the particle count the wafer leaves with. */
function surfaceStep(world: SimWorld, waferId: string, nominalS: number, out: SurfaceOutcome): SimStep<null> {
  return {
    nominalS,
    result: null,
    trace: out.trace,
    ...(out.sensor === undefined ? {} : { sensor: out.sensor }),
    results: { ...out.trace, particles: out.particles.length },
    commit: () => {
      world.surface(waferId).particles = out.particles;
    },
  };
}

export class SimPlasma extends SimModule implements PlasmaDriver {
  readonly kind = 'plasma' as const;

  activate(wafer: SubstrateRef, params: PlasmaParams, cb: StepCallbacks<null>): void {
    this.run(
      cb,
      (degradation: Degradation) => {
        const ctx = { moduleId: this.id, wafersSinceMaintenance: this.count, degradation };
        const out = this.world.physics.plasma(this.world.surface(wafer.id), params, ctx);
        return surfaceStep(this.world, wafer.id, params.timeS, out);
      },
      { wafers: [wafer.id], applied: 'particles' },
    );
  }
}

export class SimClean extends SimModule implements CleanDriver {
  readonly kind = 'clean' as const;

  clean(wafer: SubstrateRef, params: CleanParams, cb: StepCallbacks<null>): void {
    this.run(
      cb,
      (degradation: Degradation) => {
        const ctx = { moduleId: this.id, wafersSinceMaintenance: this.count, degradation };
        const out = this.world.physics.clean(this.world.surface(wafer.id), params, ctx);
        return surfaceStep(this.world, wafer.id, params.rinseS + params.dryS, out);
      },
      { wafers: [wafer.id], applied: 'particles' },
    );
  }
}
