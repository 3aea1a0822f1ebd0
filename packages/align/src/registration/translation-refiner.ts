import type { GreyImage } from '../image/grey-image.js';
import { cubicShiftBlock, SHIFT_TAPS } from './cubic-shift.js';
import { invertMatrix } from './invert-matrix.js';

/** Where the template sits after refinement (top-left corner, px), with score and 1-sigma uncertainty. */
export interface RefinedPosition {
  x: number;
  y: number;
  /** NCC between the template and the resampled image block. */
  score: number;
  sigmaX: number;
  sigmaY: number;
  iterations: number;
  /** False if the block would need pixels outside the image. */
  inside: boolean;
}

/**
 * Sub-pixel refinement of a template position by Gauss-Newton on
 * sum_u (a * I(p + u) + b - T(u))^2 over the shift p and a linear brightness
 * change (a, b) - i.e. maximising NCC. The image block is resampled with a
 * separable six-point cubic kernel at the current p; the shift Jacobian uses the
 * template gradient (since a * grad I(p + u) = grad T(u) at the solution),
 * so everything that depends on the template alone is computed once here.
 * This removes the pull toward integer positions of a parabolic peak fit.
 */
export class TranslationRefiner {
  readonly width: number;
  readonly height: number;
  private readonly t: Float64Array;
  private readonly gx: Float64Array;
  private readonly gy: Float64Array;
  private readonly block: Float64Array;
  private readonly tmp: Float64Array;
  private readonly wx = new Float64Array(SHIFT_TAPS);
  private readonly wy = new Float64Array(SHIFT_TAPS);
  // Template-only sums for the normal equations.
  private readonly sT: number;
  private readonly sTT: number;
  private readonly sGx: number;
  private readonly sGy: number;
  private readonly sGxGx: number;
  private readonly sGxGy: number;
  private readonly sGyGy: number;
  private readonly sGxT: number;
  private readonly sGyT: number;

  private readonly gradient: boolean;

