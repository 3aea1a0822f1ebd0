/** An axis-aligned rectangle [x0, x1] x [y0, y1] (µm). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Euclidean distance (µm) from the point (px, py) to the rectangle; 0 inside. */
export function rectDistance(r: Rect, px: number, py: number): number {
  const dx = px < r.x0 ? r.x0 - px : px > r.x1 ? px - r.x1 : 0;
  const dy = py < r.y0 ? r.y0 - py : py > r.y1 ? py - r.y1 : 0;
  return dx === 0 ? dy : dy === 0 ? dx : Math.sqrt(dx * dx + dy * dy);
}

/** Smallest distance (µm) from (px, py) to any of the rectangles (Infinity for none). */
export function rectsDistance(rects: readonly Rect[], px: number, py: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const r of rects) {
    const d = rectDistance(r, px, py);
    if (d < best) best = d;
  }
  return best;
}

/** Bounding box of a non-empty list of rectangles. */
export function boundingRect(rects: readonly Rect[]): Rect {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    x0 = Math.min(x0, r.x0);
    y0 = Math.min(y0, r.y0);
    x1 = Math.max(x1, r.x1);
    y1 = Math.max(y1, r.y1);
  }
  return { x0, y0, x1, y1 };
}

/** Clip the parameter range [lo, hi] of the line p + tau*u against the slab a <= p + tau*u <= b. */
function clipSlab(p: number, u: number, a: number, b: number, lo: number, hi: number): [number, number] {
  if (u === 0) return p >= a && p <= b ? [lo, hi] : [1, 0];
  let ta = (a - p) / u;
  let tb = (b - p) / u;
  if (ta > tb) [ta, tb] = [tb, ta];
  return [Math.max(lo, ta), Math.min(hi, tb)];
}

/**
 * Parameter interval [tauA, tauB] of the line (px, py) + tau*(ux, uy), |u| = 1,
 * over which the line lies within distance `delta` of the rectangle (the
 * rectangle grown by a disc of radius delta is convex, so this is one interval),
 * or null when the line misses it.
 */
export function lineNearRect(
  r: Rect,
  px: number,
  py: number,
  ux: number,
  uy: number,
  delta: number,
): [number, number] | null {
  let a = Number.POSITIVE_INFINITY;
  let b = Number.NEGATIVE_INFINITY;
  const big = 1e300;
  const take = (lo: number, hi: number) => {
    if (lo <= hi) {
      if (lo < a) a = lo;
      if (hi > b) b = hi;
    }
  };
  // the two crosses of the rounded rectangle
  let [lo, hi] = clipSlab(px, ux, r.x0 - delta, r.x1 + delta, -big, big);
  [lo, hi] = clipSlab(py, uy, r.y0, r.y1, lo, hi);
  take(lo, hi);
  [lo, hi] = clipSlab(px, ux, r.x0, r.x1, -big, big);
  [lo, hi] = clipSlab(py, uy, r.y0 - delta, r.y1 + delta, lo, hi);
  take(lo, hi);
  // the four corner discs
  for (const cx of [r.x0, r.x1]) {
    for (const cy of [r.y0, r.y1]) {
      const wx = px - cx;
      const wy = py - cy;
      const bh = wx * ux + wy * uy;
      const c = wx * wx + wy * wy - delta * delta;
      const disc = bh * bh - c;
      if (disc >= 0) {
        const sq = Math.sqrt(disc);
        take(-bh - sq, -bh + sq);
      }
    }
  }
  return a <= b ? [a, b] : null;
}
