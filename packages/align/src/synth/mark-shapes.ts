/** Alignment-mark shapes the generator can draw. */
export type MarkKind = 'cross' | 'box-in-box';

/** An axis-aligned rectangle in mark coordinates (px, origin at the mark centre), added with `sign`. */
export interface SignedRect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  sign: 1 | -1;
}

/**
 * A mark as a signed sum of rectangles, so blur and pixel integration (both
 * linear) can be done rectangle by rectangle and summed exactly.
 * - cross: two bars `sizePx` long and `linePx` wide; the doubly counted centre
 *   square is subtracted.
 * - box-in-box: an outer square frame of side `sizePx` and frame width `linePx`
 *   around a solid inner square of side `innerPx` (default 0.4 * sizePx).
 */
export function markRects(kind: MarkKind, sizePx: number, linePx: number, innerPx?: number): SignedRect[] {
  const h = sizePx / 2;
  const w = linePx / 2;
  if (!(linePx > 0) || !(sizePx > linePx)) {
    throw new RangeError(`mark size ${sizePx} px must exceed its line width ${linePx} px (> 0)`);
  }
  const sq = (half: number, sign: 1 | -1): SignedRect => ({ x0: -half, x1: half, y0: -half, y1: half, sign });
  if (kind === 'cross') {
    return [{ x0: -h, x1: h, y0: -w, y1: w, sign: 1 }, { x0: -w, x1: w, y0: -h, y1: h, sign: 1 }, sq(w, -1)];
  }
  const inner = innerPx ?? 0.4 * sizePx;
  const hole = sizePx - 2 * linePx;
  if (!(inner > 0) || !(inner < hole)) {
    throw new RangeError(`box-in-box inner square ${inner} px must fit inside the frame hole ${hole} px`);
  }
  return [sq(h, 1), sq(hole / 2, -1), sq(inner / 2, 1)];
}