  /**
   * `illuminationGradient`: also fit a brightness gain that varies linearly
   * across the block, T ~ (a + ax u + ay v) I + b, for microscopes whose
   * illumination falls off across the field; otherwise T ~ a I + b.
   */
  constructor(template: GreyImage, options: { illuminationGradient?: boolean } = {}) {
    this.gradient = options.illuminationGradient ?? false;
    const { width: w, height: h, data } = template;
    if (w < 3 || h < 3) throw new RangeError(`template must be at least 3x3, got ${w}x${h}`);
    this.width = w;
    this.height = h;
    this.t = data;
    this.gx = new Float64Array(w * h);
    this.gy = new Float64Array(w * h);
    // Central differences; one-sided at the border. The Jacobian only steers the iteration: the
    // fixed point (zero residual for a noise-free match) does not depend on it.
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const xl = x > 0 ? i - 1 : i;
        const xr = x < w - 1 ? i + 1 : i;
        const yu = y > 0 ? i - w : i;
        const yd = y < h - 1 ? i + w : i;
        this.gx[i] = (data[xr]! - data[xl]!) / (x > 0 && x < w - 1 ? 2 : 1);
        this.gy[i] = (data[yd]! - data[yu]!) / (y > 0 && y < h - 1 ? 2 : 1);
      }
    }
    let sT = 0;
    let sTT = 0;
    let sGx = 0;
    let sGy = 0;
    let sGxGx = 0;
    let sGxGy = 0;
    let sGyGy = 0;
    let sGxT = 0;
    let sGyT = 0;
    for (let i = 0; i < w * h; i++) {
      const t = data[i]!;
      const a = this.gx[i]!;
      const b = this.gy[i]!;
      sT += t;
      sTT += t * t;
      sGx += a;
      sGy += b;
      sGxGx += a * a;
      sGxGy += a * b;
      sGyGy += b * b;
      sGxT += a * t;
      sGyT += b * t;
    }
    this.sT = sT;
    this.sTT = sTT;
    this.sGx = sGx;
    this.sGy = sGy;
    this.sGxGx = sGxGx;
    this.sGxGy = sGxGy;
    this.sGyGy = sGyGy;
    this.sGxT = sGxT;
    this.sGyT = sGyT;
    this.block = new Float64Array(w * h);
    this.tmp = new Float64Array(w * (h + SHIFT_TAPS - 1));
  }

  /** True if the block at top-left (x, y) can be resampled from `image`. */
  fits(image: GreyImage, x: number, y: number): boolean {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    return ix >= 2 && iy >= 2 && ix + this.width + 3 <= image.width && iy + this.height + 3 <= image.height;
  }

  /**
   * Refine from the top-left position (x, y) px; stops when the step is below
   * `tolPx` or after `maxIterations`. With `maxIterations` 0 it only scores (x, y).
   */
  refine(image: GreyImage, x: number, y: number, maxIterations = 10, tolPx = 1e-4): RefinedPosition {
    let px = x;
    let py = y;
    let last: Omit<RefinedPosition, 'x' | 'y' | 'iterations' | 'inside'> = {
      score: 0,
      sigmaX: Infinity,
      sigmaY: Infinity,
    };
    for (let it = 0; ; it++) {
      if (!this.fits(image, px, py)) return { x: px, y: py, ...last, iterations: it, inside: false };
      const step = this.gradient ? this.stepWithGradient(image, px, py) : this.step(image, px, py);
      last = step;
      if (it >= maxIterations || step.singular)
        return { x: px, y: py, ...last, iterations: it, inside: true };
      px += step.dx;
      py += step.dy;
      if (Math.abs(step.dx) < tolPx && Math.abs(step.dy) < tolPx) {
        return { x: px, y: py, ...last, iterations: it + 1, inside: true };
      }
    }
  }

  private step(image: GreyImage, x: number, y: number) {
    const { width: w, height: h, t, gx, gy, block } = this;
    cubicShiftBlock(image.data, image.width, x, y, w, h, block, this.tmp, this.wx, this.wy);
    const n = w * h;
    let sI = 0;
    let sII = 0;
    let sIT = 0;
    let sGxI = 0;
    let sGyI = 0;
    for (let i = 0; i < n; i++) {
      const v = block[i]!;
      sI += v;
      sII += v * v;
      sIT += v * t[i]!;
      sGxI += gx[i]! * v;
      sGyI += gy[i]! * v;
    }
    // Best brightness model T ~ a I + b for this block (linear regression), then the NCC.
    const varI = sII - (sI * sI) / n;
    const varT = this.sTT - (this.sT * this.sT) / n;
    const cov = sIT - (sI * this.sT) / n;
    const score = varI > 0 && varT > 0 ? cov / Math.sqrt(varI * varT) : 0;
    const a = varI > 0 ? cov / varI : 0;
    const b = (this.sT - a * sI) / n;
    // Normal equations in (dx, dy, da, db) with Jacobian columns [gx, gy, I, 1] and r = a I + b - T.
    const H = [
      [this.sGxGx, this.sGxGy, sGxI, this.sGx],
      [this.sGxGy, this.sGyGy, sGyI, this.sGy],
      [sGxI, sGyI, sII, sI],
      [this.sGx, this.sGy, sI, n],
    ];
    const g = [
      a * sGxI + b * this.sGx - this.sGxT,
      a * sGyI + b * this.sGy - this.sGyT,
      a * sII + b * sI - sIT,
      a * sI + b * n - this.sT,
    ];
    const inv = invertMatrix(H);
    const rss = Math.max(
      0,
      a * a * sII + b * b * n + this.sTT + 2 * a * b * sI - 2 * a * sIT - 2 * b * this.sT,
    );
    if (inv === undefined) return { dx: 0, dy: 0, score, sigmaX: Infinity, sigmaY: Infinity, singular: true };
    const s2 = rss / Math.max(1, n - 4);
    const dx = -(inv[0]![0]! * g[0]! + inv[0]![1]! * g[1]! + inv[0]![2]! * g[2]! + inv[0]![3]! * g[3]!);
    const dy = -(inv[1]![0]! * g[0]! + inv[1]![1]! * g[1]! + inv[1]![2]! * g[2]! + inv[1]![3]! * g[3]!);
    return {
      dx,
      dy,
      score,
      sigmaX: Math.sqrt(s2 * inv[0]![0]!),
      sigmaY: Math.sqrt(s2 * inv[1]![1]!),
      singular: false,
    };
  }
  /**
   * One Gauss-Newton step with the illumination-gradient brightness model.
   * Jacobian columns [gx, gy, I, u I, v I, 1] (u, v centred, scaled to +-0.5);
   * the last four are also the basis of the brightness model, so one pass of
   * scalar sums gives both the brightness fit (variable projection) and the
   * shift step.
   */
  private stepWithGradient(image: GreyImage, x: number, y: number) {
    const { width: w, height: h, t, gx, gy, block } = this;
    cubicShiftBlock(image.data, image.width, x, y, w, h, block, this.tmp, this.wx, this.wy);
    const n = w * h;
    let sI = 0;
    let sU = 0;
    let sV = 0;
    let sII = 0;
    let sIU = 0;
    let sIV = 0;
    let sUU = 0;
    let sUV = 0;
    let sVV = 0;
    let sXI = 0;
    let sXU = 0;
    let sXV = 0;
    let sYI = 0;
    let sYU = 0;
    let sYV = 0;
    let sIT = 0;
    let sUT = 0;
    let sVT = 0;
    for (let v = 0; v < h; v++) {
      const vv = (v - (h - 1) / 2) / h;
      for (let u = 0; u < w; u++) {
        const i = v * w + u;
        const bi = block[i]!;
        const bu = ((u - (w - 1) / 2) / w) * bi;
        const bv = vv * bi;
        const ax = gx[i]!;
        const ay = gy[i]!;
        const tv = t[i]!;
        sI += bi;
        sU += bu;
        sV += bv;
        sII += bi * bi;
        sIU += bi * bu;
        sIV += bi * bv;
        sUU += bu * bu;
        sUV += bu * bv;
        sVV += bv * bv;
        sXI += ax * bi;
        sXU += ax * bu;
        sXV += ax * bv;
        sYI += ay * bi;
        sYU += ay * bu;
        sYV += ay * bv;
        sIT += bi * tv;
        sUT += bu * tv;
        sVT += bv * tv;
      }
    }
    const H = [
      [this.sGxGx, this.sGxGy, sXI, sXU, sXV, this.sGx],
      [this.sGxGy, this.sGyGy, sYI, sYU, sYV, this.sGy],
      [sXI, sYI, sII, sIU, sIV, sI],
      [sXU, sYU, sIU, sUU, sUV, sU],
      [sXV, sYV, sIV, sUV, sVV, sV],
      [this.sGx, this.sGy, sI, sU, sV, n],
    ];
    const fail = { dx: 0, dy: 0, score: 0, sigmaX: Infinity, sigmaY: Infinity, singular: true };
    // Brightness model c = P^-1 q on the basis block of H.
    const P = H.slice(2).map((row) => row.slice(2));
    const q = [sIT, sUT, sVT, this.sT];
    const Pinv = invertMatrix(P);
    if (Pinv === undefined) return fail;
    const c = Pinv.map((row) => row.reduce((acc, e, k) => acc + e * q[k]!, 0));
    // Residual r = model - T; J^T r = H[:, 2..5] c - J^T T.
    const jt = [this.sGxT, this.sGyT, sIT, sUT, sVT, this.sT];
    const g = H.map(
      (row, a) => row[2]! * c[0]! + row[3]! * c[1]! + row[4]! * c[2]! + row[5]! * c[3]! - jt[a]!,
    );
    const cPc = P.reduce((acc, row, a) => acc + c[a]! * row.reduce((s2, e, k) => s2 + e * c[k]!, 0), 0);
    const cq = c.reduce((acc, e, k) => acc + e * q[k]!, 0);
    const rss = Math.max(0, cPc - 2 * cq + this.sTT);
    // Score: NCC between the brightness-corrected block (the model) and the template.
    const sM = c[0]! * sI + c[1]! * sU + c[2]! * sV + c[3]! * n;
    const varM = cPc - (sM * sM) / n;
    const varT = this.sTT - (this.sT * this.sT) / n;
    const score = varM > 0 && varT > 0 ? (cq - (sM * this.sT) / n) / Math.sqrt(varM * varT) : 0;
    const inv = invertMatrix(H);
    if (inv === undefined) return { ...fail, score };
    const s2 = rss / Math.max(1, n - 6);
    const dx = -inv[0]!.reduce((acc, e, k) => acc + e * g[k]!, 0);
    const dy = -inv[1]!.reduce((acc, e, k) => acc + e * g[k]!, 0);
    return {
      dx,
      dy,
      score,
      sigmaX: Math.sqrt(s2 * inv[0]![0]!),
      sigmaY: Math.sqrt(s2 * inv[1]![1]!),
      singular: false,
    };
  }
}
