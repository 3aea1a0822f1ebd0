// The public API of @bondline/physics: the model (geometry, overlay, voids, copper, yield, gate),
// its configuration and KLARF readers, and the Rice distribution the overlay model rests on.
// Numerical building blocks (quadrature rules, Bessel and error functions, root finding) stay
// internal to the package.
export type { AnalyticOptions } from './analytic/analytic-yield.js';
export { analyticYield } from './analytic/analytic-yield.js';
export type {
  ConfigIssue,
  ConfigIssueCode,
  ConfigNote,
  KeySpec,
  LoadedConfig,
  LoadOptions,
  ReadBytes,
  YapConfig,
  YapSection,
} from './config/index.js';
export {
  configReferenceMarkdown,
  isYapConfig,
  keySpecs,
  loadBondConfig,
  parseBondConfig,
  parseYapConfig,
  yapSections,
} from './config/index.js';
export type { AdhesionModel } from './copper/adhesion.js';
export { adhesionModel, normalisedLoad } from './copper/adhesion.js';
export { annealClosureNm } from './copper/anneal-closure.js';
export type { PadCopperLog } from './copper/copper-yield.js';
export { copperLogYield, padCopperLog } from './copper/copper-yield.js';
export type { RecessWindow } from './copper/recess-window.js';
export { peelLimitNm, recessWindow } from './copper/recess-window.js';
export type { GateOptions, GateParticle, GateResult, InspectedDefect } from './gate/index.js';
export { predictGate } from './gate/index.js';
export { dieGrid } from './geometry/die-grid.js';
export type {
  LayoutImageIssue,
  LayoutImageIssueCode,
  LayoutImageOptions,
  LayoutImageResult,
} from './geometry/layout-png.js';
export { layoutFromPng, MAX_LAYOUT_IMAGE_SIDE } from './geometry/layout-png.js';
export { mirrorTopToBonded, mirrorTopXInPlace } from './geometry/mirror.js';
export type { PadLayout, PadRegion } from './geometry/pad-layout.js';
export { padLayout } from './geometry/pad-layout.js';
export { padRadii } from './geometry/pad-radii.js';
export type {
  KlarfDefect,
  KlarfFile,
  KlarfIssue,
  KlarfIssueCode,
  KlarfOptions,
  KlarfResult,
  KlarfWafer,
} from './klarf/index.js';
export { MAX_KLARF_LENGTH, parseKlarf } from './klarf/index.js';
export type { RiceLogTails } from './math/rice.js';
export { marcumQ1, riceCdf, riceLogTails } from './math/rice.js';
export {
  CAUSE_CU,
  CAUSE_GOOD,
  CAUSE_OVERLAY,
  CAUSE_VOID,
  causeCode,
  DIE_CAUSES,
  dieCause,
} from './montecarlo/die-causes.js';
export { LotRun } from './montecarlo/lot-run.js';
export type { MonteCarloOptions } from './montecarlo/monte-carlo.js';
export { MonteCarloCancelled, runMonteCarlo, runMonteCarloAsync } from './montecarlo/monte-carlo.js';
export type { RealisedDieMap, RealisedPair } from './montecarlo/realised-die-map.js';
export { realisedDieMap } from './montecarlo/realised-die-map.js';
export type { DieOverlaySum, SystematicOverlay } from './overlay/die-log-pass.js';
export { dieOverlayLogPass, dieOverlaySum } from './overlay/die-log-pass.js';
export type { DiscProbabilityPlan } from './overlay/disc-probability.js';
export { discProbability, planDiscProbability } from './overlay/disc-probability.js';
export type { ExpectedOverlay, ExpectedOverlayOptions } from './overlay/expected-overlay.js';
export { expectedOverlay } from './overlay/expected-overlay.js';
export { lensArea } from './overlay/lens-area.js';
export type { OverlayLimits } from './overlay/limits.js';
export { contactAreaLimit, overlayLimits } from './overlay/limits.js';
export type { DisplacementSpread } from './overlay/systematic-spread.js';
export { displacementSpread, magnificationMoments } from './overlay/systematic-spread.js';
export type {
  BondParams,
  CopperParams,
  DieParams,
  OverlayParams,
  PadBlockKind,
  PadLayoutParams,
  PadParams,
  VoidParams,
  WaferParams,
} from './params.js';
export { defaultParams } from './params.js';
export { normal, pareto, poisson } from './random/distributions.js';
export type { Rng } from './random/rng.js';
export { createRng, xoshiro128ss } from './random/rng.js';
export type { AnalyticResult, Die, DieCause, McResult, McWafer } from './results.js';
export type { DieIndex } from './voids/die-index.js';
export { buildDieIndex } from './voids/die-index.js';
export { diesKilledBy } from './voids/dies-killed.js';
export { voidTargetRects } from './voids/layout-rects.js';
export type { VoidDisc } from './voids/void-discs.js';
export {
  discsOfMeasuredVoid,
  type MeasuredVoid,
  mainRadius,
  tailCount,
  voidDiscs,
} from './voids/void-discs.js';
export type { VoidLambdaOptions } from './voids/void-lambdas.js';
export { voidLambdas } from './voids/void-lambdas.js';
