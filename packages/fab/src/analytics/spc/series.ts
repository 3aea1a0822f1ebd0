// A chart's series as the charts plot it: the location statistic of each point (the value, or the
// subgroup mean) and its dispersion statistic (moving range |xᵢ − xᵢ₋₁|, subgroup range, or
// subgroup standard deviation with n − 1), checked once at the boundary.
import { fail, issue, ok, type Result } from '@bondline/core';
import { type ChartSettings, isSubgrouped } from './chart-settings.js';

/** Individual values (I-MR, EWMA, CUSUM) or subgroups of equal size (X-bar R, X-bar S). */
export type SpcSeries = ArrayLike<number> | readonly (readonly number[])[];

export type SeriesIssueCode = 'wrong-series' | 'not-finite' | 'subgroup-size';

/** The plotted statistics of a series, index for index. */
export interface PlottedSeries {
  /** Individual values or subgroup means. */
  readonly location: Float64Array;
  /** Moving ranges (NaN at index 0), subgroup ranges or subgroup standard deviations. */
  readonly dispersion: Float64Array;
}

/** Check a series against its chart's kind and compute what the chart plots. */
export function plotSeries(
  settings: ChartSettings,
  series: SpcSeries,
): Result<PlottedSeries, SeriesIssueCode> {
  const n = series.length;
  const location = new Float64Array(n);
  const dispersion = new Float64Array(n);
  if (isSubgrouped(settings)) {
    const size = settings.subgroupSize;
    for (let i = 0; i < n; i++) {
      const g = series[i];
      if (!Array.isArray(g)) {
        return fail(
          issue(
            'wrong-series',
            `series[${i}]: a ${settings.kind} chart needs subgroups (lists of numbers)`,
            `series[${i}]`,
          ),
        );
      }
      if (g.length !== size) {
        return fail(
          issue(
            'subgroup-size',
            `series[${i}]: has ${g.length} values; the chart's subgroup size is ${size}`,
            `series[${i}]`,
          ),
        );
      }
      let sum = 0;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < size; j++) {
        const x: unknown = g[j];
        if (typeof x !== 'number' || !Number.isFinite(x)) {
          return fail(
            issue(
              'not-finite',
              `series[${i}][${j}]: ${String(x)} is not a finite number`,
              `series[${i}][${j}]`,
            ),
          );
        }
        sum += x;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      const mean = sum / size;
      location[i] = mean;
      if (settings.kind === 'xbar-r') dispersion[i] = hi - lo;
      else {
        let ss = 0;
        for (let j = 0; j < size; j++) ss += ((g[j] as number) - mean) ** 2;
        dispersion[i] = Math.sqrt(ss / (size - 1));
      }
    }
    return ok({ location, dispersion });
  }
  for (let i = 0; i < n; i++) {
    const x: unknown = series[i];
    if (typeof x !== 'number') {
      return fail(
        issue(
          'wrong-series',
          `series[${i}]: a ${settings.kind} chart needs individual numbers`,
          `series[${i}]`,
        ),
      );
    }
    if (!Number.isFinite(x))
      return fail(issue('not-finite', `series[${i}]: ${x} is not a finite number`, `series[${i}]`));
    location[i] = x;
    dispersion[i] = i === 0 ? Number.NaN : Math.abs(x - (location[i - 1] as number));
  }
  return ok({ location, dispersion });
}
