// One driver interface per module kind of the bonder (TOOL.md's table; docs/tool.md §1). Parameters
// come from the recipe; results are what the module measured or did. Load ports and the robot move
// material; the process modules change it.

import type {
  BonderParams,
  CleanParams,
  FlipperParams,
  InspectionParams,
  PlasmaParams,
  PrealignerParams,
  RobotParams,
} from '../recipe/recipe-types.js';
import type { BondOutcome, OverlayTerms, PairMetrology } from '../sim/process-physics.js';
import type { CarrierRole } from '../tracking/lot-job.js';
import type { ModuleDriver, StepCallbacks, SubstrateRef } from './driver-types.js';

/** A carrier as the host announced it: what should be in which slot. */
export interface CarrierExpectation {
  id: string;
  role: CarrierRole;
  slots: number;
  contents: { slot: number; substrate: SubstrateRef }[];
}

/** What mapping a carrier found: the occupied slots, ascending. */
export interface SlotMap {
  carrierId: string;
  occupied: number[];
}

/** Load port: docks and opens a carrier, maps its slots, closes and undocks it. */
export interface LoadPortDriver extends ModuleDriver {
  readonly kind: 'loadport';
  dock(carrier: CarrierExpectation, cb: StepCallbacks<null>): void;
  map(carrierId: string, cb: StepCallbacks<SlotMap>): void;
  undock(carrierId: string, cb: StepCallbacks<null>): void;
}

/** One of the robot's two end effectors. */
export type Arm = 'A' | 'B';

/**
 * Dual-arm transfer robot. A station is a module id (a load port stands for the slot of its
 * carrier); a swap picks with one arm and places with the other without moving in between.
 */
export interface RobotDriver extends ModuleDriver {
  readonly kind: 'robot';
  move(station: string, params: RobotParams, cb: StepCallbacks<null>): void;
  pick(
    arm: Arm,
    station: string,
    substrate: SubstrateRef,
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void;
  place(
    arm: Arm,
    station: string,
    substrate: SubstrateRef,
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void;
  swap(
    station: string,
    pick: { arm: Arm; substrate: SubstrateRef },
    place: { arm: Arm; substrate: SubstrateRef },
    params: RobotParams,
    cb: StepCallbacks<null>,
  ): void;
}

export interface PrealignerDriver extends ModuleDriver {
  readonly kind: 'prealigner';
  prealign(wafer: SubstrateRef, params: PrealignerParams, cb: StepCallbacks<null>): void;
}

export interface PlasmaDriver extends ModuleDriver {
  readonly kind: 'plasma';
  activate(wafer: SubstrateRef, params: PlasmaParams, cb: StepCallbacks<null>): void;
}

export interface CleanDriver extends ModuleDriver {
  readonly kind: 'clean';
  clean(wafer: SubstrateRef, params: CleanParams, cb: StepCallbacks<null>): void;
}

export interface FlipperDriver extends ModuleDriver {
  readonly kind: 'flipper';
  flip(wafer: SubstrateRef, params: FlipperParams, cb: StepCallbacks<null>): void;
}

/** The two wafers of a pair in the aligner + bond chamber, and the id the stack will carry. */
export interface BondLoad {
  top: SubstrateRef;
  bottom: SubstrateRef;
  stackId: string;
}

/** Aligner + bond chamber: registers both wafers' marks, aligns (R2R offsets applied), bonds. */
export interface BonderDriver extends ModuleDriver {
  readonly kind: 'bonder';
  bond(load: BondLoad, params: BonderParams, r2rOffsets: OverlayTerms, cb: StepCallbacks<BondOutcome>): void;
}

/** Post-bond inspection: infrared void scan and overlay metrology of a stack. */
export interface InspectionDriver extends ModuleDriver {
  readonly kind: 'inspection';
  inspect(stack: SubstrateRef, params: InspectionParams, cb: StepCallbacks<PairMetrology>): void;
}

/** Any module's driver; `kind` tells which. */
export type AnyDriver =
  | LoadPortDriver
  | RobotDriver
  | PrealignerDriver
  | PlasmaDriver
  | CleanDriver
  | FlipperDriver
  | BonderDriver
  | InspectionDriver;
