/**
 * |mean| + 3 sigma of overlay values (nm), the usual overlay specification figure, with the sample
 * standard deviation (n - 1), as @bondline/align's residual statistics define it; 0 for no values and
 * |value| for one.
 */
export function mean3Sigma(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n === 1) return Math.abs(mean);
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.abs(mean) + 3 * Math.sqrt(ss / (n - 1));
}
