// The overlay spread of a pair's metrology sites, the usual overlay specification figure: |mean| + 3
// sigma of the measured x and y overlay (nm), sample sigma (n - 1), as the tool's OverlayXM3s and
// OverlayYM3s data variables give it over GEM (docs/tool.md §7.5).
import type { OverlaySite } from '@bondline/align';

/** |mean| + 3 sigma of `values` (nm); 0 for none, |value| for one. */
export function mean3Sigma(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return Math.abs(mean);
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return Math.abs(mean) + 3 * Math.sqrt(ss / (n - 1));
}

/** |mean| + 3 sigma of the sites' dx and dy, nm. */
export function siteSpread(sites: readonly OverlaySite[]): { x: number; y: number } {
  return { x: mean3Sigma(sites.map((s) => s.dx)), y: mean3Sigma(sites.map((s) => s.dy)) };
}
