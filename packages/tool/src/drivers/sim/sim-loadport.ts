// A simulated load port. Docking a carrier makes it exist in the twin as the host announced it;
// mapping reads its slots and brings its wafers into the twin (each with the particles it arrives
// with); undocking takes the carrier and everything in it out of the twin again.
import type { StepCallbacks } from '../driver-types.js';
import type { CarrierExpectation, LoadPortDriver, SlotMap } from '../module-drivers.js';
import { SimModule } from './sim-module.js';

export class SimLoadPort extends SimModule implements LoadPortDriver {
  readonly kind = 'loadport' as const;

  dock(carrier: CarrierExpectation, cb: StepCallbacks<null>): void {
    this.run(cb, () => ({
      nominalS: this.world.loadPort.dockS,
      result: null,
      commit: () => this.world.carriers.set(carrier.id, structuredClone(carrier)),
    }));
  }

  map(carrierId: string, cb: StepCallbacks<SlotMap>): void {
    // The port's faults (a dirty carrier, its door, its purge) reach every wafer mapped in.
    const wafers = (this.world.carriers.get(carrierId)?.contents ?? [])
      .filter((c) => c.substrate.kind !== 'stack')
      .map((c) => c.substrate.id);
    this.run(
      cb,
      () => {
        const carrier = this.world.carriers.get(carrierId);
        const occupied = (carrier?.contents ?? []).map((c) => c.slot).sort((a, b) => a - b);
        return {
          nominalS: this.world.loadPort.mapS,
          result: { carrierId, occupied },
          results: { occupiedSlots: occupied.length },
          commit: () => {
            for (const { substrate } of carrier?.contents ?? []) {
              if (substrate.kind === 'stack' || this.world.surfaces.has(substrate.id)) continue;
              this.world.surfaces.set(
                substrate.id,
                this.world.physics.incoming(substrate.id, substrate.kind),
              );
            }
          },
        };
      },
      { wafers, applied: 'none' },
    );
  }

  undock(carrierId: string, cb: StepCallbacks<null>): void {
    this.run(cb, () => ({
      nominalS: this.world.loadPort.undockS,
      result: null,
      commit: () => this.forget(carrierId),
    }));
  }

  /** The carrier leaves the tool: its wafers' and stacks' twin state goes with it. */
  private forget(carrierId: string): void {
    const carrier = this.world.carriers.get(carrierId);
    this.world.carriers.delete(carrierId);
    for (const { substrate } of carrier?.contents ?? []) this.world.forget(substrate.id);
  }
}
