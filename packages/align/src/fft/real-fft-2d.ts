import { Fft } from './fft.js';

/**
 * 2-D FFT of real images on a `rows` x `cols` power-of-two grid, keeping only
 * the non-redundant half spectrum: `rows` x (`cols`/2 + 1) bins, row-major,
 * bin (ky, kx) at index `ky * halfCols + kx`. Two real rows share one complex
 * FFT (x + i y), which halves the row work; only half the columns are then
 * transformed. Buffers are allocated once; not re-entrant.
 */
export class RealFft2d {
  readonly rows: number;
  readonly cols: number;
  readonly halfCols: number;
  private readonly rowFft: Fft;
  private readonly colFft: Fft;
  private readonly bufRe: Float64Array;
  private readonly bufIm: Float64Array;

  constructor(rows: number, cols: number) {
    if (cols < 2) throw new RangeError(`RealFft2d needs at least 2 columns, got ${cols}`);
    this.rowFft = new Fft(cols);
    this.colFft = new Fft(rows);
    this.rows = rows;
    this.cols = cols;
    this.halfCols = cols / 2 + 1;
    this.bufRe = new Float64Array(cols);
    this.bufIm = new Float64Array(cols);
  }

  /** A zeroed half-spectrum pair of the right size. */
  allocSpectrum(): { re: Float64Array; im: Float64Array } {
    const n = this.rows * this.halfCols;
    return { re: new Float64Array(n), im: new Float64Array(n) };
  }

  /**
   * Forward transform of the `width` x `height` row-major real block `src`
   * (row stride `stride`, default `width`), zero-padded to the grid, into the
   * half spectrum (`outRe`, `outIm`).
   */
  forward(
    src: Float64Array,
    width: number,
    height: number,
    outRe: Float64Array,
    outIm: Float64Array,
    stride = width,
    srcOffset = 0,
  ): void {
    const { rows, cols, halfCols, bufRe, bufIm } = this;
    if (width > cols || height > rows) {
      throw new RangeError(`block ${width}x${height} does not fit the ${cols}x${rows} FFT grid`);
    }
    for (let r = 0; r < rows; r += 2) {
      const o0 = r * halfCols;
      const o1 = o0 + halfCols;
      if (r >= height) {
        outRe.fill(0, o0, o1 + halfCols);
        outIm.fill(0, o0, o1 + halfCols);
        continue;
      }
      const s0 = srcOffset + r * stride;
      const s1 = s0 + stride;
      const has1 = r + 1 < height;
      for (let m = 0; m < width; m++) {
        bufRe[m] = src[s0 + m]!;
        bufIm[m] = has1 ? src[s1 + m]! : 0;
      }
      bufRe.fill(0, width);
      bufIm.fill(0, width);
      this.rowFft.forward(bufRe, bufIm);
      // Split Z = FFT(x + i y) into X and Y using Hermitian symmetry.
      for (let k = 0; k < halfCols; k++) {
        const c = (cols - k) % cols;
        const a = bufRe[k]!;
        const b = bufIm[k]!;
        const cr = bufRe[c]!;
        const ci = bufIm[c]!;
        outRe[o0 + k] = 0.5 * (a + cr);
        outIm[o0 + k] = 0.5 * (b - ci);
        outRe[o1 + k] = 0.5 * (b + ci);
        outIm[o1 + k] = 0.5 * (cr - a);
      }
    }
    this.columns(outRe, outIm, false);
  }

  /**
   * Inverse transform of a half spectrum (destroyed: used as work space) to
   * the first `rowsNeeded` rows of the real result, scaled by 1/(rows*cols),
   * written row-major with stride `cols` into `out`.
   */
  inverse(specRe: Float64Array, specIm: Float64Array, out: Float64Array, rowsNeeded = this.rows): void {
    const { rows, cols, halfCols, bufRe, bufIm } = this;
    this.columns(specRe, specIm, true);
    const scale = 1 / (rows * cols);
    for (let r = 0; r < rowsNeeded; r += 2) {
      const o0 = r * halfCols;
      const o1 = o0 + halfCols;
      // Z = X + i Y, where X and Y are the (Hermitian) spectra of two real rows.
      for (let k = 0; k < halfCols; k++) {
        const xr = specRe[o0 + k]!;
        const xi = specIm[o0 + k]!;
        const yr = specRe[o1 + k]!;
        const yi = specIm[o1 + k]!;
        bufRe[k] = xr - yi;
        bufIm[k] = xi + yr;
        if (k > 0 && k < cols - k) {
          bufRe[cols - k] = xr + yi;
          bufIm[cols - k] = yr - xi;
        }
      }
      this.rowFft.inverse(bufRe, bufIm);
      const d0 = r * cols;
      for (let m = 0; m < cols; m++) out[d0 + m] = bufRe[m]! * scale;
      if (r + 1 < rowsNeeded) {
        const d1 = d0 + cols;
        for (let m = 0; m < cols; m++) out[d1 + m] = bufIm[m]! * scale;
      }
    }
  }

  private columns(re: Float64Array, im: Float64Array, inverse: boolean): void {
    this.colFft.transformColumns(re, im, this.halfCols, inverse ? 1 : -1);
  }
}
