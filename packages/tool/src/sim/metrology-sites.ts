import type { OverlaySite } from '@bondline/align';
import { normal, type Rng } from '@bondline/physics';
import type { OverlayTerms } from './process-physics.js';

/** Sites stay inside this fraction of the wafer radius (an overlay target needs a whole die around it). */
const SITE_RADIUS_FRACTION = 0.95;
/** The golden angle (rad): consecutive sites of a sunflower pattern never line up. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * `n` metrology site positions (µm, bonded coordinates) spread evenly over the wafer: a sunflower
 * (Vogel) pattern, site k at radius 0.95 R sqrt((k + 1/2)/n) and angle k x the golden angle. Any
 * count works, each site covers the same area, and no two sites coincide.
 */
export function siteGrid(n: number, waferRadiusUm: number): { X: number; Y: number }[] {
  const out: { X: number; Y: number }[] = [];
  const count = Math.max(0, Math.floor(n));
  for (let k = 0; k < count; k++) {
    const r = SITE_RADIUS_FRACTION * waferRadiusUm * Math.sqrt((k + 0.5) / count);
    const a = k * GOLDEN_ANGLE;
    out.push({ X: r * Math.cos(a), Y: r * Math.sin(a) });
  }
  return out;
}

/**
 * Overlay measured at each site in @bondline/align's site format (docs/align.md §1): the 4-term field
 * of the measured terms (docs/align.md §2; 1 µrad or 1 ppm moves a point 1e-3 nm per µm from the
 * centre), dx = Tx - Rot Y + Mag X, dy = Ty + Rot X + Mag Y, plus Gaussian noise `noiseNm` per axis.
 */
export function measureSites(
  rng: Rng,
  wafer: string,
  positions: readonly { X: number; Y: number }[],
  measured: OverlayTerms,
  noiseNm: number,
): OverlaySite[] {
  const k = 1e-3;
  return positions.map(({ X, Y }) => ({
    wafer,
    X,
    Y,
    dx: measured.Tx - measured.Rot * k * Y + measured.Mag * k * X + normal(rng, 0, noiseNm),
    dy: measured.Ty + measured.Rot * k * X + measured.Mag * k * Y + normal(rng, 0, noiseNm),
  }));
}
