// What the store keeps: one record type per table (docs/fab.md §1). A collector or a store writer
// turns what a tool reports over GEM into these records; `writeBatch` stores a list of them in one
// transaction; the reads give the same shapes back. Times are milliseconds since the Unix epoch, UTC.
import type { JsonObject, JsonValue } from './json-value.js';
import type { NumericMap } from './map-codec.js';

/** The fab itself, or an equipment maker. */
export interface OrganisationRecord {
  readonly type: 'organisation';
  readonly id: string;
  readonly name: string;
  readonly role: 'fab' | 'maker';
}

/** A tool as the fab configuration lists it; `organisationId` is its maker. */
export interface ToolRecord {
  readonly type: 'tool';
  readonly id: string;
  readonly name: string;
  readonly organisationId: string;
  /** HSMS address and port, GEM device id. */
  readonly address?: string;
  readonly port?: number;
  readonly deviceId?: number;
}

/** A module of a tool (plasma, clean, flip, aligner-bonder, inspection, ...). */
export interface ModuleRecord {
  readonly type: 'module';
  readonly toolId: string;
  readonly id: string;
  readonly kind: string;
}

/** One version of a recipe (process program) as the tool holds it; a version never changes. */
export interface RecipeRecord {
  readonly type: 'recipe';
  readonly toolId: string;
  readonly name: string;
  readonly version: number;
  /** The recipe's text (YAML, or the process program body). */
  readonly body: string;
  readonly createdMs: number;
}

export interface LotRecord {
  readonly type: 'lot';
  readonly id: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly recipeVersion?: number;
  readonly plannedPairs: number;
  readonly startedMs: number;
  /** Known once the lot ends: filled in by a later record, never changed after. */
  readonly endedMs?: number;
  readonly outcome?: 'completed' | 'stopped' | 'aborted';
  readonly summary?: JsonObject;
}

export interface CarrierRecord {
  readonly type: 'carrier';
  readonly id: string;
  /** Slots. */
  readonly capacity: number;
  readonly role?: 'top' | 'bottom' | 'stack';
}

/** A wafer (top or bottom) or a bonded stack; a stack names its parts. */
export interface SubstrateRecord {
  readonly type: 'substrate';
  readonly id: string;
  readonly kind: 'top' | 'bottom' | 'stack';
  readonly lotId: string;
  /** Where it entered the tool (a stack: where it left). */
  readonly carrierId?: string;
  readonly slot?: number;
  readonly topId?: string;
  readonly bottomId?: string;
}

/** A bonded pair: both wafers, the stack they became, the lot and slot, the recipe, start and end. */
export interface PairRecord {
  readonly type: 'pair';
  readonly id: string;
  readonly toolId: string;
  readonly lotId: string;
  readonly slot: number;
  readonly recipe: string;
  readonly recipeVersion?: number;
  readonly topId: string;
  readonly bottomId: string;
  readonly stackId: string;
  readonly startedMs: number;
  /** Filled in by a later record, never changed after. */
  readonly endedMs?: number;
}

/**
 * A pair's measured result. Map layouts (docs/fab.md §1.4): overlay [sites, 4] f64 of X µm, Y µm,
 * dx nm, dy nm; voids [voids, 4] f64 of x mm, y mm, diameter µm, cause code; die yield [rows, cols]
 * u8 of physics cause codes (0 good, 255 off the wafer).
 */
export interface PairResultRecord {
  readonly type: 'pair-result';
  readonly pairId: string;
  /** Fraction of good dies, 0..1. */
  readonly yield: number;
  readonly summary: JsonObject;
  readonly overlayMap?: NumericMap;
  readonly voidMap?: NumericMap;
  readonly dieYieldMap?: NumericMap;
}

/** A collection event (S6F11) decoded by the names the tool declared. */
export interface EventRecord {
  readonly type: 'event';
  readonly toolId: string;
  readonly dataId: number;
  readonly ceid: number;
  readonly name: string;
  readonly equipmentTimeMs: number;
  readonly receivedTimeMs: number;
  /** Report variables by name. */
  readonly data: JsonObject;
}

/** An alarm set or cleared (S5F1). */
export interface AlarmRecord {
  readonly type: 'alarm';
  readonly toolId: string;
  readonly alid: number;
  readonly state: 'set' | 'clear';
  /** ALCD category bits (0..127, without the set bit). */
  readonly category: number;
  readonly text: string;
  readonly equipmentTimeMs: number;
  readonly receivedTimeMs: number;
  /**
   * DATAID of the event report that carried it (AlarmSet / AlarmCleared), part of its key: two alarms
   * in one tick of the tool's clock are two records. Absent (stored 0) when none did.
   */
  readonly dataId?: number;
}

/** One trace sample (S6F1): the sampled variables by name. */
export interface TraceSampleRecord {
  readonly type: 'trace';
  readonly toolId: string;
  /** TRID and SMPLN. */
  readonly traceId: number;
  readonly sampleNo: number;
  readonly equipmentTimeMs: number;
  readonly receivedTimeMs: number;
  readonly values: JsonObject;
}

