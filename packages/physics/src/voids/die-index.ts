import type { BondParams } from '../params.js';
import type { Die } from '../results.js';

/**
 * Spatial index over the die grid: the dies sit on a regular grid of tiles
 * (W+s) x (L+s), so the tile of a point is found by division and the dies a
 * disc can touch are those of the tiles its bounding box covers. Cost per
 * query is independent of the die count and of the pad pitch.
 */
export interface DieIndex {
  /** Tile pitch (µm). */
  px: number;
  py: number;
  /** Centre of tile (col 0, row 0) (µm). */
  x0: number;
  y0: number;
  cols: number;
  rows: number;
  /** Die id per tile, row-major (row * cols + col); -1 where no die. */
  ids: Int32Array;
}

/** Build the index for the dies of a grid (as produced by the die grid of docs/physics.md §1). */
export function buildDieIndex(params: BondParams, dies: readonly Die[]): DieIndex {
  const px = params.die.W + params.die.s;
  const py = params.die.L + params.die.s;
  let cols = 0;
  let rows = 0;
  for (const d of dies) {
    cols = Math.max(cols, d.col + 1);
    rows = Math.max(rows, d.row + 1);
  }
  const first = dies[0];
  const x0 = first === undefined ? 0 : first.cx - first.col * px;
  const y0 = first === undefined ? 0 : first.cy - first.row * py;
  const ids = new Int32Array(cols * rows).fill(-1);
  for (let i = 0; i < dies.length; i++) {
    const d = dies[i] as Die;
    ids[d.row * cols + d.col] = i;
  }
  return { px, py, x0, y0, cols, rows, ids };
}

/** Column range [lo, hi] of tiles that overlap [xa, xb] (may be empty: lo > hi). */
export function colRange(ix: DieIndex, xa: number, xb: number): [number, number] {
  const lo = Math.max(0, Math.floor((xa - ix.x0) / ix.px + 0.5));
  const hi = Math.min(ix.cols - 1, Math.floor((xb - ix.x0) / ix.px + 0.5));
  return [lo, hi];
}

/** Row range [lo, hi] of tiles that overlap [ya, yb]. */
export function rowRange(ix: DieIndex, ya: number, yb: number): [number, number] {
  const lo = Math.max(0, Math.floor((ya - ix.y0) / ix.py + 0.5));
  const hi = Math.min(ix.rows - 1, Math.floor((yb - ix.y0) / ix.py + 0.5));
  return [lo, hi];
}
