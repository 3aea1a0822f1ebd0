// The fab's analysis of one pair as the store keeps it (migration 3, docs/fab.md "Per-pair analysis"):
// the analysis as `analysePair` answered it, its version and time, the fault points the pair names, and
// the figures SPC and yield read, taken from the analysis into columns. Checked before it is written
// like every record (a bad field is named: `analyses[2].analysis.dieYield.yield`).
import { type Issue, issue, zodIssues } from '@bondline/core';
import { z } from 'zod';
import { type PairAnalysis, pairAnalysisSchema } from '../analytics/pair/pair-analysis-schema.js';
import { jsonText } from './json-value.js';
import { PAIR_ANALYSIS_SPEC } from './method-table-specs.js';
import type { Row, SqlValue } from './record-rows.js';
import type { DbRow } from './row-decode.js';

/** What `writePairAnalyses` stores for a pair. */
export interface PairAnalysisRecord {
  readonly pairId: string;
  /** The analysis code's version (≥ 1): a newer one replaces the stored analysis, the same or older changes nothing. */
  readonly version: number;
  /** When it was computed, ms since the epoch. */
  readonly computedMs: number;
  /** The fault points the pair names (the tool's PairAlarms: alarming fault points active on the pair). */
  readonly faultPoints: readonly string[];
  readonly analysis: PairAnalysis;
}

/** Loss by cause: dies, or fractions of dies. */
export interface CauseFigures {
  readonly overlay: number;
  readonly void: number;
  readonly cu: number;
}

/** The figures of an analysis the store keeps as columns (null where that part could not be computed). */
export interface PairFigures {
  readonly dies: number | null;
  readonly goodDies: number | null;
  /** good / dies of the fab's die map. */
  readonly yield: number | null;
  /** The expectation behind the map (no draw noise). */
  readonly expectedYield: number | null;
  readonly lostDies: CauseFigures | null;
  readonly expectedLoss: CauseFigures | null;
  /** Of the robust fit (the plain one when the robust pass failed): nm, nm, µrad, ppm. */
  readonly txNm: number | null;
  readonly tyNm: number | null;
  readonly rotUrad: number | null;
  readonly magPpm: number | null;
  /** Residual |mean| + 3 sigma per axis, nm. */
  readonly residualXM3sNm: number | null;
  readonly residualYM3sNm: number | null;
  readonly voidCount: number | null;
  readonly voidAreaUm2: number | null;
  readonly issueCount: number;
}

/** A stored analysis: the record with its figures. */
export interface StoredPairAnalysis extends PairAnalysisRecord {
  readonly figures: PairFigures;
}

/** Analyses in one `writePairAnalyses` at most (one transaction). */
const MAX_ANALYSES_PER_WRITE = 1000;

const id = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s.trim() === s, { error: 'has leading or trailing spaces' });

const recordSchema = z
  .strictObject({
    pairId: id,
    version: z.int().min(1).max(0x7fffffff),
    computedMs: z.int().min(0).max(9_999_999_999_999),
    faultPoints: z.array(id).max(100),
    analysis: pairAnalysisSchema,
  })
  .refine((r) => r.analysis.pairId === r.pairId, {
    error: 'analysis.pairId differs from pairId',
    path: ['analysis', 'pairId'],
  });

/** The column figures of an analysis. */
export function pairFigures(a: PairAnalysis): PairFigures {
  const fit = a.overlay === null ? undefined : (a.overlay.robust ?? a.overlay.fit);
  const term = (name: string): number | null => fit?.terms[name]?.value ?? null;
  const d = a.dieYield;
  return {
    dies: d?.dies ?? null,
    goodDies: d?.good ?? null,
    yield: d?.yield ?? null,
    expectedYield: d?.expected.yield ?? null,
    lostDies: d === null ? null : { ...d.lostDies },
    expectedLoss: d === null ? null : { ...d.expected.lost },
    txNm: term('Tx'),
    tyNm: term('Ty'),
    rotUrad: term('Rot'),
    magPpm: term('Mag'),
    residualXM3sNm: fit?.residual.x.mean3sigma ?? null,
    residualYM3sNm: fit?.residual.y.mean3sigma ?? null,
    voidCount: a.voids?.count ?? null,
    voidAreaUm2: a.voids?.totalAreaUm2 ?? null,
    issueCount: a.issues.length,
  };
}

