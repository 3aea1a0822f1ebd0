/** Taps of the resampling kernel, at offsets -2 .. 3 around the sample's integer part. */
export const SHIFT_TAPS = 6;

/**
 * Weights of Keys' six-point cubic convolution kernel (R. Keys, "Cubic
 * convolution interpolation for digital image processing", IEEE Trans. ASSP
 * 29(6), 1981, eq. 36) for the taps at offsets -2 .. 3 around a sample at
 * fractional position `f` in [0, 1). It reproduces cubics (fourth-order
 * accurate), against the third order of the usual four-point kernel, which
 * cuts the resampling bias of a sub-pixel shift by about 4x on blurred marks.
 */
export function keys6Weights(f: number, out: Float64Array): void {
  for (let k = 0; k < 6; k++) out[k] = keys6(Math.abs(f - (k - 2)));
}

function keys6(s: number): number {
  if (s < 1) return ((4 / 3) * s - 7 / 3) * s * s + 1;
  if (s < 2) return ((-7 / 12) * s * s + 3 * s - 59 / 12) * s + 15 / 6;
  if (s < 3) return ((1 / 12) * s * s - (2 / 3) * s + 21 / 12) * s - 3 / 2;
  return 0;
}

/**
 * Resample the `width` x `height` block of `src` (row stride `stride`) whose
 * top-left sample sits at the real position (x, y): out[v][u] = src(x + u, y + v),
 * by separable six-point cubic interpolation. Every output shares the same
 * fractional offset, so each axis is one 6-tap filter. The caller guarantees
 * two pixels of margin left/top and three right/bottom around the block's
 * integer part. `tmp` holds (height + 5) * width values; `wx`, `wy` 6 each.
 */
export function cubicShiftBlock(
  src: Float64Array,
  stride: number,
  x: number,
  y: number,
  width: number,
  height: number,
  out: Float64Array,
  tmp: Float64Array,
  wx: Float64Array,
  wy: Float64Array,
): void {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  keys6Weights(x - ix, wx);
  keys6Weights(y - iy, wy);
  const [w0, w1, w2, w3, w4, w5] = wx as unknown as [number, number, number, number, number, number];
  for (let r = 0; r < height + 5; r++) {
    const s = (iy - 2 + r) * stride + ix - 2;
    const t = r * width;
    for (let u = 0; u < width; u++) {
      const k = s + u;
      tmp[t + u] =
        w0 * src[k]! +
        w1 * src[k + 1]! +
        w2 * src[k + 2]! +
        w3 * src[k + 3]! +
        w4 * src[k + 4]! +
        w5 * src[k + 5]!;
    }
  }
  const [v0, v1, v2, v3, v4, v5] = wy as unknown as [number, number, number, number, number, number];
  const w = width;
  for (let v = 0; v < height; v++) {
    const o = v * width;
    for (let u = 0; u < width; u++) {
      const k = o + u;
      out[o + u] =
        v0 * tmp[k]! +
        v1 * tmp[k + w]! +
        v2 * tmp[k + 2 * w]! +
        v3 * tmp[k + 3 * w]! +
        v4 * tmp[k + 4 * w]! +
        v5 * tmp[k + 5 * w]!;
    }
  }
}
