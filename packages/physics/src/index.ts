export type {
  ConfigIssue,
  ConfigIssueCode,
  ConfigNote,
  ConfigResult,
  KeySpec,
  LoadedConfig,
  LoadOptions,
  YapSection,
} from './config/index.js';
export {
  configReferenceMarkdown,
  formatIssue,
  isYapConfig,
  keySpecs,
  loadBondConfig,
  parseBondConfig,
  parseYapConfig,
  yapSections,
} from './config/index.js';
export type { KlarfDefect, KlarfFile, KlarfIssue, KlarfResult, KlarfWafer } from './klarf/index.js';
export { parseKlarf } from './klarf/index.js';
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
export type { AnalyticResult, Die, DieCause, McResult, McWafer } from './results.js';
