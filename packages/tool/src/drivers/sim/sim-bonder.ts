// The simulated aligner + bond chamber. The physics registers both wafers' marks (its attempts cost
// alignment time each), aligns with the host's R2R offsets and bonds; when registration failed on
// every attempt the pair is not bonded and the module raises its alignment alarm after the time the
// attempts took. The wafers' surfaces leave the twin once they are one stack.
import type { BonderParams } from '../../recipe/recipe-types.js';
import type { BondOutcome, Degradation, OverlayTerms } from '../../sim/process-physics.js';
import type { StepCallbacks } from '../driver-types.js';
import type { BonderDriver, BondLoad } from '../module-drivers.js';
import { SimModule, type SimStep } from './sim-module.js';

export class SimBonder extends SimModule implements BonderDriver {
  readonly kind = 'bonder' as const;

  bond(load: BondLoad, params: BonderParams, r2rOffsets: OverlayTerms, cb: StepCallbacks<BondOutcome>): void {
    // A bond its alarm stopped did nothing: the alarm's effect falls on the bottom wafer (as a bond's
    // particles do), so it reaches the pair once, at the retried bond.
    this.run(
      cb,
      (degradation: Degradation): SimStep<BondOutcome> => {
        const { world } = this;
        const top = world.surface(load.top.id);
        const bottom = world.surface(load.bottom.id);
        // The pair's bond sees what earlier steps' faults did to either wafer, with its own (docs/tool.md §5.5).
        const all = world.bondDegradation(load.top.id, load.bottom.id, degradation);
        const out = world.physics.bond(top, bottom, params, {
          moduleId: this.id,
          r2rOffsets,
          degradation: all,
        });
        const attempts = Math.max(1, out.registration.attempts);
        const alignS = params.alignS * attempts;
        if (!out.aligned) {
          const a = world.alignFailed;
          return {
            nominalS: alignS,
            alarm: {
              faultId: a.faultId,
              moduleId: this.id,
              alid: a.alid,
              alcd: a.alcd,
              text: `${this.id}: alignment marks not registered after ${attempts} attempts`,
              recovery: a.recovery,
              recoveryS: a.recoveryS,
            },
          };
        }
        return {
          nominalS: alignS + params.initiationDelayS + params.bondS,
          result: out,
          trace: out.trace,
          results: {
            ...out.trace,
            attempts,
            topResidualNm: out.registration.topResidualNm,
            bottomResidualNm: out.registration.bottomResidualNm,
            voids: out.voids.length,
          },
          commit: () => {
            world.bonded(load.top.id, load.bottom.id);
            world.bonds.set(load.stackId, out);
            world.surfaces.delete(load.top.id);
            world.surfaces.delete(load.bottom.id);
          },
        };
      },
      { wafers: [load.bottom.id], applied: 'all' },
    );
  }
}
