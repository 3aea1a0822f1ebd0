// The durable GEM engines (store, spool, trace, limits): pure state logic with an injected clock and
// storage directory; the equipment core wires them to messages.

export {
  type Deadband,
  LIMITACK,
  type LimitAttributes,
  type LimitRequest,
  LimitsMonitor,
  type LimitsSnapshot,
  type LimitTransition,
  type LimitVariable,
  LVACK,
  type VariableLimitRequest,
  type VariableRejection,
  VLAACK,
  type Zone,
} from './limits/index.js';
export {
  type AppendResult,
  type KnownMessages,
  RSDA,
  RSPACK,
  Spool,
  type SpoolMessage,
  type SpoolOptions,
  type SpoolStateName,
  type SpoolStreamRequest,
  STRACK,
  type StreamRejection,
} from './spool/index.js';
export {
  DocumentStore,
  type DocumentStoreOptions,
  STORE_DOCUMENTS,
  StoreError,
  type StoreErrorCode,
  writeFileAtomic,
} from './store/index.js';
export {
  formatDsper,
  parseDsper,
  TIAACK,
  TraceEngine,
  type TraceEngineOptions,
  type TraceId,
  type TraceReport,
  type TraceRequest,
} from './trace/index.js';
