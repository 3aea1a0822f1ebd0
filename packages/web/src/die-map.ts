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
 * Draw the map into `canvas`, `sizePx` CSS pixels square, sharp on high-density screens. The dies are
 * written as one pixel each into an image, scaled up without smoothing in one drawImage, then the
 * gaps between dies are cut out once dies are big enough to show them: a few hundred operations
 * whatever the die count, where one rectangle per die costs thousands (a 3,900-die map).
 */
export function drawDieMap(canvas: HTMLCanvasElement, map: DieMap, sizePx: number): void {
  const ratio = window.devicePixelRatio || 1;
  const side = Math.round(sizePx * ratio);
  canvas.width = side;
  canvas.height = side;
  canvas.style.width = `${sizePx}px`;
  canvas.style.height = `${sizePx}px`;
  const ctx = canvas.getContext('2d');
  const dies = document.createElement('canvas');
  dies.width = map.cols;
  dies.height = map.rows;
  const diesCtx = dies.getContext('2d');
  if (ctx === null || diesCtx === null) return;
  const image = diesCtx.createImageData(map.cols, map.rows);
  const rgba = new Map<number, readonly [number, number, number]>();
  map.codes.forEach((code, i) => {
    if (code === OFF_WAFER) return;
    let c = rgba.get(code);
    if (c === undefined) {
      c = rgbOf(causeOf(code).colour);
      rgba.set(code, c);
    }
    image.data.set([c[0], c[1], c[2], 255], i * 4);
  });
  diesCtx.putImageData(image, 0, 0);
  // Whole device pixels per die, so every die is drawn the same size and every gap is one pixel; the
  // dies keep their aspect, so the round wafer stays round.
  const aspect = dieAspect(map);
  const cellH = Math.max(1, Math.floor(Math.min(side / map.rows, side / (map.cols * aspect))));
  const cellW = Math.max(1, Math.round(cellH * aspect));
  const x0 = Math.floor((side - cellW * map.cols) / 2);
  const y0 = Math.floor((side - cellH * map.rows) / 2);
  ctx.clearRect(0, 0, side, side);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(dies, x0, y0, cellW * map.cols, cellH * map.rows);
  if (Math.min(cellW, cellH) < 6 * ratio) return;
  const gap = Math.max(1, Math.round(ratio));
  ctx.globalCompositeOperation = 'destination-out';
  for (let c = 1; c <= map.cols; c++) ctx.fillRect(x0 + c * cellW - gap, y0, gap, cellH * map.rows);
  for (let r = 1; r <= map.rows; r++) ctx.fillRect(x0, y0 + r * cellH - gap, cellW * map.cols, gap);
  ctx.globalCompositeOperation = 'source-over';
}

/**
 * A die's width over its height, read from the map itself: the wafer is round, so the dies on it span
 * the same diameter across and down, and rows spanned × die height = columns spanned × die width.
 * The map carries no die size (docs/fab.md §1.4); 1 for a map with no die on the wafer, and held
 * within 1/4..4 so a partial map cannot draw a sliver.
 */
export function dieAspect(map: DieMap): number {
  let top = map.rows;
  let bottom = -1;
  let left = map.cols;
  let right = -1;
  map.codes.forEach((code, i) => {
    if (code === OFF_WAFER) return;
    const r = Math.floor(i / map.cols);
    const c = i - r * map.cols;
    top = Math.min(top, r);
    bottom = Math.max(bottom, r);
    left = Math.min(left, c);
    right = Math.max(right, c);
  });
  if (bottom < 0) return 1;
  return Math.min(4, Math.max(0.25, (bottom - top + 1) / (right - left + 1)));
}

function rgbOf(hex: string): readonly [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
