export {
  TIAACK,
  TraceEngine,
  type TraceEngineOptions,
  type TraceId,
  type TraceReport,
  type TraceRequest,
} from './trace-engine.js';
export { formatDsper, parseDsper } from './trace-period.js';
