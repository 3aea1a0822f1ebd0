import { BLACK, Canvas, type Rgba } from './canvas.js';
import { encodePng } from './png.js';
import { drawWaferFrame } from './wafer-frame.js';

const MEASURED: Rgba = [30, 90, 200, 255];
const RESIDUAL: Rgba = [210, 40, 40, 255];
const REJECTED: Rgba = [240, 140, 0, 255];
const SIZE = 760;
const TOP = 40;
const BOTTOM = 70;

/** A site of the plot: position µm, overlay nm. */
interface PlotSite {
  readonly X: number;
  readonly Y: number;
  readonly dx: number;
  readonly dy: number;
}

/**
 * What the plot needs of a fit: an align WaferFit is one; so is a fit the fab stored (its sites,
 * residuals and rejected sites, docs/fab.md §7.1).
 */
export interface OverlayPlotFit {
  readonly id: string;
  /** `poly3`, or a term count ('4', '6', '10'). */
  readonly model: string;
  readonly sites: readonly PlotSite[];
  /** Measured minus model per site of `sites`, nm. */
  readonly residualX: ArrayLike<number>;
  readonly residualY: ArrayLike<number>;
  readonly rejected: readonly PlotSite[];
  readonly residual: {
    readonly x: { readonly mean3sigma: number };
    readonly y: { readonly mean3sigma: number };
  };
}

/** Largest 1, 2 or 5 × 10^k not above v (v > 0). */
function niceBelow(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [5, 2, 1]) if (m * p <= v) return m * p;
  return p;
}

/**
 * Overlay vector map of one fitted wafer: wafer outline, measured (blue) and
 * residual (red) arrows at every site, rejected sites as orange crosses, and a
 * scale bar for each. Arrow lengths: the largest measured vector, and separately
 * the largest residual, spans about 4 % of the wafer diameter. Returns PNG bytes.
 */
export function renderOverlayPlot(fit: OverlayPlotFit, radiusUm?: number): Buffer {
  const c = new Canvas(SIZE, SIZE + TOP + BOTTOM);
  let maxR = 0;
  let maxV = 0;
  let maxRes = 0;
  for (const s of [...fit.sites, ...fit.rejected]) {
    maxR = Math.max(maxR, Math.hypot(s.X, s.Y));
    maxV = Math.max(maxV, Math.hypot(s.dx, s.dy));
  }
  fit.sites.forEach((_, i) => {
    maxRes = Math.max(maxRes, Math.hypot(fit.residualX[i] as number, fit.residualY[i] as number));
  });
  const R = radiusUm ?? maxR * 1.05;
  const frame = drawWaferFrame(c, { R: R > 0 ? R : 1, e: 0, W: 1, L: 1 }, 0, TOP, SIZE);
  // Pixels per nm: the largest measured vector spans ~4 % of the frame; residuals get their own,
  // usually larger, scale so that they stay visible (both scale bars are drawn).
  const pxPerNm = maxV > 0 ? (0.04 * SIZE) / maxV : 1;
  const pxPerNmRes = maxRes > 0 ? (0.04 * SIZE) / maxRes : 1;
  fit.sites.forEach((s, i) => {
    const x = frame.x(s.X);
    const y = frame.y(s.Y);
    c.arrow(x, y, x + s.dx * pxPerNm, y - s.dy * pxPerNm, MEASURED, { head: 4 });
    const rx = fit.residualX[i] as number;
    const ry = fit.residualY[i] as number;
    c.arrow(x, y, x + rx * pxPerNmRes, y - ry * pxPerNmRes, RESIDUAL, { head: 4 });
  });
  for (const s of fit.rejected) {
    const x = frame.x(s.X);
    const y = frame.y(s.Y);
    c.line(x - 4, y - 4, x + 4, y + 4, REJECTED, 2);
    c.line(x - 4, y + 4, x + 4, y - 4, REJECTED, 2);
  }
  const model = fit.model === 'poly3' ? 'poly3' : `${fit.model}-term`;
  const r = fit.residual;
  c.text(10, 8, `wafer ${fit.id}  model ${model}  sites ${fit.sites.length}`, BLACK, { scale: 2 });
  c.text(
    10,
    26,
    `residual mean+3 sigma: x ${r.x.mean3sigma.toFixed(2)} nm, y ${r.y.mean3sigma.toFixed(2)} nm`,
    BLACK,
  );
  // Scale bar and legend along the bottom.
  const yb = TOP + SIZE + 20;
  const bar = (x0: number, y0: number, max: number, scale: number, colour: Rgba, label: string) => {
    if (!(max > 0)) return;
    const nm = niceBelow(max);
    const len = nm * scale;
    c.arrow(x0, y0, x0 + len, y0, colour, { head: 4 });
    c.text(x0 + len + 8, y0 - 3, `${label} ${nm} nm`, BLACK);
  };
  bar(20, yb, maxV, pxPerNm, MEASURED, 'measured');
  bar(300, yb, maxRes, pxPerNmRes, RESIDUAL, 'residual');
  if (fit.rejected.length > 0) {
    c.line(580, yb - 4, 588, yb + 4, REJECTED, 2);
    c.line(580, yb + 4, 588, yb - 4, REJECTED, 2);
    c.text(596, yb - 3, `rejected (${fit.rejected.length})`, BLACK);
  }
  // Without --radius the circle is only drawn around the sites; do not call it the wafer's radius.
  const circle =
    radiusUm === undefined
      ? `circle radius ${(R / 1000).toFixed(1)} mm (outermost site + 5 %)`
      : `wafer radius ${(R / 1000).toFixed(1)} mm`;
  c.text(20, yb + 20, `${circle}, notch down`, BLACK);
  return encodePng(c);
}
