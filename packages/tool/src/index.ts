// The public API of @bondline/tool: the bonder's controller, its simulated tool (digital twin) and
// its GEM binding. Each area adds its exports here.
export type { ModuleConfig, ToolConfig } from './config/tool-config-types.js';
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
// Digital twin (area 2: sim): the ProcessPhysics of the simulated tool, docs/tool.md §4
export { OFF_WAFER, type PairDieYield, pairDieYield } from './sim/die-yield.js';
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
export { createTwinPhysics, type TwinPhysicsOptions } from './sim/twin-physics.js';
// End digital twin
