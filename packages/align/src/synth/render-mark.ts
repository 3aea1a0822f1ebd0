import { createGreyImage, type GreyImage } from '../image/grey-image.js';
import { SeededRandom } from '../random/seeded-random.js';
import { type MarkKind, markRects, type SignedRect } from './mark-shapes.js';
import { normalCdf, normalCdfIntegral } from './normal-cdf.js';

/** What to draw; every length in pixels. */
export interface MarkImageOptions {
  width: number;
  height: number;
  kind: MarkKind;
  /** Overall extent: cross tip to tip, or outer box side. */
  sizePx: number;
  /** Bar width (cross) or frame width (box-in-box). */
  linePx: number;
  /** Inner box side for box-in-box (default 0.4 * sizePx). */
  innerPx?: number;
  /** Mark centre relative to the image centre ((width-1)/2, (height-1)/2), x right, y down. */
  shiftX?: number;
  shiftY?: number;
  /** Rotation of the mark about its centre, degrees, clockwise on screen (y down). */
  rotationDeg?: number;
  /** Gaussian blur (optics), sigma in px; 0 = sharp. */
  blurPx?: number;
  /** Reflectance of the background and of the mark is background + contrast (may be negative: dark mark). */
  background?: number;
  contrast?: number;
  /** Illumination falls linearly across the field: factor 1 + gx (x - cx) + gy (y - cy), per px. */
  gradientX?: number;
  gradientY?: number;
  /** Additive Gaussian noise, sigma as a fraction of |contrast|. */
  noise?: number;
  seed?: number;
  /** Sub-samples per pixel side for rotated marks (default 8). */
  supersample?: number;
}

/**
 * Render a synthetic alignment-mark image. Without rotation each pixel is the
 * exact area integral of the Gaussian-blurred mark (erf-integral per
 * rectangle edge, separable in x and y), so a sub-pixel shift is represented
 * to rounding error. With rotation the blurred mark is evaluated in closed form
 * at `supersample`^2 points per pixel and averaged (midpoint quadrature:
 * within 1.5e-4 of contrast of the exact integral at blur 1.5 px and the
 * default 8x8; error falls as 1/supersample^2; plain area sampling for sharp marks).
 * Noise is drawn from `seed`, so the same options give the same image.
 */
export function renderMarkImage(o: MarkImageOptions): GreyImage {
  const img = createGreyImage(o.width, o.height);
  const cx = (o.width - 1) / 2;
  const cy = (o.height - 1) / 2;
  const mx = cx + (o.shiftX ?? 0);
  const my = cy + (o.shiftY ?? 0);
  const blur = o.blurPx ?? 0;
  if (!(blur >= 0)) throw new RangeError(`blurPx must be >= 0, got ${blur}`);
  const rects = markRects(o.kind, o.sizePx, o.linePx, o.innerPx);
  const coverage =
    (o.rotationDeg ?? 0) === 0
      ? axisAlignedCoverage(o.width, o.height, mx, my, blur, rects)
      : rotatedCoverage(o.width, o.height, mx, my, blur, rects, o.rotationDeg ?? 0, o.supersample ?? 8);
  const background = o.background ?? 0.2;
  const contrast = o.contrast ?? 0.6;
  const gx = o.gradientX ?? 0;
  const gy = o.gradientY ?? 0;
  const noiseSigma = (o.noise ?? 0) * Math.abs(contrast);
  const rng = new SeededRandom(o.seed ?? 1);
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      const i = y * o.width + x;
      const illumination = 1 + gx * (x - cx) + gy * (y - cy);
      let v = illumination * (background + contrast * coverage[i]!);
      if (noiseSigma > 0) v += noiseSigma * rng.nextGaussian();
      img.data[i] = v;
    }
  }
  return img;
}

/** Integral over [a, b] of the blurred indicator of [e0, e1] (1-D, px). */
function blurredBoxIntegral(a: number, b: number, e0: number, e1: number, blur: number): number {
  if (blur === 0) return Math.max(0, Math.min(b, e1) - Math.max(a, e0));
  // integral_a^b Phi((e - x)/s) dx = s [Psi((e - a)/s) - Psi((e - b)/s)]
  const edge = (e: number) => blur * (normalCdfIntegral((e - a) / blur) - normalCdfIntegral((e - b) / blur));
  return edge(e1) - edge(e0);
}

function axisAlignedCoverage(
  width: number,
  height: number,
  mx: number,
  my: number,
  blur: number,
  rects: SignedRect[],
): Float64Array {
  const cov = new Float64Array(width * height);
  const fx = new Float64Array(width);
  const fy = new Float64Array(height);
  for (const r of rects) {
    for (let x = 0; x < width; x++) fx[x] = blurredBoxIntegral(x - 0.5, x + 0.5, mx + r.x0, mx + r.x1, blur);
    for (let y = 0; y < height; y++)
      fy[y] = r.sign * blurredBoxIntegral(y - 0.5, y + 0.5, my + r.y0, my + r.y1, blur);
    for (let y = 0; y < height; y++) {
      const wy = fy[y]!;
      if (wy === 0) continue;
      for (let x = 0; x < width; x++) cov[y * width + x] = cov[y * width + x]! + wy * fx[x]!;
    }
  }
  return cov;
}

function rotatedCoverage(
  width: number,
  height: number,
  mx: number,
  my: number,
  blur: number,
  rects: SignedRect[],
  rotationDeg: number,
  n: number,
): Float64Array {
  const cov = new Float64Array(width * height);
  const t = (rotationDeg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  // Blurred indicator of [e0, e1] at u; the isotropic Gaussian commutes with rotation.
  const g = (u: number, e0: number, e1: number) =>
    blur === 0 ? (u >= e0 && u < e1 ? 1 : 0) : normalCdf((e1 - u) / blur) - normalCdf((e0 - u) / blur);
  const reach =
    Math.max(...rects.map((r) => Math.hypot(Math.max(-r.x0, r.x1), Math.max(-r.y0, r.y1)))) + 8 * blur + 2;
  const w = 1 / (n * n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.hypot(x - mx, y - my) > reach) continue;
      let acc = 0;
      for (let j = 0; j < n; j++) {
        const py = y - 0.5 + (j + 0.5) / n - my;
        for (let i = 0; i < n; i++) {
          const px = x - 0.5 + (i + 0.5) / n - mx;
          // Into the mark frame: rotate by -t.
          const u = c * px + s * py;
          const v = -s * px + c * py;
          for (const r of rects) acc += r.sign * g(u, r.x0, r.x1) * g(v, r.y0, r.y1);
        }
      }
      cov[y * width + x] = acc * w;
    }
  }
  return cov;
}
