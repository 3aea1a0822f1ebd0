export { LIMITACK, LVACK, VLAACK } from './limit-codes.js';
export type {
  Deadband,
  LimitRequest,
  LimitVariable,
  VariableLimitRequest,
  VariableRejection,
} from './limit-definitions.js';
export {
  type LimitAttributes,
  LimitsMonitor,
  type LimitsSnapshot,
  type LimitTransition,
  type Zone,
} from './limits-monitor.js';
