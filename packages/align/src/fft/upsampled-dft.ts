/**
 * Inverse DFT of a Hermitian half spectrum evaluated on a fine grid around one
 * point, by two small matrix products (Guizar-Sicairos, Thurman & Fienup,
 * "Efficient subpixel image registration algorithms", Opt. Lett. 33(2), 2008):
 *
 *   out[i][j] = Re sum_ky sum_kx w(kx) S[ky][kx] exp(2 pi i (ky y_i / rows + kx x_j / cols))
 *
 * with y_i = y0 + i / factor, x_j = x0 + j / factor (pixels), frequencies taken
 * centred (ky in -rows/2 .. rows/2 - 1), w = 1 at kx = 0 and 2 for the other kept
 * columns so the half spectrum stands for the whole. The Nyquist column and row
 * are left out: their phase is ambiguous for a sub-pixel shift. Cost
 * rows * halfCols * nCols + nRows * rows * nCols complex products, so only a
 * small neighbourhood is ever upsampled. The two kernel matrices depend only
 * on the grid, so they are built once and reused for every spectrum.
 */
export class UpsampledDft {
  readonly nRows: number;
  readonly nCols: number;
  private readonly rows: number;
  private readonly halfCols: number;
  private readonly cx: Float64Array;
  private readonly sx: Float64Array;
  private readonly cy: Float64Array;
  private readonly sy: Float64Array;
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;

  constructor(
    rows: number,
    cols: number,
    y0: number,
    x0: number,
    nRows: number,
    nCols: number,
    factor: number,
  ) {
    this.rows = rows;
    this.halfCols = cols / 2 + 1;
    this.nRows = nRows;
    this.nCols = nCols;
    const kxs = this.halfCols - 1;
    this.cx = new Float64Array(kxs * nCols);
    this.sx = new Float64Array(kxs * nCols);
    for (let kx = 0; kx < kxs; kx++) {
      const w = kx === 0 ? 1 : 2;
      for (let j = 0; j < nCols; j++) {
        const a = (2 * Math.PI * kx * (x0 + j / factor)) / cols;
        this.cx[kx * nCols + j] = w * Math.cos(a);
        this.sx[kx * nCols + j] = w * Math.sin(a);
      }
    }
    this.cy = new Float64Array(rows * nRows);
    this.sy = new Float64Array(rows * nRows);
    for (let ky = 0; ky < rows; ky++) {
      const kc = ky < rows / 2 ? ky : ky - rows;
      for (let i = 0; i < nRows; i++) {
        const a = (2 * Math.PI * kc * (y0 + i / factor)) / rows;
        this.cy[ky * nRows + i] = ky === rows / 2 ? 0 : Math.cos(a);
        this.sy[ky * nRows + i] = ky === rows / 2 ? 0 : Math.sin(a);
      }
    }
    this.aRe = new Float64Array(rows * nCols);
    this.aIm = new Float64Array(rows * nCols);
  }

  /** Evaluate for the half spectrum (`specRe`, `specIm`) into `out` (nRows x nCols, row-major). */
  apply(
    specRe: Float64Array,
    specIm: Float64Array,
    out: Float64Array = new Float64Array(this.nRows * this.nCols),
  ) {
    const { rows, halfCols, nRows, nCols, cx, sx, cy, sy, aRe, aIm } = this;
    aRe.fill(0);
    aIm.fill(0);
    // Stage 1: A[ky][j] = sum_kx w S[ky][kx] e^{2 pi i kx x_j / cols}
    for (let ky = 0; ky < rows; ky++) {
      if (ky === rows / 2) continue;
      const base = ky * halfCols;
      const ab = ky * nCols;
      for (let kx = 0; kx < halfCols - 1; kx++) {
        const sr = specRe[base + kx]!;
        const si = specIm[base + kx]!;
        const kb = kx * nCols;
        for (let j = 0; j < nCols; j++) {
          const c = cx[kb + j]!;
          const s = sx[kb + j]!;
          aRe[ab + j] = aRe[ab + j]! + sr * c - si * s;
          aIm[ab + j] = aIm[ab + j]! + sr * s + si * c;
        }
      }
    }
    // Stage 2: out[i][j] = Re sum_ky e^{2 pi i ky' y_i / rows} A[ky][j], ky' centred.
    out.fill(0, 0, nRows * nCols);
    for (let ky = 0; ky < rows; ky++) {
      if (ky === rows / 2) continue;
      const ab = ky * nCols;
      for (let i = 0; i < nRows; i++) {
        const c = cy[ky * nRows + i]!;
        const s = sy[ky * nRows + i]!;
        const ob = i * nCols;
        for (let j = 0; j < nCols; j++) out[ob + j] = out[ob + j]! + c * aRe[ab + j]! - s * aIm[ab + j]!;
      }
    }
    return out;
  }
}

/** One-off form of `UpsampledDft` (builds the kernels for this call). */
export function upsampledDft(
  specRe: Float64Array,
  specIm: Float64Array,
  rows: number,
  cols: number,
  y0: number,
  x0: number,
  nRows: number,
  nCols: number,
  factor: number,
  out: Float64Array = new Float64Array(nRows * nCols),
): Float64Array {
  return new UpsampledDft(rows, cols, y0, x0, nRows, nCols, factor).apply(specRe, specIm, out);
}
