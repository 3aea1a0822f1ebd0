// The public API of @bondline/tool: the bonder's controller, its simulated tool (digital twin) and
// its GEM binding. Each area adds its exports here.

export { toolBound } from './assemble/bound-source.js';
export { runToolLot, type ToolLotOptions, type ToolLotResult } from './assemble/run-tool-lot.js';
export { type ConstantsSet, setToolConstants } from './assemble/set-tool-constants.js';
// Assembly: the simulated tool from its files, a lot offline, the tool as GEM equipment (integration)
export {
  openSimulatedTool,
  type SimulatedTool,
  type SimulatedToolOptions,
} from './assemble/simulated-tool.js';
export {
  startToolEquipment,
  type ToolEquipment,
  type ToolEquipmentOptions,
} from './assemble/tool-equipment.js';
// End assembly

// Replay of a fab's ticket: the file, and the tool it opens (docs/tool.md §8.4)
export { type OpenReplayOptions, openReplay, type ReplayTool } from './replay/open-replay.js';
export { MAX_REPLAY_BYTES, parseReplayText, type ReplayFile, readReplayFile } from './replay/replay-file.js';
export { REPLAY_FORMAT, type ReplaySource } from './replay/replay-schema.js';
// End replay

// Controller, drivers, scheduler, tracking and clock (area 3: docs/tool.md §1, §2 "Scheduler")
export { MAX_SPEED, type Pacing, parsePacing, REAL_TIME } from './clock/pacing.js';
export type { RealTime } from './clock/real-time.js';
export { type ClockOptions, type ClockTimer, VirtualClock } from './clock/virtual-clock.js';
export { defaultToolConfigPath } from './config/default-config-path.js';
export { loadToolConfig } from './config/tool-config.js';
export type { ModuleConfig, ToolConfig } from './config/tool-config-types.js';
export { R2R_OFFSET_LIMITS } from './controller/r2r-limits.js';
export { type RunLotOptions, runLot } from './controller/run-lot.js';
export type {
  ControlRefusal,
  E10Figures,
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
export type { AlignFailedAlarm, LoadPortTimes, SimWorldOptions } from './drivers/sim/sim-world.js';
export { E10Tracker } from './e10/e10-tracker.js';
export { DEFAULT_CATALOGUE_PATH, PROFILES_DIR, SHIPPED_PROFILES } from './faults/example-files.js';
export type { FaultCatalogue } from './faults/fault-catalogue.js';
export { FaultEngine, type FaultEngineOptions } from './faults/fault-engine.js';
export type { Detection, FaultEffect, FaultPoint, Severity } from './faults/fault-point.js';
export { type FaultProfile, withFixes } from './faults/fault-profile.js';
export type { AlarmingFault, FaultSource, Recovery, StepFaults, StepSite } from './faults/fault-source.js';
export type { FixEffect, FixRecord, PointRate } from './faults/fix-record.js';
export { loadCatalogue, parseCatalogueText } from './faults/load-catalogue.js';
export { loadProfile } from './faults/load-profile.js';
export { firingProbability } from './faults/rate-model.js';
export { withRateOverrides } from './faults/rate-overrides.js';

export { type BindToolOptions, bindTool, type ToolBinding } from './gem/bind-tool.js';
export type { BindingIssueCode } from './gem/gem-port.js';
export { type ToolModelIssueCode, toolEquipmentModel } from './gem/tool-equipment-model.js';
export {
  MODULE_KINDS,
  type ModuleKind,
  PER_PAIR_KINDS,
  PER_WAFER_KINDS,
  type WaferRole,
} from './module-kind.js';
export { type GemRecipeOptions, gemRecipeStore } from './recipe/gem-recipe-store.js';
export { isRecipeName, parseRecipe, type RecipeSource, validateRecipe } from './recipe/recipe-schema.js';
export {
  type EnumParamSpec,
  type NumberParamSpec,
  type ParamRow,
  type ParamSpec,
  RECIPE_MODULES,
  RECIPE_SPEC,
  type RecipeModule,
  recipeParamRows,
} from './recipe/recipe-spec.js';
export {
  FileRecipeStore,
  openRecipeStore,
  type RecipeDraft,
  type RecipeStoreOptions,
  type RecipeStoreOrigin,
} from './recipe/recipe-store.js';
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
export { recipeToYaml } from './recipe/recipe-yaml.js';
export { type ResourceBusy, type ThroughputBound, throughputBound } from './schedule/bound.js';
export { type BoundSource, resourceBusy } from './schedule/lot-metrics.js';
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
// End controller, drivers, scheduler, tracking and clock (area 3)
