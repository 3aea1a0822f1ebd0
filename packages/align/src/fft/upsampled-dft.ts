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
 * small neighbourhood is ever upsampled.
 */
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
  const halfCols = cols / 2 + 1;
  // Stage 1: A[ky][j] = sum_kx w S[ky][kx] e^{2 pi i kx x_j / cols}
  const aRe = new Float64Array(rows * nCols);
  const aIm = new Float64Array(rows * nCols);
  const cx = new Float64Array((halfCols - 1) * nCols);
  const sx = new Float64Array((halfCols - 1) * nCols);
  for (let kx = 0; kx < halfCols - 1; kx++) {
    const w = kx === 0 ? 1 : 2;
    for (let j = 0; j < nCols; j++) {
      const a = (2 * Math.PI * kx * (x0 + j / factor)) / cols;
      cx[kx * nCols + j] = w * Math.cos(a);
      sx[kx * nCols + j] = w * Math.sin(a);
    }
  }
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
    const kc = ky < rows / 2 ? ky : ky - rows;
    const ab = ky * nCols;
    for (let i = 0; i < nRows; i++) {
      const a = (2 * Math.PI * kc * (y0 + i / factor)) / rows;
      const c = Math.cos(a);
      const s = Math.sin(a);
      const ob = i * nCols;
      for (let j = 0; j < nCols; j++) out[ob + j] = out[ob + j]! + c * aRe[ab + j]! - s * aIm[ab + j]!;
    }
  }
  return out;
}
