/**
 * Weights of the Keys cubic convolution kernel (a = -0.5; R. Keys, IEEE Trans.
 * ASSP 29(6), 1981) for the four taps at offsets -1, 0, 1, 2 around a sample
 * at fractional position `f` in [0, 1). The kernel reproduces quadratics, so
 * a smooth (blurred) image is interpolated to third order.
 */
export function keysWeights(f: number, out: Float64Array): void {
  const a = -0.5;
  const t1 = f + 1;
  const t0 = f;
  const u1 = 1 - f;
  const u2 = 2 - f;
  out[0] = a * t1 * t1 * t1 - 5 * a * t1 * t1 + 8 * a * t1 - 4 * a;
  out[1] = (a + 2) * t0 * t0 * t0 - (a + 3) * t0 * t0 + 1;
  out[2] = (a + 2) * u1 * u1 * u1 - (a + 3) * u1 * u1 + 1;
  out[3] = a * u2 * u2 * u2 - 5 * a * u2 * u2 + 8 * a * u2 - 4 * a;
}

/**
 * Resample the `width` x `height` block of `src` (row stride `stride`) whose
 * top-left sample sits at the real position (x, y): out[v][u] = src(x + u, y + v),
 * by separable cubic interpolation. Every output shares the same fractional
 * offset, so each axis is one 4-tap filter. The caller guarantees one pixel of
 * margin left/top and two right/bottom around the block. `tmp` holds
 * (height + 3) * width values.
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
  keysWeights(x - ix, wx);
  keysWeights(y - iy, wy);
  const w0 = wx[0]!;
  const w1 = wx[1]!;
  const w2 = wx[2]!;
  const w3 = wx[3]!;
  for (let r = 0; r < height + 3; r++) {
    const s = (iy - 1 + r) * stride + ix - 1;
    const t = r * width;
    for (let u = 0; u < width; u++) {
      const k = s + u;
      tmp[t + u] = w0 * src[k]! + w1 * src[k + 1]! + w2 * src[k + 2]! + w3 * src[k + 3]!;
    }
  }
  const v0 = wy[0]!;
  const v1 = wy[1]!;
  const v2 = wy[2]!;
  const v3 = wy[3]!;
  for (let v = 0; v < height; v++) {
    const t = v * width;
    const o = v * width;
    for (let u = 0; u < width; u++) {
      const k = t + u;
      out[o + u] = v0 * tmp[k]! + v1 * tmp[k + width]! + v2 * tmp[k + 2 * width]! + v3 * tmp[k + 3 * width]!;
    }
  }
}
