import { besselI1e } from '../math/bessel-scaled.js';
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
 * interpolation. The interpolation error is <= H^4/384 max|f''''|; the test
 * measures < 1e-9 absolute in log P(fail) against the direct quadrature.
 * Chunks are built on first use, so only the range of a actually reached
 * costs anything.
 */
export interface RiceTable {
  b: number;
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
    t = { b, chunks: [] };
    tables.set(b, t);
  }
  return t;
}

function buildChunk(b: number, c: number): Float64Array {
  const out = new Float64Array((CHUNK + 1) * 4);
  for (let i = 0; i <= CHUNK; i++) {
    const a = (c * CHUNK + i) * H;
    const { logSf, logCdf } = riceLogTails(a, b);
    // dQ1/da = b exp(-(a^2+b^2)/2) I1(ab) = b exp(-(b-a)^2/2) I1e(ab).
    const g = Math.log(b * besselI1e(a * b)) - 0.5 * (b - a) * (b - a);
    out[i * 4] = logSf;
    out[i * 4 + 1] = a === 0 ? 0 : Math.exp(g - logSf);
    out[i * 4 + 2] = logCdf;
    out[i * 4 + 3] = a === 0 ? 0 : -Math.exp(g - logCdf);
  }
  return out;
}

/**
 * Writes [log P(fail), d/da, log P(pass), d/da] of one pad at a = nu/sigmaR
 * into out[0..3]. log P(pass) is taken as log1p(-P(fail)) whenever
 * P(fail) < 1/2, so it keeps full relative accuracy at 1 - P ~ 1e-15 and below.
 */
export function riceTableEval(t: RiceTable, a: number, out: Float64Array): void {
  const b = t.b;
  if (a >= b + FAR) {
    out[0] = 0;
    out[1] = 0;
    out[2] = -0.5 * (a - b) * (a - b);
    out[3] = -(a - b);
    return;
  }
  const pos = a / H;
  const idx = Math.floor(pos);
  const c = Math.floor(idx / CHUNK);
  let chunk = t.chunks[c];
  if (chunk === undefined) {
    chunk = buildChunk(b, c);
    t.chunks[c] = chunk;
  }
  const i = idx - c * CHUNK;
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
    out[k] = h00 * f0 + h10 * H * g0 + h01 * f1 + h11 * H * g1;
    out[k + 1] = (d00 * f0 + d01 * f1) / H + d10 * g0 + d11 * g1;
  }
  const sf = out[0] as number;
  if (sf < -0.7) {
    const q = Math.exp(sf);
    out[2] = Math.log1p(-q);
    out[3] = (-q * (out[1] as number)) / (1 - q);
  }
}
