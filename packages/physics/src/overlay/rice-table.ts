import { besselI0e, besselI1e } from '../math/bessel-scaled.js';
import { riceLogTails } from '../math/rice.js';

/** Node spacing of the table in sigma units. */
const H = 1 / 32;
/** Intervals per lazily built chunk. */
const CHUNK = 64;
/** Beyond a = b + FAR the pad is certain to fail (log CDF < -1800) and an asymptote is used. */
const FAR = 60;

/**
 * log P(pass) and log P(fail) of one pad as functions of the normalised
 * systematic displacement a = nu / sigmaR, for a fixed b = dmax / sigmaR,
 * tabulated with their exact derivatives and read by cubic Hermite
 * interpolation. What is tabulated is the smooth remainder
 * R(a) = log P + (b-a)^2/2 - log I0e(ab): the Gaussian factor and the Bessel
 * factor, which varies on the short scale 1/b near a = 0 (log-like), are
 * added back exactly at evaluation. The interpolation error is <= H^4/384 max|f''''|; the test
 * measures < 1e-9 absolute in log P(fail) against the direct quadrature.
 * Chunks are built on first use, so only the range of a actually reached
 * costs anything.
 */
export interface RiceTable {
  b: number;
  /** Fine node spacing and extent of the near-zero segment, where the Bessel ratio bends on the scale 1/b. */
  nearH: number;
  nearEnd: number;
  near: Float64Array | undefined;
  /** Per chunk: nodes x [logSf, dlogSf/da, logCdf, dlogCdf/da]; undefined until built. */
  chunks: (Float64Array | undefined)[];
}

const tables = new Map<number, RiceTable>();

/** The (shared, lazily filled) table for b = dmax / sigmaR. */
export function riceTable(b: number): RiceTable {
  if (!(b > 0) || !Number.isFinite(b)) throw new RangeError(`riceTable: b must be finite and > 0, got ${b}`);
  let t = tables.get(b);
  if (t === undefined) {
    if (tables.size > 64) tables.clear();
    const nearH = Math.min(H / 4, 1 / (8 * b));
    // The Bessel ratio bends on the scale 1/b; its fourth derivative ~12/(a^4 b^2) stays above
    // the interpolation target out to a ~ 4/sqrt(b), where the coarse spacing takes over.
    const nearEnd = Math.ceil(Math.max(8 / b, 4 / Math.sqrt(b)) / nearH) * nearH;
    t = { b, nearH, nearEnd, near: undefined, chunks: [] };
    tables.set(b, t);
  }
  return t;
}

function buildNodes(b: number, first: number, count: number, h: number): Float64Array {
  const out = new Float64Array((count + 1) * 4);
  for (let i = 0; i <= count; i++) {
    const a = (first + i) * h;
    const { logSf, logCdf } = riceLogTails(a, b);
    const i0 = besselI0e(a * b);
    const logI0 = Math.log(i0);
    // dQ1/da = b exp(-(a^2+b^2)/2) I1(ab) = b exp(-(b-a)^2/2) I1e(ab).
    const g = Math.log(b * besselI1e(a * b)) - 0.5 * (b - a) * (b - a);
    const dSf = a === 0 ? 0 : Math.exp(g - logSf);
    const dCdf = a === 0 ? 0 : -Math.exp(g - logCdf);
    // d/da log I0e(ab) = b (I1e/I0e - 1)
    const dLogI0 = b * (besselI1e(a * b) / i0 - 1);
    const q = 0.5 * (b - a) * (b - a);
    out[i * 4] = logSf + q - logI0;
    out[i * 4 + 1] = dSf - (b - a) - dLogI0;
    out[i * 4 + 2] = logCdf + q - logI0;
    out[i * 4 + 3] = dCdf + (a - b) - dLogI0;
  }
  return out;
}

/**
 * Writes [log P(fail), d/da, log P(pass), d/da] of one pad at a = nu/sigmaR
 * into out[0..3] (the slopes only when `withSlopes`). log P(pass) is taken as log1p(-P(fail)) whenever
 * P(fail) < 1/2, so it keeps full relative accuracy at 1 - P ~ 1e-15 and below.
 */
export function riceTableEval(t: RiceTable, a: number, out: Float64Array, withSlopes = true): void {
  const b = t.b;
  if (a >= b + FAR) {
    out[0] = 0;
    out[1] = 0;
    out[2] = -0.5 * (a - b) * (a - b);
    out[3] = -(a - b);
    return;
  }
  let chunk: Float64Array;
  let i: number;
  let pos: number;
  let h: number;
  if (a < t.nearEnd) {
    h = t.nearH;
    t.near ??= buildNodes(b, 0, Math.round(t.nearEnd / h), h);
    chunk = t.near;
    pos = a / h;
    i = Math.floor(pos);
  } else {
    h = H;
    pos = a / H;
    const idx = Math.floor(pos);
    const c = Math.floor(idx / CHUNK);
    let built = t.chunks[c];
    if (built === undefined) {
      built = buildNodes(b, c * CHUNK, CHUNK, H);
      t.chunks[c] = built;
    }
    chunk = built;
    i = idx - c * CHUNK;
  }
  const idx = Math.floor(pos);
  const s = pos - idx;
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = s3 - 2 * s2 + s;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = s3 - s2;
  const d00 = 6 * s2 - 6 * s;
  const d10 = 3 * s2 - 4 * s + 1;
  const d01 = -6 * s2 + 6 * s;
  const d11 = 3 * s2 - 2 * s;
  const o = i * 4;
  for (let k = 0; k < 4; k += 2) {
    const f0 = chunk[o + k] as number;
    const g0 = chunk[o + k + 1] as number;
    const f1 = chunk[o + 4 + k] as number;
    const g1 = chunk[o + 5 + k] as number;
    out[k] = h00 * f0 + h10 * h * g0 + h01 * f1 + h11 * h * g1;
    out[k + 1] = (d00 * f0 + d01 * f1) / h + d10 * g0 + d11 * g1;
  }
  const i0 = besselI0e(a * b);
  const back = Math.log(i0) - 0.5 * (b - a) * (b - a);
  // The slopes cost a second Bessel function; sums over pads only need the values.
  const dBack = withSlopes ? b * (besselI1e(a * b) / i0 - 1) : 0;
  out[0] = (out[0] as number) + back;
  out[1] = (out[1] as number) + dBack + (b - a);
  out[2] = (out[2] as number) + back;
  out[3] = (out[3] as number) + dBack - (a - b);
  const sf = out[0] as number;
  if (sf < -0.7) {
    const q = Math.exp(sf);
    out[2] = Math.log1p(-q);
    out[3] = (-q * (out[1] as number)) / (1 - q);
  }
}