/** An equipment constant changed, by the host (S2F15, R2R) or at the tool (an operator). */
export interface EcChangeRecord {
  readonly type: 'ec-change';
  readonly toolId: string;
  readonly ecid: number;
  readonly name: string;
  readonly oldValue: JsonValue;
  readonly newValue: JsonValue;
  readonly source: 'host' | 'tool';
  readonly equipmentTimeMs: number;
  readonly receivedTimeMs: number;
  /**
   * DATAID of the ConstantChanged report that carried it, part of its key: two changes in one tick of
   * the tool's clock are two records. Absent (stored 0) when none did.
   */
  readonly dataId?: number;
}

/**
 * One audited action of the fab's run-to-run control (docs/fab.md §10): a correction computed from
 * a pair's overlay fit and what the tool answered, or an engineer's freeze, reset, override, hold or
 * release. `actionNo` counts the context's actions from 1; `detail` holds the data it came from.
 */
export interface R2rActionRecord {
  readonly type: 'r2r-action';
  /** The context key (tool, recipe, product). */
  readonly context: string;
  readonly actionNo: number;
  readonly toolId: string;
  readonly recipe: string;
  readonly product: string;
  /** Wall clock of the action, ms since the epoch. */
  readonly atMs: number;
  readonly action: string;
  readonly pairId?: string;
  readonly detail: JsonObject;
}

/**
 * An FDC model of one recipe (docs/fab.md §9), learned from golden pairs: `model` is the library's
 * model as JSON (fdc-model-codec.ts). Versions of a recipe count from 1; the newest is the active one.
 */
export interface FdcModelRecord {
  readonly type: 'fdc-model';
  readonly recipe: string;
  readonly version: number;
  /** Wall clock when it was learned, ms since the epoch. */
  readonly createdMs: number;
  readonly goldenPairIds: readonly string[];
  readonly model: JsonObject;
}

/** One pair checked against its recipe's model: the library's RunCheck as JSON in `result`. */
export interface FdcCheckRecord {
  readonly type: 'fdc-check';
  readonly pairId: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly modelVersion: number;
  readonly atMs: number;
  readonly flagged: boolean;
  readonly faultCount: number;
  readonly result: JsonObject;
}

/** A flagged step of a pair: T² and its limit, why, and the traces that drove it, ranked. */
export interface FdcFaultRecord {
  readonly type: 'fdc-fault';
  readonly pairId: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly step: string;
  readonly moduleId: string;
  readonly modelVersion: number;
  readonly atMs: number;
  readonly t2: number;
  readonly t2Ucl: number;
  readonly reasons: readonly ('t2' | 'limits')[];
  /** The traces as the fault ranks them (the library's TraceContribution). */
  readonly traces: readonly FdcTraceRank[];
}

/** A trace's part in a flagged step: its contribution to T², its share of T², its features out of limits. */
export interface FdcTraceRank {
  readonly trace: string;
  readonly contribution: number;
  readonly share: number;
  readonly outOfLimits: readonly string[];
}

/**
 * A violation of an SPC chart's rules (docs/fab.md §8.6): the chart, the rule, the point that
 * completed it (`pointIndex`, the chart's series index) and its window, the pair of that point.
 * Keyed by (chart, part, rule, point); stored once, then closed by writing it again with `closedMs`
 * and `closeReason` (filled in, never changed after).
 */
export interface SpcViolationRecord {
  readonly type: 'spc-violation';
  readonly chartId: string;
  /** Which of the chart's plots: location (I / X-bar), dispersion (MR, R, S), ewma, cusum. */
  readonly part: 'location' | 'dispersion' | 'ewma' | 'cusum';
  readonly rule: string;
  readonly pointIndex: number;
  readonly toolId: string;
  readonly parameter: string;
  /** The R2R context key (tool+recipe+product) of the chart. */
  readonly context: string;
  readonly phase: number;
  readonly description: string;
  /** The window: series indexes from its first point to `pointIndex`. */
  readonly indexes: readonly number[];
  readonly side?: string;
  readonly pairId?: string;
  /** The completing point's plotted value. */
  readonly value: number;
  /** When it was found, ms since the epoch. */
  readonly atMs: number;
  readonly closedMs?: number;
  readonly closeReason?: string;
}

export type FabRecord =
  | OrganisationRecord
  | ToolRecord
  | ModuleRecord
  | RecipeRecord
  | LotRecord
  | CarrierRecord
  | SubstrateRecord
  | PairRecord
  | PairResultRecord
  | EventRecord
  | AlarmRecord
  | TraceSampleRecord
  | EcChangeRecord
  | R2rActionRecord
  | FdcModelRecord
  | FdcCheckRecord
  | FdcFaultRecord
  | SpcViolationRecord;

export type FabRecordType = FabRecord['type'];
