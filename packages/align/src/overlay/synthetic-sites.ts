import { SeededRandom } from '../random/seeded-random.js';
import type { OverlaySite } from './site.js';

/** True overlay terms for synthetic data; any omitted term is 0. Units: nm, ppm, µrad. */
export interface SyntheticTerms {
  Tx?: number;
  Ty?: number;
  Mx?: number;
  My?: number;
  Rx?: number;
  Ry?: number;
  mx?: number;
  my?: number;
  rx?: number;
  ry?: number;
  /** Extra polynomial distortion: coefficient of X^i Y^j in nm/µm^(i+j), keyed 'cx_ij' / 'cy_ij'. */
  poly?: Record<string, number>;
}

export interface SyntheticOptions {
  wafer: string;
  terms: SyntheticTerms;
  /** Gaussian noise sigma per axis, nm. Default 0. */
  noiseNm?: number;
  seed?: number;
  /** Wafer radius, µm (default 150 000) and field size, µm (default 26 000 × 33 000). */
  radiusUm?: number;
  fieldUm?: [number, number];
  /** Measurement points per field on a square grid (default 2 → 2×2). */
  perField?: number;
}

/**
 * Overlay sites on a field grid covering a wafer, with dx, dy from the 6-term
 * wafer model plus the field terms (docs/align.md §2 formulas written out directly)
 * plus optional polynomial terms and noise. Only fields whose centre lies
 * inside 0.95 R are measured.
 */
export function synthesiseSites(o: SyntheticOptions): OverlaySite[] {
  const r = o.radiusUm ?? 150_000;
  const [fw, fh] = o.fieldUm ?? [26_000, 33_000];
  const per = o.perField ?? 2;
  const rnd = new SeededRandom(o.seed ?? 1);
  const t = o.terms;
  const k = 1e-3; // ppm or µrad -> nm/µm
  const sites: OverlaySite[] = [];
  const nx = Math.ceil(r / fw);
  const ny = Math.ceil(r / fh);
  for (let j = -ny; j <= ny; j++) {
    for (let i = -nx; i <= nx; i++) {
      const cx = i * fw;
      const cy = j * fh;
      if (Math.hypot(cx, cy) > 0.95 * r) continue;
      for (let b = 0; b < per; b++) {
        for (let a = 0; a < per; a++) {
          const x = ((a + 0.5) / per - 0.5) * fw * 0.9;
          const y = ((b + 0.5) / per - 0.5) * fh * 0.9;
          const X = cx + x;
          const Y = cy + y;
          let dx =
            (t.Tx ?? 0) +
            (t.Mx ?? 0) * k * X -
            (t.Rx ?? 0) * k * Y +
            (t.mx ?? 0) * k * x -
            (t.rx ?? 0) * k * y;
          let dy =
            (t.Ty ?? 0) +
            (t.My ?? 0) * k * Y +
            (t.Ry ?? 0) * k * X +
            (t.my ?? 0) * k * y +
            (t.ry ?? 0) * k * x;
          for (const [name, c] of Object.entries(t.poly ?? {})) {
            const m = /^c([xy])_(\d)(\d)$/.exec(name);
            if (m === null) throw new RangeError(`bad polynomial term name '${name}'`);
            const v = c * X ** Number(m[2]) * Y ** Number(m[3]);
            if (m[1] === 'x') dx += v;
            else dy += v;
          }
          const noise = o.noiseNm ?? 0;
          dx += noise * rnd.nextGaussian();
          dy += noise * rnd.nextGaussian();
          sites.push({ wafer: o.wafer, X, Y, field: `${i},${j}`, x, y, dx, dy });
        }
      }
    }
  }
  return sites;
}
