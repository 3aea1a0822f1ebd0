// What a stored chart plots, from its rows (docs/fab.md §8.6). An individuals chart (I-MR, EWMA,
// CUSUM) plots each row. A subgrouped chart (X-bar R, X-bar S) keeps each pair's value as its own row,
// the observation (a `spc_points` row holds one value, migration 6), and plots each full run of `size`
// consecutive rows as one subgroup: chart point g is rows g·size .. g·size + size − 1, and the rows of
// the subgroup still filling wait. Its mean, range and standard deviation follow from the rows, so
// they are not stored twice; phases, baselines and violations count chart points (subgroups).
import { type ChartSettings, isSubgrouped } from '../spc/chart-settings.js';
import type { SpcSeries } from '../spc/series.js';

/** A chart's rows as read from the store, by row index. */
export interface SpcSeriesRead {
  readonly values: number[];
  readonly pairIds: (string | undefined)[];
  readonly atMs: number[];
}

/** The chart points of a series read. */
export interface ChartView {
  /** What the library judges: the values, or the full subgroups. */
  readonly series: SpcSeries;
  /** Chart points: rows, or full subgroups. */
  readonly length: number;
  /** Rows per chart point: 1, or the subgroup size. */
  readonly size: number;
}

/** The statistics of one subgroup (sd with n − 1, as the S chart plots it). */
export interface SubgroupStats {
  readonly mean: number;
  readonly range: number;
  readonly sd: number;
}

/** Rows per chart point of `settings`: the subgroup size, or 1. */
export function rowsPerPoint(settings: ChartSettings): number {
  return isSubgrouped(settings) ? settings.subgroupSize : 1;
}

/** The chart points of `values` (every row, or every full subgroup of consecutive rows). */
export function chartView(settings: ChartSettings, values: readonly number[]): ChartView {
  const size = rowsPerPoint(settings);
  if (size === 1) return { series: values, length: values.length, size };
  const groups: number[][] = [];
  for (let first = 0; first + size <= values.length; first += size)
    groups.push(values.slice(first, first + size));
  return { series: groups, length: groups.length, size };
}

export function subgroupStats(values: readonly number[]): SubgroupStats {
  const n = values.length;
  let sum = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of values) {
    sum += x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const mean = sum / n;
  let ss = 0;
  for (const x of values) ss += (x - mean) ** 2;
  return { mean, range: hi - lo, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

/**
 * The value a violation of chart point `index` reports: the row's value on an individuals chart; on a
 * subgrouped one the statistic of the part violated, the range (X-bar R) or standard deviation
 * (X-bar S) for the dispersion chart, the subgroup mean otherwise.
 */
export function pointValue(
  settings: ChartSettings,
  values: readonly number[],
  index: number,
  part: 'location' | 'dispersion' | 'ewma' | 'cusum',
): number {
  const size = rowsPerPoint(settings);
  if (size === 1) return values[index] ?? Number.NaN;
  const s = subgroupStats(values.slice(index * size, (index + 1) * size));
  if (part !== 'dispersion') return s.mean;
  return settings.kind === 'xbar-s' ? s.sd : s.range;
}
