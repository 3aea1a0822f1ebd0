import type { GreyImage } from '../image/grey-image.js';

/**
 * What the Gauss-Newton steps need of the template alone, computed once per
 * template: its samples, its gradients (the shift Jacobian) and the sums of
 * the normal equations that involve only them.
 */
export interface TemplateSums {
  width: number;
  height: number;
  t: Float64Array;
  gx: Float64Array;
  gy: Float64Array;
  sT: number;
  sTT: number;
  sGx: number;
  sGy: number;
  sGxGx: number;
  sGxGy: number;
  sGyGy: number;
  sGxT: number;
  sGyT: number;
}

/** Template gradients (px⁻¹, central differences, one-sided at the border) and sums; at least 3x3. */
export function templateSums(template: GreyImage): TemplateSums {
  const { width: w, height: h, data } = template;
  if (w < 3 || h < 3) throw new RangeError(`template must be at least 3x3, got ${w}x${h}`);
  const gx = new Float64Array(w * h);
  const gy = new Float64Array(w * h);
  // The Jacobian only steers the iteration: the fixed point (zero residual for a
  // noise-free match) does not depend on it.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const xl = x > 0 ? i - 1 : i;
      const xr = x < w - 1 ? i + 1 : i;
      const yu = y > 0 ? i - w : i;
      const yd = y < h - 1 ? i + w : i;
      gx[i] = (data[xr]! - data[xl]!) / (x > 0 && x < w - 1 ? 2 : 1);
      gy[i] = (data[yd]! - data[yu]!) / (y > 0 && y < h - 1 ? 2 : 1);
    }
  }
  const s: TemplateSums = {
    width: w,
    height: h,
    t: data,
    gx,
    gy,
    sT: 0,
    sTT: 0,
    sGx: 0,
    sGy: 0,
    sGxGx: 0,
    sGxGy: 0,
    sGyGy: 0,
    sGxT: 0,
    sGyT: 0,
  };
  for (let i = 0; i < w * h; i++) {
    const t = data[i]!;
    const a = gx[i]!;
    const b = gy[i]!;
    s.sT += t;
    s.sTT += t * t;
    s.sGx += a;
    s.sGy += b;
    s.sGxGx += a * a;
    s.sGxGy += a * b;
    s.sGyGy += b * b;
    s.sGxT += a * t;
    s.sGyT += b * t;
  }
  return s;
}
