// The durable GEM engines (store, spool, trace, limits): pure state logic with an injected clock and
// storage directory; the equipment core wires them to messages.
export {
  DocumentStore,
  type DocumentStoreOptions,
  STORE_DOCUMENTS,
  StoreError,
  type StoreErrorCode,
  writeFileAtomic,
} from './store/index.js';
export {
  type AppendResult,
  type KnownMessages,
  RSDA,
  RSPACK,
  STRACK,
  Spool,
  type SpoolMessage,
  type SpoolOptions,
  type SpoolStateName,
  type SpoolStreamRequest,
  type StreamRejection,
} from './spool/index.js';
