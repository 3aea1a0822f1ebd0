// The repository every part of the fab side uses: collectors and store writers write batches of
// records, the API and the analytics read. Two implementations (SQLite, PostgreSQL) pass one test
// suite (fab-store-contract.test-util.ts). Expected failures are core Results; only programmer
// errors (a bug in this package, a database that is not this schema) throw.
import type { Result } from '@bondline/core';
import type { TicketChange, TicketCore } from '../loop/ticket-workflow.js';
import type { AccountStore } from './account-store.js';
import type { DeadLetterStore } from './dead-letter-store.js';
import type { MigrationReport } from './migration.js';
import type { Page, PageQuery } from './page-cursor.js';
import type { PairAnalysisRecord, StoredPairAnalysis } from './pair-analysis-record.js';
import type {
  AlarmRecord,
  CarrierRecord,
  EcChangeRecord,
  EventRecord,
  FabRecord,
  FdcCheckRecord,
  FdcFaultRecord,
  FdcModelRecord,
  LotRecord,
  ModuleRecord,
  PairRecord,
  PairResultRecord,
  R2rActionRecord,
  RecipeRecord,
  SubstrateRecord,
  ToolRecord,
  TraceSampleRecord,
} from './records.js';
import type {
  Attachment,
  AttachmentInfo,
  NewAttachment,
  NewTicket,
  StoredTicket,
  TicketHistoryLine,
  TicketListItem,
  TicketQuery,
} from './ticket-records.js';
import type { YieldCurve, YieldGroupBy, YieldPareto, YieldQuery, YieldSummary } from './yield-reads.js';

export type StoreIssueCode =
  /** A record failed its schema (the path names the field); nothing of the batch was written. */
  | 'invalid-record'
  /** More records in one batch than MAX_BATCH_RECORDS (100,000): nothing was written. */
  | 'batch-too-large'
  /** A record names a row that is not stored (a tool, lot or pair); the batch was rolled back. */
  | 'unknown-reference'
  /** The database cannot be reached or is shutting down: retry later (the tool keeps spooling). */
  | 'store-unavailable'
  /** Another process holds the SQLite file's write lock past the busy timeout: retry later. */
  | 'store-busy'
  | 'not-found'
  | 'bad-cursor'
  | 'bad-limit'
  /** A filter of the wrong type (a tool id that is not text, a CEID that is not an integer). */
  | 'bad-filter'
  /** A time range that is not integers, or ends before it starts. */
  | 'bad-range'
  | 'corrupt-map'
  /** A ticket changed since the caller read it (its version moved on): read it again. */
  | 'stale-version'
  /** A row with this id exists already (a user). */
  | 'already-exists'
  /** An attachment above MAX_ATTACHMENT_BYTES (10 MB). */
  | 'too-large'
  /** The database lacks the fab schema: `migrate()` (`bondline fab migrate`) has not run. */
  | 'not-migrated'
  /** The database holds migrations this code does not know: it was migrated by a newer version. */
  | 'schema-too-new'
  /** A migration this code knows was applied under another name: not this project's database. */
  | 'migration-mismatch';

/** What one `writeBatch` stored: records that inserted or changed a row, and records already stored. */
export interface BatchReport {
  readonly new: number;
  readonly duplicate: number;
}

/** Tools by id. */
export interface ToolQuery extends PageQuery {
  /** Only these tools (a maker's view, docs/fab.md §14.4); an empty list matches nothing. */
  readonly toolIds?: readonly string[];
}

export interface LotQuery extends PageQuery {
  readonly toolId?: string;
  /** Only these tools (a maker's view, docs/fab.md §14.4); an empty list matches nothing. */
  readonly toolIds?: readonly string[];
}

export interface PairQuery extends PageQuery {
  readonly toolId?: string;
  /** Only these tools (a maker's view, docs/fab.md §14.4); an empty list matches nothing. */
  readonly toolIds?: readonly string[];
  readonly lotId?: string;
}

