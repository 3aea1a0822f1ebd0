// Overlay metrology (helper F)

export type { LeastSquaresOptions, LeastSquaresResult } from './linalg/least-squares.js';
export { leastSquares } from './linalg/least-squares.js';
export type { OverlayFitError } from './overlay/fit-error.js';
export type { LotFitResult, LotSummary, TermSpread } from './overlay/fit-lot.js';
export { fitLot, groupByWafer, summariseLot } from './overlay/fit-lot.js';
export type { FitOptions, TermValue, WaferFit, WaferFitResult } from './overlay/fit-wafer.js';
export { fitWafer } from './overlay/fit-wafer.js';
export type { ModelName } from './overlay/models.js';
export { MODEL_NAMES, parseModelName } from './overlay/models.js';
export { readSites } from './overlay/read-sites.js';
export type { AxisStats } from './overlay/residual-stats.js';
export type { Criterion } from './overlay/select-terms.js';
export type { BadRow, OverlaySite, ReadSitesResult } from './overlay/site.js';
export { formatBadRow, siteLabel } from './overlay/site.js';
export type { SyntheticOptions, SyntheticTerms } from './overlay/synthetic-sites.js';
export { synthesiseSites } from './overlay/synthetic-sites.js';
export type { SeededRandom } from './r2r/seeded-random.js';
export { seededRandom } from './r2r/seeded-random.js';
// End overlay metrology (helper F)
