// The public API of @bondline/tool: the bonder's controller, its simulated tool (digital twin) and
// its GEM binding. Each area adds its exports here.

// Controller, drivers, scheduler, tracking and clock (area 3: docs/tool.md §1, §2 "Scheduler")
export { MAX_SPEED, type Pacing, parsePacing, REAL_TIME } from './clock/pacing.js';
export { type RealTime, systemRealTime } from './clock/real-time.js';
export { type ClockOptions, type ClockTimer, VirtualClock } from './clock/virtual-clock.js';
export type { ModuleConfig, ToolConfig } from './config/tool-config-types.js';
export { R2R_OFFSET_LIMITS } from './controller/r2r-limits.js';
export { type RunLotOptions, runLot } from './controller/run-lot.js';
export type {
  ControlRefusal,
  E10State,
  HistoryEntry,
  Location,
  LotRequest,
  LotSummary,
  ModuleState,
  ModuleUse,
  PairRecord,
  ProcessState,
  SubstrateRecord,
  ToolControl,
  ToolEventMap,
  ToolEventName,
  ToolStatus,
} from './controller/tool-api.js';
export { ToolController, type ToolControllerOptions } from './controller/tool-controller.js';
export type { OperatorMode } from './controller/tool-runtime.js';
export type { ModuleDriver, StepCallbacks, StepDone, SubstrateRef } from './drivers/driver-types.js';
export type {
  AnyDriver,
  Arm,
  BonderDriver,
  BondLoad,
  CarrierExpectation,
  CleanDriver,
  FlipperDriver,
  InspectionDriver,
  LoadPortDriver,
  PlasmaDriver,
  PrealignerDriver,
  RobotDriver,
  SlotMap,
} from './drivers/module-drivers.js';
export { createSimDrivers } from './drivers/sim/create-sim-drivers.js';
export {
  type AlignFailedAlarm,
  DEFAULT_ALIGN_FAILED,
  DEFAULT_LOAD_PORT_TIMES,
  type LoadPortTimes,
  type SimWorldOptions,
} from './drivers/sim/sim-world.js';
export type { Detection, FaultEffect, FaultPoint, Severity } from './faults/fault-point.js';
export type { AlarmingFault, FaultSource, Recovery, StepFaults, StepSite } from './faults/fault-source.js';
export {
  MODULE_KINDS,
  type ModuleKind,
  PER_PAIR_KINDS,
  PER_WAFER_KINDS,
  type WaferRole,
} from './module-kind.js';
export type {
  BonderParams,
  CleanParams,
  FlipperParams,
  InspectionParams,
  PlasmaParams,
  PrealignerParams,
  Recipe,
  RecipeParams,
  RobotParams,
} from './recipe/recipe-types.js';
export { type BoundSource, resourceBusy } from './schedule/lot-metrics.js';
export type {
  BondContext,
  BondOutcome,
  Degradation,
  DieYieldMap,
  OverlayTerms,
  PairMetrology,
  Particle,
  ProcessPhysics,
  SurfaceContext,
  SurfaceOutcome,
  Void,
  WaferSurface,
} from './sim/process-physics.js';
export { type TwinParams, twinParamsSchema } from './sim/twin-params.js';
export {
  type CarrierPlan,
  type CarrierRole,
  jobFromRequest,
  type LotJob,
  type PairMaterial,
  type SlotRef,
  validateLotJob,
} from './tracking/lot-job.js';
// End controller, drivers, scheduler, tracking and clock (area 3)
