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
