import type { SimResult } from '@bondline/align';
import { BLACK, Canvas, type Rgba } from './canvas.js';
import { encodePng } from './png.js';

const CONTROLLED: Rgba = [30, 90, 200, 255];
const OPEN: Rgba = [170, 170, 170, 255];
const OPEN_TEXT: Rgba = [110, 110, 110, 255];
const ZERO: Rgba = [0, 150, 0, 255];
const MAINT: Rgba = [240, 140, 0, 255];
const WIDTH = 900;
const PANEL = 180;
const LEFT = 80;
const RIGHT = 20;

/**
 * Error (y − target) against run number, one panel per correctable: the
 * controlled process in blue, the same process without control in grey, the
 * target as a green line and maintenance resets as orange verticals. Each
 * panel's vertical range covers the controlled error (the open-loop curve is
 * clipped when it runs off, and the panel then prints how far it goes).
 * Returns PNG bytes.
 */
export function renderR2rPlot(r: SimResult, maintenance: readonly number[]): Buffer {
  const names = r.summary.map((s) => s.correctable);
  const c = new Canvas(WIDTH, 30 + names.length * (PANEL + 30) + 30);
  c.text(10, 8, 'run-to-run simulation: error (y - target) per run', BLACK, { scale: 2 });
  const n = r.runs.length;
  const px = (run: number) => LEFT + ((run - 1) / Math.max(1, n - 1)) * (WIDTH - LEFT - RIGHT);
  names.forEach((name, k) => {
    const top = 40 + k * (PANEL + 30);
    const errs = r.runs.map((row) => row.values[name]?.error ?? 0);
    let lo = 0;
    let hi = 0;
    for (const e of errs) {
      lo = Math.min(lo, e);
      hi = Math.max(hi, e);
    }
    if (hi - lo === 0) {
      hi += 1;
      lo -= 1;
    }
    const pad = 0.08 * (hi - lo);
    lo -= pad;
    hi += pad;
    const py = (v: number) => top + PANEL - ((v - lo) / (hi - lo)) * PANEL;
    c.strokeRect(LEFT, top, WIDTH - LEFT - RIGHT, PANEL, BLACK);
    c.text(LEFT + 6, top + 4, name, BLACK, { scale: 2 });
    for (const v of [hi - pad, 0, lo + pad]) {
      c.line(LEFT - 4, py(v), LEFT, py(v), BLACK);
      // An extreme within a text height of the zero tick would print over its label.
      if (v !== 0 && Math.abs(py(v) - py(0)) < 10) continue;
      c.text(LEFT - 8, py(v) - 3, v.toPrecision(3), BLACK, { align: 'right' });
    }
    // Say so when the uncontrolled curve leaves the panel, and how far it goes.
    const open = r.runs.map((row) => row.values[name]?.openLoopError ?? 0);
    const openHi = Math.max(...open);
    const openLo = Math.min(...open);
    const off: string[] = [];
    if (openHi > hi) off.push(`max ${openHi.toPrecision(3)}`);
    if (openLo < lo) off.push(`min ${openLo.toPrecision(3)}`);
    if (off.length > 0)
      c.text(WIDTH - RIGHT, top - 12, `no control off scale: ${off.join(', ')}`, OPEN_TEXT, {
        align: 'right',
      });
    c.line(LEFT, py(0), WIDTH - RIGHT, py(0), ZERO);
    for (const m of maintenance) c.line(px(m), top, px(m), top + PANEL, MAINT);
    const clip = (v: number) => Math.min(top + PANEL, Math.max(top, py(v)));
    for (let i = 1; i < n; i++) {
      const a = r.runs[i - 1]?.values[name];
      const b = r.runs[i]?.values[name];
      if (a === undefined || b === undefined) continue;
      c.line(px(i), clip(a.openLoopError), px(i + 1), clip(b.openLoopError), OPEN);
      c.line(px(i), py(a.error), px(i + 1), py(b.error), CONTROLLED, 2);
    }
    for (const t of [1, Math.ceil(n / 2), n])
      c.text(px(t), top + PANEL + 4, String(t), BLACK, { align: 'center' });
  });
  const yb = c.height - 18;
  c.line(LEFT, yb + 3, LEFT + 30, yb + 3, CONTROLLED, 2);
  c.text(LEFT + 36, yb, 'controlled', BLACK);
  c.line(LEFT + 130, yb + 3, LEFT + 160, yb + 3, OPEN);
  c.text(LEFT + 166, yb, 'no control', BLACK);
  c.line(LEFT + 260, yb - 3, LEFT + 260, yb + 9, MAINT);
  c.text(LEFT + 266, yb, 'maintenance reset', BLACK);
  c.text(WIDTH - RIGHT, yb, 'run', BLACK, { align: 'right' });
  return encodePng(c);
}
