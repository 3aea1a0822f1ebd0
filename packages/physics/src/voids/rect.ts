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

/**
 * Parameter interval [tauA, tauB] of the line (px, py) + tau*(ux, uy), |u| = 1,
 * over which the line lies within distance `delta` of the rectangle (the
 * rectangle grown by a disc of radius delta is convex, so this is one interval),
 * written to `out`; returns false when the line misses it. Allocation-free:
 * it runs in the inner loop of the void integrals.
 */
export function lineNearRectInto(
  r: Rect,
  px: number,
  py: number,
  ux: number,
  uy: number,
  delta: number,
  out: Float64Array,
): boolean {
  let a = Number.POSITIVE_INFINITY;
  let b = Number.NEGATIVE_INFINITY;
  // the two crosses of the rounded rectangle: [x0-d, x1+d] x [y0, y1] and [x0, x1] x [y0-d, y1+d]
  for (let k = 0; k < 2; k++) {
    const gx = k === 0 ? delta : 0;
    const gy = k === 0 ? 0 : delta;
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    if (ux === 0) {
      if (px < r.x0 - gx || px > r.x1 + gx) continue;
    } else {
      const t0 = (r.x0 - gx - px) / ux;
      const t1 = (r.x1 + gx - px) / ux;
      lo = Math.min(t0, t1);
      hi = Math.max(t0, t1);
    }
    if (uy === 0) {
      if (py < r.y0 - gy || py > r.y1 + gy) continue;
    } else {
      const t0 = (r.y0 - gy - py) / uy;
      const t1 = (r.y1 + gy - py) / uy;
      lo = Math.max(lo, Math.min(t0, t1));
      hi = Math.min(hi, Math.max(t0, t1));
    }
    if (lo <= hi) {
      if (lo < a) a = lo;
      if (hi > b) b = hi;
    }
  }
  // the four corner discs
  for (let k = 0; k < 4; k++) {
    const wx = px - (k & 1 ? r.x1 : r.x0);
    const wy = py - (k & 2 ? r.y1 : r.y0);
    const bh = wx * ux + wy * uy;
    const disc = bh * bh - (wx * wx + wy * wy - delta * delta);
    if (disc >= 0) {
      const sq = Math.sqrt(disc);
      if (-bh - sq < a) a = -bh - sq;
      if (-bh + sq > b) b = -bh + sq;
    }
  }
  if (!(a <= b)) return false;
  out[0] = a;
  out[1] = b;
  return true;
}

const scratch = new Float64Array(2);

/** As lineNearRectInto, returning [tauA, tauB] or null (convenient outside inner loops). */
export function lineNearRect(
  r: Rect,
  px: number,
  py: number,
  ux: number,
  uy: number,
  delta: number,
): [number, number] | null {
  return lineNearRectInto(r, px, py, ux, uy, delta, scratch)
    ? [scratch[0] as number, scratch[1] as number]
    : null;
}