/** A time-ordered list (by equipment time): from `fromMs` (inclusive) to `toMs` (exclusive). */
export interface TimeRangeQuery extends PageQuery {
  readonly toolId?: string;
  /** Only these tools (a maker's view, docs/fab.md §14.4); an empty list matches nothing. */
  readonly toolIds?: readonly string[];
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface EventQuery extends TimeRangeQuery {
  readonly ceid?: number;
  /** Only events of this name (`E10StateChanged`): CEIDs differ from tool to tool, names less. */
  readonly name?: string;
}

interface AlarmCount {
  readonly alid: number;
  readonly count: number;
  readonly lastMs: number;
}

export interface AlarmQuery extends TimeRangeQuery {
  readonly alid?: number;
}

export interface TraceQuery extends TimeRangeQuery {
  readonly traceId?: number;
}

export interface EcChangeQuery extends TimeRangeQuery {
  readonly ecid?: number;
}

/** The R2R actions of one context (its history), in the order they were stored. */
export interface R2rActionQuery extends PageQuery {
  readonly context: string;
}

/** FDC models (docs/fab.md §9), in the order stored; `recipe` keeps one recipe's versions. */
export interface FdcModelQuery extends PageQuery {
  readonly recipe?: string;
}

/** FDC faults, in the order stored, of one tool, pair or recipe (filters combine). */
export interface FdcFaultQuery extends PageQuery {
  readonly toolId?: string;
  readonly pairId?: string;
  readonly recipe?: string;
}

export interface ToolDetail {
  readonly tool: ToolRecord;
  readonly modules: readonly ModuleRecord[];
  /** Every stored version, by name then version. */
  readonly recipes: readonly RecipeRecord[];
}

export interface LotDetail {
  readonly lot: LotRecord;
  /** The lot's wafers and stacks, by id. */
  readonly substrates: readonly SubstrateRecord[];
  /** The carriers its substrates name, by id. */
  readonly carriers: readonly CarrierRecord[];
}

export interface PairListItem {
  readonly pair: PairRecord;
  /** Die yield 0..1, once the pair's result is stored. */
  readonly yield?: number;
}

export interface PairDetail {
  readonly pair: PairRecord;
  /** With its maps decoded, once stored. */
  readonly result?: PairResultRecord;
}

import type { SpcChartQuery, SpcPointQuery, SpcViolationQuery, StoredSpcViolation } from './spc-reads.js';
import type { SpcChartRow, SpcPointRow } from './spc-rows.js';

export type StoreResult<T> = Promise<Result<T, StoreIssueCode>>;

/**
 * The fab's store. Its accounts' methods (users, API tokens, sessions, the audit log: migration 9,
 * docs/fab.md §14.5) are those of `accountStore`; the webhooks' dead letters (migration 10, §13.2)
 * those of `deadLetterStore`.
 */
export interface FabStore extends AccountStore, DeadLetterStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Apply the migrations this code knows and the database lacks, in order; safe to run again. */
  migrate(): StoreResult<MigrationReport>;
  /**
   * Store records in one transaction: all of them or none. A record whose idempotency key is stored
   * already changes nothing and counts as a duplicate (docs/fab.md §1.2). Resolves once committed.
   */
  writeBatch(records: readonly FabRecord[]): StoreResult<BatchReport>;
  listTools(query?: ToolQuery): StoreResult<Page<ToolRecord>>;
  getTool(id: string): StoreResult<ToolDetail>;
  /** Lots by start time. */
  listLots(query?: LotQuery): StoreResult<Page<LotRecord>>;
  getLot(id: string): StoreResult<LotDetail>;
  /** Pairs in the order they were stored. */
  listPairs(query?: PairQuery): StoreResult<Page<PairListItem>>;
  getPair(id: string): StoreResult<PairDetail>;
  listEvents(query?: EventQuery): StoreResult<Page<EventRecord>>;
  listAlarms(query?: AlarmQuery): StoreResult<Page<AlarmRecord>>;
  /** How often each ALID was set on a tool, and when last (equipment time), by ALID. */
  alarmCounts(toolId: string): StoreResult<readonly AlarmCount[]>;
  listTrace(query?: TraceQuery): StoreResult<Page<TraceSampleRecord>>;
  listEcChanges(query?: EcChangeQuery): StoreResult<Page<EcChangeRecord>>;

