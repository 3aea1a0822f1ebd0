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
// ---- GEM binding (docs/tool.md §7) ----
export { type BindToolOptions, bindTool, type ToolBinding } from './gem/bind-tool.js';
export { CEID as TOOL_CEID } from './gem/gem-ids.js';
export type { BindingIssueCode } from './gem/gem-port.js';
export { type ToolModelIssueCode, toolEquipmentModel } from './gem/tool-equipment-model.js'; // ---- end GEM binding ----
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
