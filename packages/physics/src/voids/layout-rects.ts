import type { PadLayout } from '../geometry/pad-layout.js';
import type { Rect } from './rect.js';

/**
 * The die-local pad-centre rectangles (µm) a void must reach to kill the die:
 * every pad-bearing region, critical or redundant (`layout.critical`), since a
 * void covers all neighbouring copies of a redundant logical pad at once
 * (voids are tens of µm and larger; copies sit a pitch apart).
 */
export function voidTargetRects(layout: PadLayout): readonly Rect[] {
  return layout.critical;
}
