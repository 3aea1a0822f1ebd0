/**
 * A fraction (0..1) as a percentage for tables and summaries, one decimal; a yield that lost
 * something never shows as 100.0 (0.9997 is '99.97', not '100.0'). 'n/a' for a value that is not finite.
 */
export function percent(f: number): string {
  if (!Number.isFinite(f)) return 'n/a';
  const p = 100 * f;
  const one = p.toFixed(1);
  return p < 100 && one === '100.0' ? p.toFixed(2) : one;
}
