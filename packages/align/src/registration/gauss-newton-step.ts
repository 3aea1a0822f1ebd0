import { invertMatrix } from './invert-matrix.js';
import type { TemplateSums } from './template-sums.js';

/** One Gauss-Newton step of the refinement: the shift update (px), the NCC score and 1-sigma errors. */
export interface GaussNewtonStep {
  dx: number;
  dy: number;
  score: number;
  sigmaX: number;
  sigmaY: number;
  /** The normal matrix could not be inverted (flat block): no step. */
  singular: boolean;
}

/**
 * One Gauss-Newton step on sum_u (a I(p + u) + b - T(u))^2 for the image block
 * `block` (already resampled at the current p, the template's size), with the
 * brightness (a, b) re-fitted on the way. The shift Jacobian is the template
 * gradient (a grad I(p + u) = grad T(u) at the solution).
 */
export function gainOffsetStep(s: TemplateSums, block: Float64Array): GaussNewtonStep {
  const { width: w, height: h, t, gx, gy } = s;
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
  const varT = s.sTT - (s.sT * s.sT) / n;
  const cov = sIT - (sI * s.sT) / n;
  const score = varI > 0 && varT > 0 ? cov / Math.sqrt(varI * varT) : 0;
  const a = varI > 0 ? cov / varI : 0;
  const b = (s.sT - a * sI) / n;
  // Normal equations in (dx, dy, da, db) with Jacobian columns [gx, gy, I, 1] and r = a I + b - T.
  const H = [
    [s.sGxGx, s.sGxGy, sGxI, s.sGx],
    [s.sGxGy, s.sGyGy, sGyI, s.sGy],
    [sGxI, sGyI, sII, sI],
    [s.sGx, s.sGy, sI, n],
  ];
  const g = [
    a * sGxI + b * s.sGx - s.sGxT,
    a * sGyI + b * s.sGy - s.sGyT,
    a * sII + b * sI - sIT,
    a * sI + b * n - s.sT,
  ];
  const inv = invertMatrix(H);
  const rss = Math.max(0, a * a * sII + b * b * n + s.sTT + 2 * a * b * sI - 2 * a * sIT - 2 * b * s.sT);
  if (inv === undefined) return { dx: 0, dy: 0, score, sigmaX: Infinity, sigmaY: Infinity, singular: true };
  return shiftStep(inv, g, rss, n, score);
}

/**
 * One Gauss-Newton step with the illumination-gradient brightness model.
 * Jacobian columns [gx, gy, I, u I, v I, 1] (u, v centred, scaled to +-0.5);
 * the last four are also the basis of the brightness model, so one pass of
 * scalar sums gives both the brightness fit (variable projection) and the
 * shift step.
 */
export function gradientGainStep(s: TemplateSums, block: Float64Array): GaussNewtonStep {
  const { width: w, height: h, t, gx, gy } = s;
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
    [s.sGxGx, s.sGxGy, sXI, sXU, sXV, s.sGx],
    [s.sGxGy, s.sGyGy, sYI, sYU, sYV, s.sGy],
    [sXI, sYI, sII, sIU, sIV, sI],
    [sXU, sYU, sIU, sUU, sUV, sU],
    [sXV, sYV, sIV, sUV, sVV, sV],
    [s.sGx, s.sGy, sI, sU, sV, n],
  ];
  const fail = { dx: 0, dy: 0, score: 0, sigmaX: Infinity, sigmaY: Infinity, singular: true };
  // Brightness model c = P^-1 q on the basis block of H.
  const P = H.slice(2).map((row) => row.slice(2));
  const q = [sIT, sUT, sVT, s.sT];
  const Pinv = invertMatrix(P);
  if (Pinv === undefined) return fail;
  const c = Pinv.map((row) => row.reduce((acc, e, k) => acc + e * q[k]!, 0));
  // Residual r = model - T; J^T r = H[:, 2..5] c - J^T T.
  const jt = [s.sGxT, s.sGyT, sIT, sUT, sVT, s.sT];
  const g = H.map((row, a) => row[2]! * c[0]! + row[3]! * c[1]! + row[4]! * c[2]! + row[5]! * c[3]! - jt[a]!);
  const cPc = P.reduce((acc, row, a) => acc + c[a]! * row.reduce((s2, e, k) => s2 + e * c[k]!, 0), 0);
  const cq = c.reduce((acc, e, k) => acc + e * q[k]!, 0);
  const rss = Math.max(0, cPc - 2 * cq + s.sTT);
  // Score: NCC between the brightness-corrected block (the model) and the template.
  const sM = c[0]! * sI + c[1]! * sU + c[2]! * sV + c[3]! * n;
  const varM = cPc - (sM * sM) / n;
  const varT = s.sTT - (s.sT * s.sT) / n;
  const score = varM > 0 && varT > 0 ? (cq - (sM * s.sT) / n) / Math.sqrt(varM * varT) : 0;
  const inv = invertMatrix(H);
  if (inv === undefined) return { ...fail, score };
  return shiftStep(inv, g, rss, n, score);
}

/**
 * The Gauss-Newton update from the inverted normal matrix `inv` and gradient `g` (J^T r), whose
 * first two parameters are the shift (dx, dy; px); the 1-sigma errors scale the diagonal of `inv`
 * by the residual variance rss / (n - parameters) of the `n` template pixels.
 */
function shiftStep(inv: number[][], g: number[], rss: number, n: number, score: number): GaussNewtonStep {
  const s2 = rss / Math.max(1, n - g.length);
  const dot = (row: number[]) => row.reduce((acc, e, k) => acc + e * g[k]!, 0);
  return {
    dx: -dot(inv[0]!),
    dy: -dot(inv[1]!),
    score,
    sigmaX: Math.sqrt(s2 * inv[0]![0]!),
    sigmaY: Math.sqrt(s2 * inv[1]![1]!),
    singular: false,
  };
}
