// @bondline/fab: the fab side. The store (docs/fab.md §1), one repository interface with an embedded
// SQLite implementation and a PostgreSQL one for a fab at scale; the bus (§4), in process or over NATS
// JetStream, behind the seams of src/pipeline/seams.ts; the collector (§2), a GEM host per tool; the
// fab configuration (§3); the HTTP API over it (§5).

// ---- end of SPC
// FDC: fault detection and classification on trace data (docs/fab.md, "FDC"). Plain data in and out:
// step windows from stored events and pairs, runs from stored trace samples, a versioned model learned
// from golden runs (JSON, validated on load), and the check of a run that names its faults.
export {
  checkRun,
  type FdcCheckIssueCode,
  type FdcFault,
  type OutOfLimits,
  type RunCheck,
  type StepCheck,
  type TraceContribution,
} from './analytics/fdc/check-run.js';
export {
  type FdcLearnCode,
  type FdcLearned,
  type FdcLearnRequest,
  learnFdcFromStore,
} from './analytics/fdc/fdc-learn.js';
export {
  FDC_DEFAULTS,
  FDC_MODEL_FORMAT,
  type FdcLearnIssueCode,
  type FdcModel,
  type FdcStepModel,
  type LearnFdcOptions,
  learnFdcModel,
} from './analytics/fdc/fdc-model.js';
export { fdcModelToJson, parseFdcModel, parseFdcModelText } from './analytics/fdc/fdc-model-codec.js';
export { type FdcCounters, FdcService, type FdcServiceOptions } from './analytics/fdc/fdc-service.js';
export {
  type FdcRun,
  type RunStep,
  TRACE_STATISTICS,
  type TraceSeries,
  type TraceStatistic,
  type TraceSummary,
  type TraceThresholds,
} from './analytics/fdc/fdc-types.js';
export { assembleRuns, type TraceSampleInput } from './analytics/fdc/step-runs.js';
export {
  deriveStepWindows,
  type SkippedStepEvent,
  type StepWindow,
  type StepWindowOptions,
  type StepWindows,
} from './analytics/fdc/step-windows.js';
export { fUpperQuantile, t2UpperLimit } from './analytics/fdc/t2-limit.js';
export { summariseTrace } from './analytics/fdc/trace-summary.js';
// ---- SPC (docs/fab.md §8): control charts, run rules, phases and capability, as pure functions over
// plain data in and JSON-friendly data out; the store, the bus and the API wire them in.
export {
  type Capability,
  type CapabilityRequest,
  capability,
  chiSquareQuantile,
  type Estimate,
} from './analytics/spc/capability.js';
export {
  type ChartKind,
  type ChartSettings,
  type ChartSettingsInput,
  chartSettingsSchema,
  parseChartSettings,
} from './analytics/spc/chart-settings.js';
export { type CusumParameters, type CusumPoint, cusumPoints } from './analytics/spc/cusum-chart.js';
export { type EwmaParameters, type EwmaPoint, ewmaPoints } from './analytics/spc/ewma-chart.js';
export {
  type JudgeOptions,
  judge,
  type SpcJudgement,
  type SpcPoint,
  type SpcRuleId,
  type SpcViolation,
} from './analytics/spc/judge-chart.js';
export type {
  Band,
  BaselineRange,
  KnownStandard,
  LimitsIssueCode,
  PhaseLimits,
} from './analytics/spc/phase-limits.js';
export {
  allRulesOn,
  type RuleConfig,
  type RuleConfigInput,
  type RunRuleId,
  ruleConfigSchema,
} from './analytics/spc/rule-config.js';
export {
  RULE_IDS,
  type RuleHit,
  type RuleHits,
  ruleViolations,
  type ViolationSide,
} from './analytics/spc/rule-hits.js';
export { evaluateRules } from './analytics/spc/run-rules.js';
export type { PlottedSeries, SeriesIssueCode, SpcSeries } from './analytics/spc/series.js';
export { type ChartConstants, chartConstants } from './analytics/spc/spc-constants.js';
export {
  createChart,
  type PhaseIssueCode,
  type PhaseRequest,
  recompute,
  type SpcChart,
  type SpcPhase,
  startPhase,
} from './analytics/spc/spc-phases.js';
// End FDC

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

// Per-pair analysis (docs/fab.md §7): overlay fit, voids, die yield by cause of one stored pair.

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

// Pair analyses in the running fab and yield (docs/fab.md §7.5, §7.6).
export {
  type AnalysedPair,
  PAIR_ANALYSIS_VERSION,
  type PairAnalyser,
  type PairAnalyserCounters,
  type PairAnalyserOptions,
  startPairAnalyser,
} from './analytics/pair/pair-analyser.js';
// End pair analyses and yield
// ---- R2R (docs/fab.md §10): the run-to-run loop from the pair overlay fits back to the tools' aligner
// offsets over GEM (S2F15), audited in the store, commanded through the API.
export { r2rContextKey } from './analytics/r2r/r2r-context.js';
export {
  type R2rCommandCode,
  type R2rContextView,
  R2rService,
  type R2rServiceOptions,
} from './analytics/r2r/r2r-service.js';
export { contextProduct, type R2rSettingsFile, r2rSettingsSchema } from './analytics/r2r/r2r-settings.js';
// Reliability (docs/fab.md §12): the E10 split from stored events, OEE per E79.
export {
  type E10Clock,
  type E10Split,
  type EntitySplit,
  e10Split,
  type Oee,
  oee,
} from './analytics/reliability/e10-split.js';
export {
  type ReliabilityQuery,
  readToolReliability,
  type ToolReliability,
} from './analytics/reliability/tool-reliability.js';
// ---- SPC in the running fab (docs/fab.md §8.6): charts per (tool, parameter, context) from each
// analysed pair, frozen baseline limits and phases, violations stored and streamed, R2R held.
export { type NewPhaseRequest, spcChartId, startNewPhase } from './analytics/spc-service/spc-charts.js';
export { SpcR2rLink, type SpcR2rLinkOptions } from './analytics/spc-service/spc-r2r-link.js';
export { type SpcCounters, SpcService, type SpcServiceOptions } from './analytics/spc-service/spc-service.js';
export {
  DEFAULT_SPC_PARAMETERS,
  type SpcParameter,
  type SpcSettingsFile,
  spcParameters,
  spcSettingsSchema,
} from './analytics/spc-service/spc-settings.js';
export { InProcessFeed } from './bus/in-process-feed.js';
export { MemoryStatusBoard } from './bus/memory-status-board.js';
export { loadProductBonds, type ProductBonds, SHIPPED_PRODUCT } from './config/product-bonds.js';
// ---- The fault loop between the fab and the makers (docs/fab.md §11, §13, §14).
export * from './fault-loop.js';
// End R2R
export type { FdcFaultQuery, FdcModelQuery, R2rActionQuery } from './store/fab-store.js';
export type {
  CauseFigures,
  PairAnalysisRecord,
  PairFigures,
  StoredPairAnalysis,
} from './store/pair-analysis-record.js';
export type {
  FdcCheckRecord,
  FdcFaultRecord,
  FdcModelRecord,
  FdcTraceRank,
  R2rActionRecord,
  SpcViolationRecord,
} from './store/records.js';
export type {
  SpcChartQuery,
  SpcPointQuery,
  SpcViolationQuery,
  StoredSpcViolation,
} from './store/spc-reads.js';
export type { SpcChartRow, SpcPointRow, SpcSpecLimits } from './store/spc-rows.js';
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
