import type { Rect } from './rect.js';

/** Antiderivative of sqrt(a^2 - x^2) on [-a, a]. */
function halfChordIntegral(a: number, x: number): number {
  const c = Math.max(-a, Math.min(a, x));
  return 0.5 * (c * Math.sqrt(Math.max(0, a * a - c * c)) + a * a * Math.asin(c / a));
}

/**
 * Exact area (µm²) of the intersection of a rectangle with the disc of radius
 * `a` centred on the origin: integral over x of the overlap of [y0, y1] with the
 * chord [-h, h], h = sqrt(a^2 - x^2), split where the overlap changes form.
 */
export function rectDiscArea(r: Rect, a: number): number {
  if (!(a > 0)) return 0;
  const lo = Math.max(r.x0, -a);
  const hi = Math.min(r.x1, a);
  if (lo >= hi || r.y0 >= r.y1) return 0;
  const cuts = [lo, hi];
  for (const y of [r.y0, r.y1]) {
    if (Math.abs(y) < a) {
      const xc = Math.sqrt(a * a - y * y);
      cuts.push(xc, -xc);
    }
  }
  const xs = cuts.filter((x) => x >= lo && x <= hi).sort((p, q) => p - q);
  let area = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const xa = xs[i] as number;
    const xb = xs[i + 1] as number;
    if (xb <= xa) continue;
    const xm = 0.5 * (xa + xb);
    const h = Math.sqrt(a * a - xm * xm);
    const top = Math.min(r.y1, h);
    const bottom = Math.max(r.y0, -h);
    if (top <= bottom) continue;
    const chord = halfChordIntegral(a, xb) - halfChordIntegral(a, xa);
    // on this piece each end is either a rectangle side (constant) or the circle (contributes the chord integral)
    const topPart = top === h ? chord : r.y1 * (xb - xa);
    const bottomPart = bottom === -h ? -chord : r.y0 * (xb - xa);
    area += topPart - bottomPart;
  }
  return area;
}