/** Check every analysis and build its row; any problem refuses the whole write (issues name `analyses[i]...`). */
export function pairAnalysisRows(records: readonly PairAnalysisRecord[]): {
  rows: Row[];
  issues: Issue<'invalid-record' | 'batch-too-large'>[];
} {
  if (records.length > MAX_ANALYSES_PER_WRITE) {
    const why = `${records.length} analyses in one write is more than ${MAX_ANALYSES_PER_WRITE}: split it`;
    return { rows: [], issues: [issue('batch-too-large', why, 'analyses')] };
  }
  const rows: Row[] = [];
  const issues: Issue<'invalid-record'>[] = [];
  records.forEach((r, index) => {
    const at = `analyses[${index}]`;
    const checked = recordSchema.safeParse(r);
    if (!checked.success) {
      for (const i of zodIssues(checked.error.issues).slice(0, 20)) {
        const path = i.path === undefined ? at : `${at}.${i.path}`;
        issues.push(issue('invalid-record', `${at}.${i.message}`, path));
      }
      return;
    }
    const faults = jsonText(r.faultPoints, `${at}.faultPoints`);
    const whole = jsonText(r.analysis, `${at}.analysis`);
    if (!faults.ok || !whole.ok) {
      for (const j of [faults, whole]) if (!j.ok) issues.push(j.issue);
      return;
    }
    const f = pairFigures(r.analysis);
    const values: SqlValue[] = [
      r.pairId,
      r.version,
      r.computedMs,
      f.dies,
      f.goodDies,
      f.yield,
      f.expectedYield,
      f.lostDies?.overlay ?? null,
      f.lostDies?.void ?? null,
      f.lostDies?.cu ?? null,
      f.expectedLoss?.overlay ?? null,
      f.expectedLoss?.void ?? null,
      f.expectedLoss?.cu ?? null,
      f.txNm,
      f.tyNm,
      f.rotUrad,
      f.magPpm,
      f.residualXM3sNm,
      f.residualYM3sNm,
      f.voidCount,
      f.voidAreaUm2,
      faults.text,
      r.faultPoints.length,
      f.issueCount,
      whole.text,
    ];
    rows.push({ spec: PAIR_ANALYSIS_SPEC, index, values });
  });
  return issues.length > 0 ? { rows: [], issues: issues.slice(0, 100) } : { rows, issues: [] };
}

function numOrNull(row: DbRow, col: string): number | null {
  const v = row[col];
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  throw new TypeError(`column ${col}: expected a number from the store, got ${typeof v}`);
}

function num(row: DbRow, col: string): number {
  const v = numOrNull(row, col);
  if (v === null) throw new TypeError(`column ${col}: NULL from the store`);
  return v;
}

function jsonCol(row: DbRow, col: string): unknown {
  const v = row[col];
  if (typeof v !== 'string') throw new TypeError(`column ${col}: expected JSON text from the store`);
  return JSON.parse(v);
}

function causes(row: DbRow, prefix: string): CauseFigures | null {
  const o = numOrNull(row, `${prefix}overlay`);
  const v = numOrNull(row, `${prefix}void`);
  const c = numOrNull(row, `${prefix}cu`);
  return o === null || v === null || c === null ? null : { overlay: o, void: v, cu: c };
}

/** A `pair_analyses` row back as a stored analysis. */
export function pairAnalysisFromRow(row: DbRow): StoredPairAnalysis {
  const pairId = row.pair_id;
  if (typeof pairId !== 'string') throw new TypeError('column pair_id: expected text from the store');
  const faults = jsonCol(row, 'fault_points');
  if (!Array.isArray(faults) || !faults.every((f) => typeof f === 'string'))
    throw new TypeError('column fault_points: expected a JSON array of text');
  return {
    pairId,
    version: num(row, 'analysis_version'),
    computedMs: num(row, 'computed_ms'),
    faultPoints: faults,
    // Written only after pairAnalysisSchema accepted it.
    analysis: jsonCol(row, 'analysis') as PairAnalysis,
    figures: {
      dies: numOrNull(row, 'dies'),
      goodDies: numOrNull(row, 'good_dies'),
      yield: numOrNull(row, 'yield'),
      expectedYield: numOrNull(row, 'expected_yield'),
      lostDies: causes(row, 'lost_'),
      expectedLoss: causes(row, 'expected_loss_'),
      txNm: numOrNull(row, 'tx_nm'),
      tyNm: numOrNull(row, 'ty_nm'),
      rotUrad: numOrNull(row, 'rot_urad'),
      magPpm: numOrNull(row, 'mag_ppm'),
      residualXM3sNm: numOrNull(row, 'residual_x_m3s_nm'),
      residualYM3sNm: numOrNull(row, 'residual_y_m3s_nm'),
      voidCount: numOrNull(row, 'void_count'),
      voidAreaUm2: numOrNull(row, 'void_area_um2'),
      issueCount: num(row, 'issue_count'),
    },
  };
}
