// The simulated dual-arm robot: each operation takes its recipe time (move, pick, place; a swap is a
// pick and a place without a move) with the twin's variation. Robot fault points act per operation,
// on the wafers it handles: the one picked or placed, both of a swap, those on its arms during a move.
import type { RobotParams } from '../../recipe/recipe-types.js';
import type { StepCallbacks, SubstrateRef } from '../driver-types.js';
import type { Arm, RobotDriver } from '../module-drivers.js';
import { SimModule } from './sim-module.js';

export class SimRobot extends SimModule implements RobotDriver {
  readonly kind = 'robot' as const;
  /** What is on each arm (set when a pick or swap is done, cleared when a place is). */
  private readonly arms = new Map<Arm, string>();

  move(_station: string, params: RobotParams, cb: StepCallbacks<null>): void {
    this.run(cb, () => ({ nominalS: params.moveS, result: null }), {
      wafers: [...this.arms.values()],
      applied: 'none',
    });
  }

  pick(
    arm: Arm,
    _station: string,
    substrate: SubstrateRef,
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void {
    this.run(
      cb,
      () => ({ nominalS: params.pickS, result: null, commit: () => this.arms.set(arm, substrate.id) }),
      { wafers: [substrate.id], applied: 'none' },
    );
  }

  place(
    arm: Arm,
    _station: string,
    substrate: SubstrateRef,
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void {
    this.run(cb, () => ({ nominalS: params.placeS, result: null, commit: () => this.arms.delete(arm) }), {
      wafers: [substrate.id],
      applied: 'none',
    });
  }

  swap(
    _station: string,
    pick: { arm: Arm; substrate: SubstrateRef },
    place: { arm: Arm; substrate: SubstrateRef },
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void {
    this.run(
      cb,
      () => ({
        nominalS: params.pickS + params.placeS,
        result: null,
        commit: () => {
          this.arms.delete(place.arm);
          this.arms.set(pick.arm, pick.substrate.id);
        },
      }),
      { wafers: [pick.substrate.id, place.substrate.id], applied: 'none' },
    );
  }
}
