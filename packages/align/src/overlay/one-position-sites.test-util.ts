// Sites that all share one wafer position (X, Y), 200 to a row of the field: the shape that made the
// duplicate check cubic (4 000 took two minutes, 20 000 hours). Read by overlay/fit-wafer.test.ts (what
// the fit gives) and bench/fit.bench.ts (how long it takes).
import type { OverlaySite } from './site.js';

/** `n` sites of wafer S at X = 1000, Y = 2000 µm, each at its own field position; line i + 2. */
export function sitesAtOnePosition(n: number): (OverlaySite & { field: string; x: number; y: number })[] {
  return Array.from({ length: n }, (_, i) => ({
    wafer: 'S',
    X: 1000,
    Y: 2000,
    field: 'F',
    x: i % 200,
    y: Math.floor(i / 200),
    dx: 1,
    dy: 1,
    line: i + 2,
  }));
}
