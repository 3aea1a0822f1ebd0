// A pair's die yield map (docs/fab.md §1.4: [rows, cols] u8, 0 good, 1 overlay, 2 void, 3 copper —
// @bondline/physics's cause codes — and 255 off the wafer) counted by cause and drawn on a canvas.
// Colours from Okabe and Ito's palette, told apart with the common colour-vision deficiencies; the
// legend names each cause with its count, so no reading depends on colour alone.
import type { JsonMap } from './api-types.js';

export const OFF_WAFER = 255;

export interface Cause {
  readonly code: number;
  readonly name: string;
  readonly colour: string;
}

export const CAUSES: readonly Cause[] = [
  { code: 0, name: 'good', colour: '#009e73' },
  { code: 1, name: 'overlay', colour: '#e69f00' },
  { code: 2, name: 'void', colour: '#0072b2' },
  { code: 3, name: 'copper', colour: '#cc79a7' },
];
const UNKNOWN: Cause = { code: -1, name: 'other', colour: '#000000' };

export interface DieMap {
  readonly rows: number;
  readonly cols: number;
  /** Cause code per die, row-major; OFF_WAFER for a site off the wafer. */
  readonly codes: Uint8Array;
}

export type DieMapResult = { ok: true; value: DieMap } | { ok: false; message: string };

/** The API's map as cause codes; refused when it is not a [rows, cols] map of bytes. */
export function dieMapOf(map: JsonMap): DieMapResult {
  const [rows, cols, ...rest] = map.shape;
  if (rows === undefined || cols === undefined || rest.length > 0)
    return { ok: false, message: `a die map is [rows, cols], not [${map.shape.join(', ')}]` };
  if (map.data.length !== rows * cols)
    return { ok: false, message: `${map.data.length} elements for a ${rows} × ${cols} map` };
  const codes = new Uint8Array(rows * cols);
  for (let i = 0; i < codes.length; i++) {
    const v = map.data[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255)
      return { ok: false, message: `element ${i} (${String(v)}) is not a cause code` };
    codes[i] = v;
  }
  return { ok: true, value: { rows, cols, codes } };
}

/** Dies on the wafer per cause code (off-wafer sites left out). */
export function countCauses(map: DieMap): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of map.codes) if (c !== OFF_WAFER) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

export function causeOf(code: number): Cause {
  return CAUSES.find((c) => c.code === code) ?? { ...UNKNOWN, code, name: `code ${code}` };
}

/**
 * Draw the map into `canvas`, `sizePx` CSS pixels square, sharp on high-density screens. Dies of one
 * cause are filled in one pass (one fillStyle change per cause): a 3,900-die map is a few thousand
 * rectangles.
 */
export function drawDieMap(canvas: HTMLCanvasElement, map: DieMap, sizePx: number): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(sizePx * ratio);
  canvas.height = Math.round(sizePx * ratio);
  canvas.style.width = `${sizePx}px`;
  canvas.style.height = `${sizePx}px`;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, sizePx, sizePx);
  const cell = sizePx / Math.max(map.rows, map.cols);
  const x0 = (sizePx - cell * map.cols) / 2;
  const y0 = (sizePx - cell * map.rows) / 2;
  // A gap between dies once they are big enough to show one: the grid reads as dies, not a blur.
  const gap = cell >= 6 ? 1 : 0;
  const byCode = new Map<number, number[]>();
  map.codes.forEach((code, i) => {
    if (code === OFF_WAFER) return;
    const list = byCode.get(code);
    if (list === undefined) byCode.set(code, [i]);
    else list.push(i);
  });
  for (const [code, dies] of byCode) {
    ctx.fillStyle = causeOf(code).colour;
    for (const i of dies) {
      const r = Math.floor(i / map.cols);
      const c = i - r * map.cols;
      ctx.fillRect(x0 + c * cell, y0 + r * cell, cell - gap, cell - gap);
    }
  }
}
