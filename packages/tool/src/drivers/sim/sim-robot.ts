// The simulated dual-arm robot: each operation takes its recipe time (move, pick, place; a swap is a
// pick and a place without a move) with the twin's variation. Robot fault points act per operation.
import type { RobotParams } from '../../recipe/recipe-types.js';
import type { StepCallbacks, SubstrateRef } from '../driver-types.js';
import type { Arm, RobotDriver } from '../module-drivers.js';
import { SimModule } from './sim-module.js';

export class SimRobot extends SimModule implements RobotDriver {
  readonly kind = 'robot' as const;

  move(_station: string, params: RobotParams, cb: StepCallbacks<null>): void {
    this.run(cb, () => ({ nominalS: params.moveS, result: null }));
  }

  pick(
    _arm: Arm,
    _station: string,
    _substrate: SubstrateRef,
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void {
    this.run(cb, () => ({ nominalS: params.pickS, result: null }));
  }

  place(
    _arm: Arm,
    _station: string,
    _substrate: SubstrateRef,
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void {
    this.run(cb, () => ({ nominalS: params.placeS, result: null }));
  }

  swap(
    _station: string,
    _pick: { arm: Arm; substrate: SubstrateRef },
    _place: { arm: Arm; substrate: SubstrateRef },
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void {
    this.run(cb, () => ({ nominalS: params.pickS + params.placeS, result: null }));
  }
}
