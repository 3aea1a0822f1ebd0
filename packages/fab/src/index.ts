// @bondline/fab: the fab side. The store (docs/fab.md §1), one repository interface with an embedded
// SQLite implementation and a PostgreSQL one for a fab at scale; the bus (§4), in process or over NATS
// JetStream, behind the seams of src/pipeline/seams.ts; the collector (§2), a GEM host per tool; the
// fab configuration (§3); the HTTP API over it (§5).

export type { ApiError } from './api/api-errors.js';
export {
  buildFabApi,
  type FabApiOptions,
  type RunningFabApi,
  type StartFabApiOptions,
  startFabApi,
} from './api/fab-api.js';
export type { BackoffOptions } from './bus/backoff.js';
export { createEmbeddedPipeline, type EmbeddedPipeline } from './bus/embedded-pipeline.js';
export type { GroupCommitOptions } from './bus/group-commit-sink.js';
export {
  type BusIssueCode,
  type JetStreamBus,
  type JetStreamBusOptions,
  openJetStreamBus,
  type StoreWriterStart,
} from './bus/jetstream-bus.js';
export type { JetStreamSink, JetStreamSinkOptions } from './bus/jetstream-sink.js';
export type {
  RejectedMessage,
  StoreWriter,
  StoreWriterOptions,
  StoreWriterStats,
} from './bus/store-writer.js';
export {
  type Collector,
  type CollectorCounters,
  type CollectorOptions,
  startCollector,
} from './collector/collector.js';
export { DEFAULT_PLAN } from './config/default-plan.js';
export type { FabConfig, FabTool } from './config/fab-config.js';
export { loadFabConfig, parseFabConfigText } from './config/fab-config.js';
export type { CollectionPlan, CollectorSettings } from './config/fab-config-schema.js';

export type {
  LiveFeed,
  RecordSink,
  SinkIssueCode,
  ToolLinkState,
  ToolStatus,
  ToolStatusBoard,
} from './pipeline/seams.js';
export type {
  AlarmQuery,
  BatchReport,
  EcChangeQuery,
  EventQuery,
  FabStore,
  LotDetail,
  LotQuery,
  PairDetail,
  PairListItem,
  PairQuery,
  StoreIssueCode,
  StoreResult,
  TimeRangeQuery,
  ToolDetail,
  TraceQuery,
} from './store/fab-store.js';
export type { JsonObject, JsonValue } from './store/json-value.js';
export { decodeMap, encodeMap, type MapArray, type NumericMap } from './store/map-codec.js';
export type { AppliedMigration, MigrationReport } from './store/migration.js';
export { openStoreAt, parseStoreLocation, type StoreLocation } from './store/open-store.js';
export {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  type Page,
  type PageQuery,
  type SortOrder,
} from './store/page-cursor.js';
export { openPostgresStore, type PostgresStoreOptions } from './store/postgres/postgres-store.js';
export { MAX_BATCH_RECORDS } from './store/record-rows.js';
export type {
  AlarmRecord,
  CarrierRecord,
  EcChangeRecord,
  EventRecord,
  FabRecord,
  FabRecordType,
  LotRecord,
  ModuleRecord,
  OrganisationRecord,
  PairRecord,
  PairResultRecord,
  RecipeRecord,
  SubstrateRecord,
  ToolRecord,
  TraceSampleRecord,
} from './store/records.js';
export { openSqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';

// Per-pair analysis (docs/fab.md, Per-pair analysis): overlay fit, voids, die yield by cause of one stored pair.

export {
  analysePair,
  type PairAnalysisOptions,
  type PairMaps,
} from './analytics/pair/analyse-pair.js';
export {
  type DieYieldAnalysis,
  type FitSummary,
  type OverlayAnalysis,
  type PairAnalysis,
  type PairAnalysisIssue,
  type PairAnalysisIssueCode,
  pairAnalysisSchema,
  type VoidStats,
} from './analytics/pair/pair-analysis-schema.js';
// End per-pair analysis

// Pair analyses in the running fab and yield (docs/fab.md, Per-pair analysis "Where and when", and Yield).
export {
  type AnalysedPair,
  PAIR_ANALYSIS_VERSION,
  type PairAnalyser,
  type PairAnalyserCounters,
  type PairAnalyserOptions,
  startPairAnalyser,
} from './analytics/pair/pair-analyser.js';
export { InProcessFeed } from './bus/in-process-feed.js';
export { loadProductBonds, type ProductBonds, SHIPPED_PRODUCT } from './config/product-bonds.js';
export type {
  CauseFigures,
  PairAnalysisRecord,
  PairFigures,
  StoredPairAnalysis,
} from './store/pair-analysis-record.js';
export type {
  CauseBar,
  FaultPointBar,
  YieldCurve,
  YieldCurvePoint,
  YieldFigures,
  YieldGroup,
  YieldGroupBy,
  YieldPareto,
  YieldQuery,
  YieldSummary,
} from './store/yield-reads.js';
// End pair analyses and yield
