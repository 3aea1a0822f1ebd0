// Overlay metrology (helper F)
export type {
  LeastSquaresIssueCode,
  LeastSquaresOptions,
  LeastSquaresResult,
  LeastSquaresSolution,
} from './linalg/least-squares.js';
export { leastSquares } from './linalg/least-squares.js';
export type { OverlayFitIssueCode } from './overlay/fit-issue.js';
export type { LotFit, LotFitResult, LotSummary, TermSpread } from './overlay/fit-lot.js';
export { fitLot, groupByWafer, summariseLot } from './overlay/fit-lot.js';
export type { FitOptions, TermValue, WaferFit, WaferFitResult } from './overlay/fit-wafer.js';
export { fitWafer } from './overlay/fit-wafer.js';
export type { ModelName } from './overlay/models.js';
export { MODEL_NAMES, parseModelName } from './overlay/models.js';
export { readSites } from './overlay/read-sites.js';
export type { AxisStats } from './overlay/residual-stats.js';
export type { Criterion } from './overlay/select-terms.js';
export type {
  OverlaySite,
  ReadSitesOptions,
  ReadSitesResult,
  SiteFile,
  SiteIssueCode,
} from './overlay/site.js';
export { SITE_LIMITS, siteLabel } from './overlay/site.js';
export type { SyntheticOptions, SyntheticTerms } from './overlay/synthetic-sites.js';
export { synthesiseSites } from './overlay/synthetic-sites.js';
export { SeededRandom } from './random/seeded-random.js';
// End overlay metrology (helper F)

// Run-to-run control (helper F)
export type { R2rContext } from './r2r/context-key.js';
export { contextKey } from './r2r/context-key.js';
export type { ControllerConfig } from './r2r/controller-config.js';
export { R2R_LIMITS } from './r2r/controller-config.js';
export type { ControllerState, Phase } from './r2r/controller-state.js';
export type { Correctables } from './r2r/correctables-from-fit.js';
export { correctablesFromFit } from './r2r/correctables-from-fit.js';
export { parseSimConfig, readSimConfig } from './r2r/parse-sim-config.js';
export type {
  AuditRecord,
  R2rDecision,
  R2rRefusalCode,
  R2rResult,
  R2rSnapshot,
} from './r2r/r2r-controller.js';
export { DEFAULT_CORRECTABLES, R2rController } from './r2r/r2r-controller.js';
export { SIM_LIMITS } from './r2r/sim-config-schema.js';
export type { SimConfig, SimProcess, SimResult, SimRun, SimSummary } from './r2r/simulate.js';
export { simulateR2r } from './r2r/simulate.js';
export type { StabilityReport } from './r2r/stability.js';
export { checkStability } from './r2r/stability.js';
// End run-to-run control (helper F)

// Alignment-mark registration (helper G)
export type { GreyImage } from './image/grey-image.js';
export { centralCrop, createGreyImage, cropGreyImage } from './image/grey-image.js';
export type { GreyPng, PngIssueCode, PngReadOptions, PngReadResult } from './image/png-grey.js';
export { PNG_LIMITS, readGreyPng, writeGreyPng } from './image/png-grey.js';
export type { NccOptions } from './registration/ncc-matcher.js';
export { NccMatcher } from './registration/ncc-matcher.js';
export type { PhaseOptions } from './registration/phase-matcher.js';
export { PhaseMatcher } from './registration/phase-matcher.js';
export type { RegisterMarkOptions } from './registration/register-mark.js';
export { registerMark } from './registration/register-mark.js';
export type {
  RegistrationInputCode,
  RegistrationIssueCode,
  RegistrationLimits,
  RegistrationMatch,
  RegistrationMethod,
  RegistrationRefusalCode,
  RegistrationResult,
} from './registration/types.js';
export { isRefusal } from './registration/types.js';
export type { MarkKind } from './synth/mark-shapes.js';
export { renderMarkTemplate } from './synth/mark-template.js';
export type { MarkImageOptions } from './synth/render-mark.js';
export { renderMarkImage } from './synth/render-mark.js';
// End alignment-mark registration (helper G)
