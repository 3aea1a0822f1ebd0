import { BLACK, Canvas, type Rgba } from './canvas.js';

/** A centre line and control limits, in the series' unit. */
export interface ChartBand {
  center: number;
  lcl: number;
  ucl: number;
}

/** One panel of a run chart: a value per point (null where there is none) and its limits, if any. */
export interface RunPanel {
  /** `Tx (nm)`: printed in the panel's corner. */
  label: string;
  values: readonly (number | null)[];
  band?: ChartBand;
  /** Indexes of `values` that take part in a violation: drawn red and ringed. */
  flagged?: ReadonlySet<number>;
}

/** A run chart: panels sharing one x axis of points (an I chart over an MR chart, ...). */
export interface RunChart {
  title: string;
  subtitle: string;
  /** Under each point, at most every few points when they are many (slot numbers). */
  xLabels: readonly string[];
  xTitle: string;
  panels: readonly RunPanel[];
  /** Lines under the chart (the violations in words); the first few are drawn. */
  notes: readonly string[];
}

const WIDTH = 900;
const PANEL = 200;
const GAP = 34;
const LEFT = 90;
const RIGHT = 30;
const TOP = 64;
const NOTE_H = 12;
const MAX_NOTES = 8;
const SERIES: Rgba = [30, 90, 200, 255];
const CENTER: Rgba = [0, 150, 0, 255];
const LIMIT: Rgba = [210, 40, 40, 255];
const FLAG: Rgba = [210, 40, 40, 255];
const GREY: Rgba = [80, 80, 80, 255];

/**
 * Draw a run chart: per panel the points joined in order (blue), the centre line (green) and the
 * control limits (red, labelled with their values), points in a violation red with a ring; a
 * missing value breaks the line. The vertical range covers the points and the limits.
 */
export function drawRunChart(chart: RunChart): Canvas {
  const notes = chart.notes.slice(0, MAX_NOTES);
  if (chart.notes.length > MAX_NOTES) notes.push(`... and ${chart.notes.length - MAX_NOTES} more (lot.json)`);
  const height = TOP + chart.panels.length * (PANEL + GAP) + 24 + notes.length * NOTE_H + 10;
  const c = new Canvas(WIDTH, height);
  c.text(10, 8, chart.title, BLACK, { scale: 2 });
  c.text(10, 28, chart.subtitle, GREY);
  const n = Math.max(chart.xLabels.length, ...chart.panels.map((p) => p.values.length));
  const px = (i: number) => LEFT + (n <= 1 ? 0.5 : i / (n - 1)) * (WIDTH - LEFT - RIGHT);
  chart.panels.forEach((panel, k) => {
    drawPanel(c, panel, TOP + k * (PANEL + GAP), px);
  });
  const axisY = TOP + chart.panels.length * (PANEL + GAP) - GAP + 4;
  const every = Math.max(1, Math.ceil(n / 25));
  chart.xLabels.forEach((label, i) => {
    if (i % every === 0 || i === n - 1) c.text(px(i), axisY, label, BLACK, { align: 'center' });
  });
  c.text(WIDTH - RIGHT, axisY + 12, chart.xTitle, BLACK, { align: 'right' });
  notes.forEach((line, i) => {
    c.text(10, axisY + 28 + i * NOTE_H, line, i < MAX_NOTES ? FLAG : GREY);
  });
  return c;
}

function drawPanel(c: Canvas, panel: RunPanel, top: number, px: (i: number) => number): void {
  const present = panel.values.filter((v): v is number => v !== null);
  const band = panel.band;
  const extremes = band === undefined ? present : [...present, band.lcl, band.ucl, band.center];
  let lo = Math.min(...extremes);
  let hi = Math.max(...extremes);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo === 0) {
    const d = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    hi += d;
    lo -= d;
  }
  const pad = 0.08 * (hi - lo);
  lo -= pad;
  hi += pad;
  const py = (v: number) => top + PANEL - ((v - lo) / (hi - lo)) * PANEL;
  c.strokeRect(LEFT, top, WIDTH - LEFT - RIGHT, PANEL, BLACK);
  // Above the panel, where no point can be.
  c.text(LEFT, top - 18, panel.label, BLACK, { scale: 2 });
  // The limits, and the points' extremes where they lie beyond them (an excursion's size is read off).
  const maxV = Math.max(...present);
  const minV = Math.min(...present);
  const ticks =
    band === undefined
      ? [hi - pad, lo + pad]
      : [
          band.ucl,
          band.center,
          band.lcl,
          ...(maxV > band.ucl ? [maxV] : []),
          ...(minV < band.lcl ? [minV] : []),
        ];
  const labelled: number[] = [];
  for (const v of ticks) {
    const y = py(v);
    c.line(LEFT - 4, y, LEFT, y, BLACK);
    // Labels closer than a text height would print over each other: the limits' go first.
    if (labelled.some((ly) => Math.abs(y - ly) < 10)) continue;
    c.text(LEFT - 8, y - 3, formatTick(v), BLACK, { align: 'right' });
    labelled.push(y);
  }
  if (band !== undefined) {
    c.line(LEFT, py(band.center), WIDTH - RIGHT, py(band.center), CENTER);
    for (const [v, name] of [
      [band.ucl, 'UCL'],
      [band.lcl, 'LCL'],
    ] as const) {
      dashed(c, LEFT, WIDTH - RIGHT, py(v), LIMIT);
      c.text(WIDTH - RIGHT - 4, py(v) + (name === 'UCL' ? -11 : 3), name, LIMIT, { align: 'right' });
    }
  } else {
    c.text(WIDTH - RIGHT - 4, top + 4, 'no limits', GREY, { align: 'right' });
  }
  for (let i = 1; i < panel.values.length; i++) {
    const a = panel.values[i - 1];
    const b = panel.values[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    c.line(px(i - 1), py(a), px(i), py(b), SERIES, 2);
  }
  panel.values.forEach((v, i) => {
    if (v === null) return;
    const bad = panel.flagged?.has(i) === true;
    c.fillCircle(px(i), py(v), 3, bad ? FLAG : SERIES);
    if (bad) c.strokeCircle(px(i), py(v), 6, FLAG);
  });
}

function dashed(c: Canvas, x0: number, x1: number, y: number, colour: Rgba): void {
  for (let x = x0; x < x1; x += 10) c.line(x, y, Math.min(x + 6, x1), y, colour);
}

/** Four significant digits, without a trailing exponent for ordinary magnitudes. */
function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e6 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
}
