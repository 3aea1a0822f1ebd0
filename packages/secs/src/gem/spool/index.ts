export { type AppendResult, RSDA, Spool, type SpoolOptions } from './spool.js';
export type { SpoolMessage } from './spool-record.js';
export { createSpoolState, type SpoolEvent, type SpoolStateName } from './spool-state.js';
export {
  type KnownMessages,
  RSPACK,
  type SpoolStreamRequest,
  STRACK,
  type StreamRejection,
} from './spool-streams.js';
