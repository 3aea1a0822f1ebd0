import type { TraceSeries, TraceSummary } from './fdc-types.js';

/**
 * Summary statistics of one trace over one step: sample count, mean, max, min, the least-squares
 * slope against time (units per second; 0 with fewer than two distinct sample times) and the time
 * the trace spent above `threshold` (seconds), with the trace taken as linear between samples (a
 * segment that crosses the threshold counts the part above it; one sample alone spans no time).
 * Returns undefined for a trace without samples. Times must be ascending.
 */
export function summariseTrace(series: TraceSeries, threshold: number): TraceSummary | undefined {
  const { timesMs, values } = series;
  const n = Math.min(timesMs.length, values.length);
  if (n === 0) return undefined;
  const t0 = timesMs[0] ?? 0;
  let sum = 0;
  let sumT = 0;
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    sum += v;
    sumT += ((timesMs[i] ?? t0) - t0) / 1000;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const mean = sum / n;
  const meanT = sumT / n;
  let sxy = 0;
  let sxx = 0;
  let above = 0;
  for (let i = 0; i < n; i++) {
    const t = ((timesMs[i] ?? t0) - t0) / 1000;
    const v = values[i] ?? 0;
    sxy += (t - meanT) * (v - mean);
    sxx += (t - meanT) * (t - meanT);
    if (i + 1 < n)
      above += segmentAbove(t, v, ((timesMs[i + 1] ?? t0) - t0) / 1000, values[i + 1] ?? 0, threshold);
  }
  return { count: n, mean, max, min, slope: sxx > 0 ? sxy / sxx : 0, timeAboveS: above, threshold };
}

/** Seconds the line from (t0, v0) to (t1, v1) spends strictly above `th`. */
function segmentAbove(t0: number, v0: number, t1: number, v1: number, th: number): number {
  const dt = t1 - t0;
  if (dt <= 0) return 0;
  if (v0 > th && v1 > th) return dt;
  if (v0 <= th && v1 <= th) return 0;
  return v0 > th ? (dt * (v0 - th)) / (v0 - v1) : (dt * (v1 - th)) / (v1 - v0);
}
