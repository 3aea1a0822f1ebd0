/**
 * Map a point of the top wafer's own layout to bonded coordinates (µm): the
 * top wafer is face down, so (x, y) lands at (-x, y) (docs/physics.md §1).
 * The map is its own inverse.
 */
export function mirrorTopToBonded(x: number, y: number): { x: number; y: number } {
  return { x: -x, y };
}

/** Mirror x coordinates of many top-wafer points in place (µm); returns the same array. */
export function mirrorTopXInPlace(xs: Float64Array): Float64Array {
  for (let i = 0; i < xs.length; i++) xs[i] = -(xs[i] as number);
  return xs;
}
