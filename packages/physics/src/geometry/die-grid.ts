import type { BondParams } from '../params.js';
import type { Die } from '../results.js';

/**
 * The dies of a wafer (docs/physics.md §1): tiles of (W+s) x (L+s), n = floor(2R/(W+s)) + 1
 * a side (likewise in y), centres at (i - (n-1)/2)(W+s), symmetric about the wafer
 * centre; a die is kept when its four corners lie strictly inside Ru = R - e.
 * Ordered by row (minimum y first), then column. Coordinates in µm.
 */
export function dieGrid(params: BondParams): Die[] {
  const { R, e } = params.wafer;
  const { W, L, s } = params.die;
  if (!(W > 0 && L > 0 && s >= 0 && R > 0 && e >= 0)) {
    throw new RangeError(
      `dieGrid: need W, L, R > 0 and s, e >= 0 (got W=${W}, L=${L}, s=${s}, R=${R}, e=${e})`,
    );
  }
  const tx = W + s;
  const ty = L + s;
  const nx = Math.floor((2 * R) / tx) + 1;
  const ny = Math.floor((2 * R) / ty) + 1;
  const ru2 = (R - e) * (R - e);
  const dies: Die[] = [];
  for (let row = 0; row < ny; row++) {
    const cy = (row - (ny - 1) / 2) * ty;
    const yFar = Math.abs(cy) + L / 2;
    for (let col = 0; col < nx; col++) {
      const cx = (col - (nx - 1) / 2) * tx;
      const xFar = Math.abs(cx) + W / 2;
      // The farthest corner from the centre decides; all four are inside iff it is.
      if (xFar * xFar + yFar * yFar < ru2) dies.push({ id: dies.length, col, row, cx, cy });
    }
  }
  return dies;
}
