// The public API of @bondline/tool: the bonder's controller, its simulated tool (digital twin) and
// its GEM binding. Each area adds its exports here.

// --- area 1: recipes, tool configuration, throughput bound (docs/tool.md §2, §3) ---
export { defaultToolConfigPath } from './config/default-config-path.js';
export { loadToolConfig } from './config/tool-config.js';
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
export { type GemRecipeOptions, gemRecipeStore } from './recipe/gem-recipe-store.js';
export { recipeReferenceMarkdown } from './recipe/recipe-docs.js';
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
export { PAIR_ROUTES, type ResourceBusy, type ThroughputBound, throughputBound } from './schedule/bound.js';
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
// --- end area 1 ---
