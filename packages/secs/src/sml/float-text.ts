// Decimal text for floats that parses back to exactly the same value.

/** Shortest text for a double that round-trips (JS Number#toString is shortest-round-trip); keeps -0. */
export function f8Text(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  if (x === 0 && Object.is(x, -0)) return '-0';
  return String(x);
}

/**
 * Shortest text for a single-precision value that rounds back to it: 9 significant digits always
 * suffice for binary32, so try 1..9 and keep the first that Math.fround maps back exactly.
 */
export function f4Text(x: number): string {
  if (!Number.isFinite(x) || x === 0) return f8Text(x);
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}
