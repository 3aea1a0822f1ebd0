import type { PadLayout } from '../geometry/pad-layout.js';
import type { Rect } from './rect.js';

/**
 * The die-local pad-centre rectangles (µm) a void must reach to kill the die:
 * every pad-bearing region, critical or redundant, since a void covers all
 * neighbouring copies of a redundant logical pad at once (voids are tens of
 * µm and larger; copies sit a pitch apart).
 */
export function voidTargetRects(layout: PadLayout): Rect[] {
  return layout.regions.map((r) => ({ x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 }));
}
