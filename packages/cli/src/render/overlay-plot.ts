import type { WaferFit } from '@bondline/align';
import { BLACK, Canvas, type Rgba } from './canvas.js';
import { encodePng } from './png.js';
import { drawWaferFrame } from './wafer-frame.js';

const MEASURED: Rgba = [30, 90, 200, 255];
const RESIDUAL: Rgba = [210, 40, 40, 255];
const REJECTED: Rgba = [240, 140, 0, 255];
const SIZE = 760;
const TOP = 40;
const BOTTOM = 70;

/** Largest 1, 2 or 5 × 10^k not above v (v > 0). */
export function niceBelow(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [5, 2, 1]) if (m * p <= v) return m * p;
  return p;
}

/**
 * Overlay vector map of one fitted wafer: wafer outline, measured (blue) and
 * residual (red) arrows at every site, rejected sites as orange crosses, and a
 * scale bar. Arrow lengths: the largest measured vector spans about 4 % of the
 * wafer diameter; the same scale is used for residuals. Returns PNG bytes.
 */
export function renderOverlayPlot(fit: WaferFit, radiusUm?: number): Buffer {
  const c = new Canvas(SIZE, SIZE + TOP + BOTTOM);
  let maxR = 0;
  let maxV = 0;
  for (const s of [...fit.sites, ...fit.rejected]) {
    maxR = Math.max(maxR, Math.hypot(s.X, s.Y));
    maxV = Math.max(maxV, Math.hypot(s.dx, s.dy));
  }
  const R = radiusUm ?? maxR * 1.05;
  const frame = drawWaferFrame(c, { R: R > 0 ? R : 1, e: 0, W: 1, L: 1 }, 0, TOP, SIZE);
  // Pixels per nm: the largest measured vector spans ~4 % of the frame.
  const pxPerNm = maxV > 0 ? (0.04 * SIZE) / maxV : 1;
  fit.sites.forEach((s, i) => {
    const x = frame.x(s.X);
    const y = frame.y(s.Y);
    c.arrow(x, y, x + s.dx * pxPerNm, y - s.dy * pxPerNm, MEASURED, { head: 4 });
    const rx = fit.residualX[i] as number;
    const ry = fit.residualY[i] as number;
    c.arrow(x, y, x + rx * pxPerNm, y - ry * pxPerNm, RESIDUAL, { head: 4 });
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
    `residual |m|+3s: x ${r.x.mean3sigma.toFixed(2)} nm  y ${r.y.mean3sigma.toFixed(2)} nm`,
    BLACK,
  );
  // Scale bar and legend along the bottom.
  const yb = TOP + SIZE + 20;
  if (maxV > 0) {
    const nm = niceBelow(maxV);
    const len = nm * pxPerNm;
    c.arrow(20, yb, 20 + len, yb, BLACK, { head: 4 });
    c.text(28 + len, yb - 3, `${nm} nm`, BLACK);
  }
  c.arrow(260, yb, 290, yb, MEASURED, { head: 4 });
  c.text(296, yb - 3, 'measured', BLACK);
  c.arrow(400, yb, 430, yb, RESIDUAL, { head: 4 });
  c.text(436, yb - 3, 'residual', BLACK);
  if (fit.rejected.length > 0) {
    c.line(540, yb - 4, 548, yb + 4, REJECTED, 2);
    c.line(540, yb + 4, 548, yb - 4, REJECTED, 2);
    c.text(556, yb - 3, `rejected (${fit.rejected.length})`, BLACK);
  }
  c.text(20, yb + 20, `wafer radius ${(R / 1000).toFixed(1)} mm, notch down`, BLACK);
  return encodePng(c);
}
