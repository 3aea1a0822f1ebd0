// Simulated post-bond inspection: the physics measures the stack's bond (overlay sites with
// metrology noise, infrared voids above the recipe's threshold, the die yield map).
import type { InspectionParams } from '../../recipe/recipe-types.js';
import type { Degradation, PairMetrology } from '../../sim/process-physics.js';
import type { StepCallbacks, SubstrateRef } from '../driver-types.js';
import type { InspectionDriver } from '../module-drivers.js';
import { SimModule } from './sim-module.js';

export class SimInspection extends SimModule implements InspectionDriver {
  readonly kind = 'inspection' as const;

  inspect(stack: SubstrateRef, params: InspectionParams, cb: StepCallbacks<PairMetrology>): void {
    this.run(
      cb,
      (degradation: Degradation) => {
        const bond = this.world.bonds.get(stack.id);
        if (bond === undefined) throw new Error(`sim: stack ${stack.id} was not bonded in this tool`);
        const m = this.world.physics.inspect(stack.id, bond, params, degradation);
        return {
          nominalS: params.scanS + params.sites * params.siteS,
          result: m,
          trace: m.trace,
          results: { ...m.trace, yield: m.yield, voids: m.voids.length, sites: m.sites.length },
          commit: () => this.world.bonds.delete(stack.id),
        };
      },
      { wafers: [], applied: 'all' },
    );
  }
}