  // The pairs' analyses and yield (migration 3, docs/fab.md §7.5, §7.6).
  /**
   * Store analyses in one transaction (at most 1000), each checked first (`invalid-record` naming
   * `analyses[i].field`). An analysis of a version newer than the stored one replaces it and counts as
   * new; the same or an older version changes nothing (a duplicate). The pair must be stored.
   */
  writePairAnalyses(analyses: readonly PairAnalysisRecord[]): StoreResult<BatchReport>;
  /** The stored analysis of a pair (`not-found` when there is none). */
  getPairAnalysis(pairId: string): StoreResult<StoredPairAnalysis>;
  /** Pairs with a stored result and no analysis of `version` or newer, in the order stored (limit 1..1000, default 100). */
  pairsToAnalyse(query: { version: number; limit?: number }): StoreResult<readonly string[]>;
  /** Yield of the analysed pairs, in all and per tool, recipe or lot (default lot). */
  yieldSummary(query?: YieldQuery & { by?: YieldGroupBy }): StoreResult<YieldSummary>;
  /** Loss Pareto of the analysed pairs by cause and by the fault points the pairs name. */
  yieldPareto(query?: YieldQuery): StoreResult<YieldPareto>;
  /** Yield per lot over time, the newest `limit` lots (1..1000, default 1000) oldest first. */
  yieldCurve(query?: YieldQuery & { limit?: number }): StoreResult<YieldCurve>;
  /** One R2R context's audited actions (docs/fab.md §10), oldest first by default. */
  listR2rActions(query: R2rActionQuery): StoreResult<Page<R2rActionRecord>>;

  // The fault loop's tickets (migration 8, docs/fab.md §11.4).
  /** Open a ticket (state new, version 1) with its first history line; its maker is the tool's organisation. */
  createTicket(ticket: NewTicket): StoreResult<StoredTicket>;
  getTicket(id: string): StoreResult<StoredTicket>;
  /** Tickets by number (the order they opened), filtered; without their captured data. */
  listTickets(query?: TicketQuery): StoreResult<Page<TicketListItem>>;
  /** The newest ticket of (tool, fault key) whatever its state; null when there is none. */
  currentTicket(toolId: string, faultKey: string): StoreResult<StoredTicket | null>;
  /**
   * Store a workflow change (loop/ticket-workflow.ts `applyTicketAction`) and its history line in one
   * transaction, if the ticket is still at `expectedVersion` (else `stale-version`).
   */
  changeTicket(
    id: string,
    expectedVersion: number,
    next: TicketCore,
    change: TicketChange,
  ): StoreResult<StoredTicket>;
  /** Every change of a ticket, its opening first. */
  ticketHistory(id: string): StoreResult<readonly TicketHistoryLine[]>;
  /** Store a file on a ticket (at most MAX_ATTACHMENT_BYTES, else `too-large`). */
  addTicketAttachment(attachment: NewAttachment): StoreResult<AttachmentInfo>;
  listTicketAttachments(id: string): StoreResult<readonly AttachmentInfo[]>;
  getTicketAttachment(id: string, attachmentId: number): StoreResult<Attachment>;
  // FDC (migration 7, docs/fab.md §9): written through writeBatch (fdc-model, fdc-check, fdc-fault).
  listFdcModels(query?: FdcModelQuery): StoreResult<Page<FdcModelRecord>>;
  /** A recipe's model of `version`, or its newest (the active one); `not-found` when there is none. */
  getFdcModel(recipe: string, version?: number): StoreResult<FdcModelRecord>;
  /** A pair's check against the newest model version it was checked with; `not-found` when none. */
  getFdcCheck(pairId: string): StoreResult<FdcCheckRecord>;
  listFdcFaults(query?: FdcFaultQuery): StoreResult<Page<FdcFaultRecord>>;

  // SPC (migration 6, docs/fab.md §8.6). Violations are records (`spc-violation`, writeBatch).
  /** Store a chart: a new one, or one with more phases than the stored one (else a duplicate). */
  saveSpcChart(chart: SpcChartRow): StoreResult<BatchReport>;
  getSpcChart(id: string): StoreResult<SpcChartRow>;
  /** Charts by id, filtered by tool, parameter and context. */
  listSpcCharts(query?: SpcChartQuery): StoreResult<Page<SpcChartRow>>;
  /**
   * Store points (at most 10,000, one transaction); a point whose (chart, index) is stored already
   * changes nothing and counts as a duplicate. Their chart must be stored.
   */
  appendSpcPoints(points: readonly SpcPointRow[]): StoreResult<BatchReport>;
  /** A chart's points by series index. */
  listSpcPoints(query: SpcPointQuery): StoreResult<Page<SpcPointRow>>;
  /** Violations in the order stored, filtered by chart, tool, context, open or closed. */
  listSpcViolations(query?: SpcViolationQuery): StoreResult<Page<StoredSpcViolation>>;
  getSpcViolation(seq: number): StoreResult<StoredSpcViolation>;
  /** Finish pending work and release the database. */
  close(): Promise<void>;
}
