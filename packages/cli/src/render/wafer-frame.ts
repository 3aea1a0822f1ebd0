import { BLACK, type Canvas, type Rgba } from './canvas.js';

/** What a wafer plot needs to know of the geometry (µm). */
export interface WaferGeometry {
  /** Wafer radius and edge exclusion. */
  R: number;
  e: number;
  /** Die width and length. */
  W: number;
  L: number;
}

/** Maps wafer coordinates (µm, y up, centre 0) to canvas pixels (y down). */
export interface WaferFrame {
  x(um: number): number;
  y(um: number): number;
  /** Pixels per µm. */
  scale: number;
}

const GREY: Rgba = [150, 150, 150, 255];

/**
 * Draw the wafer outline (and the edge-exclusion circle when e > 0) in a
 * square of `size` pixels whose top-left corner is (left, top), with the notch
 * at the bottom as in the bonded coordinates. Returns the coordinate mapping.
 */
export function drawWaferFrame(
  canvas: Canvas,
  geom: WaferGeometry,
  left: number,
  top: number,
  size: number,
): WaferFrame {
  const scale = (size - 4) / (2 * geom.R);
  const cx = left + size / 2;
  const cy = top + size / 2;
  const frame: WaferFrame = { x: (um) => cx + um * scale, y: (um) => cy - um * scale, scale };
  canvas.fillCircle(cx, cy, geom.R * scale, [245, 245, 245, 255]);
  if (geom.e > 0) canvas.strokeCircle(cx, cy, (geom.R - geom.e) * scale, GREY);
  canvas.strokeCircle(cx, cy, geom.R * scale, BLACK);
  // Notch: a small V cut at the bottom of the wafer (6 o'clock).
  const ny = cy + geom.R * scale;
  canvas.fillPolygon(
    [
      [cx - 5, ny + 1],
      [cx + 5, ny + 1],
      [cx, ny - 6],
    ],
    [255, 255, 255, 255],
  );
  canvas.line(cx - 5, ny, cx, ny - 6, BLACK);
  canvas.line(cx, ny - 6, cx + 5, ny, BLACK);
  return frame;
}

/** Fill one die (centre in µm) with a colour, leaving a 1-pixel street when dies are big enough. */
export function fillDie(
  canvas: Canvas,
  frame: WaferFrame,
  geom: WaferGeometry,
  cx: number,
  cy: number,
  c: Rgba,
): void {
  const w = geom.W * frame.scale;
  const h = geom.L * frame.scale;
  const x0 = frame.x(cx - geom.W / 2);
  const y0 = frame.y(cy + geom.L / 2);
  const inset = w >= 4 && h >= 4 ? 0.5 : 0;
  canvas.fillRect(x0 + inset, y0 + inset, Math.max(1, w - 2 * inset), Math.max(1, h - 2 * inset), c);
}

/**
 * One legend entry: a 14 px swatch with its label, drawn at (x, top); returns
 * the x where the next entry starts.
 */
export function legendSwatch(c: Canvas, x: number, top: number, col: Rgba, label: string): number {
  c.fillRect(x, top, 14, 14, col);
  c.strokeRect(x, top, 14, 14, BLACK);
  return x + 20 + c.text(x + 20, top + 4, label, BLACK) + 18;
}
