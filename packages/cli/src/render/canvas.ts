import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyph, textWidth } from './font.js';

/** A colour as red, green, blue, alpha, each 0..255. */
export type Rgba = readonly [number, number, number, number];

export const WHITE: Rgba = [255, 255, 255, 255];
export const BLACK: Rgba = [0, 0, 0, 255];

export interface TextOptions {
  /** Integer pixel magnification of the 5x7 font (default 1). */
  scale?: number;
  /** Horizontal anchor of `x` (default 'left'). */
  align?: 'left' | 'center' | 'right';
}

/**
 * A small RGBA raster canvas for plots written as PNG: pixel coordinates with
 * x to the right and y downward, (0, 0) at the top-left pixel's corner.
 * Drawing is clipped to the canvas and blends source-over by the colour's
 * alpha. Shapes are not anti-aliased: plots stay crisp and tests can check
 * exact pixels.
 */
export class Canvas {
  readonly width: number;
  readonly height: number;
  /** Row-major RGBA bytes, 4 per pixel (the layout pngjs expects). */
  readonly data: Uint8Array;
  /** The same pixels as one 32-bit word each (RGBA bytes in memory order), for filling spans at once. */
  private readonly words: Uint32Array;

  constructor(width: number, height: number, background: Rgba = WHITE) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`canvas size must be positive integers, got ${width}x${height}`);
    }
    if (width * height > 64e6) throw new RangeError(`canvas ${width}x${height} is too large`);
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height * 4);
    this.words = new Uint32Array(this.data.buffer, this.data.byteOffset, width * height);
    this.words.fill(packed(background));
  }

  /** Colour of pixel (x, y); integer coordinates inside the canvas. */
  get(x: number, y: number): Rgba {
    if (!this.inside(x, y))
      throw new RangeError(`pixel (${x}, ${y}) is outside ${this.width}x${this.height}`);
    const i = (y * this.width + x) * 4;
    const d = this.data;
    return [d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!];
  }

  /** Paint one pixel (integer coordinates; outside pixels are ignored). */
  plot(x: number, y: number, c: Rgba): void {
    if (!this.inside(x, y)) return;
    const i = (y * this.width + x) * 4;
    const a = c[3] / 255;
    const d = this.data;
    if (a >= 1) {
      d[i] = c[0];
      d[i + 1] = c[1];
      d[i + 2] = c[2];
      d[i + 3] = 255;
      return;
    }
    if (a <= 0) return;
    const da = d[i + 3]! / 255;
    const oa = a + da * (1 - a);
    for (let k = 0; k < 3; k++) {
      d[i + k] = Math.round((c[k]! * a + d[i + k]! * da * (1 - a)) / oa);
    }
    d[i + 3] = Math.round(oa * 255);
  }

  /** Fill the axis-aligned rectangle [x, x+w) x [y, y+h), rounded to pixel edges. */
  fillRect(x: number, y: number, w: number, h: number, c: Rgba): void {
    const x0 = Math.max(0, Math.round(Math.min(x, x + w)));
    const x1 = Math.min(this.width, Math.round(Math.max(x, x + w)));
    const y0 = Math.max(0, Math.round(Math.min(y, y + h)));
    const y1 = Math.min(this.height, Math.round(Math.max(y, y + h)));
    for (let py = y0; py < y1; py++) this.hline(x0, x1 - 1, py, c);
  }

  /** One-pixel outline of the rectangle filled by fillRect with the same arguments. */
  strokeRect(x: number, y: number, w: number, h: number, c: Rgba): void {
    const x0 = Math.round(Math.min(x, x + w));
    const x1 = Math.round(Math.max(x, x + w)) - 1;
    const y0 = Math.round(Math.min(y, y + h));
    const y1 = Math.round(Math.max(y, y + h)) - 1;
    if (x1 < x0 || y1 < y0) return;
    this.hline(x0, x1, y0, c);
    if (y1 > y0) this.hline(x0, x1, y1, c);
    for (let py = y0 + 1; py < y1; py++) {
      this.plot(x0, py, c);
      if (x1 > x0) this.plot(x1, py, c);
    }
  }

  /**
   * Straight line from the pixel containing (x0, y0) to the one containing
   * (x1, y1) (Bresenham); `width` > 1 stamps a square brush of that many pixels.
   */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgba, width = 1): void {
    let x = Math.floor(x0);
    let y = Math.floor(y0);
    const xe = Math.floor(x1);
    const ye = Math.floor(y1);
    const dx = Math.abs(xe - x);
    const dy = -Math.abs(ye - y);
    const sx = x < xe ? 1 : -1;
    const sy = y < ye ? 1 : -1;
    let err = dx + dy;
    const half = Math.floor((Math.max(1, Math.round(width)) - 1) / 2);
    const size = Math.max(1, Math.round(width));
    // Bounded by the line's pixel length: a guard against NaN/Infinity inputs.
    const steps = dx - dy + 1;
    if (!Number.isFinite(steps)) return;
    for (let n = 0; n < steps; n++) {
      if (size === 1) this.plot(x, y, c);
      else this.stamp(x - half, y - half, size, c);
      if (x === xe && y === ye) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  /** Filled disc of radius r (pixels) centred at (cx, cy): pixels whose centre lies within r. */
  fillCircle(cx: number, cy: number, r: number, c: Rgba): void {
    if (!(r > 0)) return;
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r));
    for (let py = y0; py <= y1; py++) {
      const dy = py + 0.5 - cy;
      const half = r * r - dy * dy;
      if (half < 0) continue;
      const s = Math.sqrt(half);
      const x0 = Math.max(0, Math.ceil(cx - s - 0.5));
      const x1 = Math.min(this.width - 1, Math.floor(cx + s - 0.5));
      if (x1 >= x0) this.hline(x0, x1, py, c);
    }
  }

  /** Circle outline of radius r (pixels) centred at (cx, cy), about one pixel wide. */
  strokeCircle(cx: number, cy: number, r: number, c: Rgba): void {
    if (!(r > 0)) return;
    const y0 = Math.max(0, Math.floor(cy - r - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r + 1));
    const ring = (px: number, py: number): void => {
      if (Math.abs(Math.hypot(px + 0.5 - cx, py + 0.5 - cy) - r) <= 0.5) this.plot(px, py, c);
    };
    for (let py = y0; py <= y1; py++) {
      // Only pixels near the ring are tested: between the inner and outer radius on each side (a
      // pixel of margin), not the whole bounding box, which for a wafer outline is 100x the work.
      const dy = py + 0.5 - cy;
      const outer = Math.sqrt(Math.max(0, (r + 0.5) ** 2 - dy * dy));
      const inner = Math.sqrt(Math.max(0, (r - 0.5) ** 2 - dy * dy));
      const leftEnd = Math.min(this.width - 1, Math.ceil(cx - inner) + 1);
      const rightStart = Math.max(0, Math.floor(cx + inner) - 1);
      const from = Math.max(0, Math.floor(cx - outer) - 1);
      const to = Math.min(this.width - 1, Math.ceil(cx + outer) + 1);
      for (let px = from; px <= Math.min(leftEnd, to); px++) ring(px, py);
      for (let px = Math.max(rightStart, leftEnd + 1, from); px <= to; px++) ring(px, py);
    }
  }

  /**
   * Arrow from (x0, y0) to the tip (x1, y1) with a filled triangular head of
   * length `head` pixels (default 6, shortened for short arrows).
   */
  arrow(
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    c: Rgba,
    opts: { head?: number; width?: number } = {},
  ): void {
    const len = Math.hypot(x1 - x0, y1 - y0);
    this.line(x0, y0, x1, y1, c, opts.width ?? 1);
    if (!(len > 0)) return;
    const head = Math.min(opts.head ?? 6, len * 0.6);
    const ux = (x1 - x0) / len;
    const uy = (y1 - y0) / len;
    const bx = x1 - ux * head;
    const by = y1 - uy * head;
    const hw = head * 0.45;
    // The shaft ends in the pixel containing the tip; the head is drawn in continuous coordinates.
    this.fillPolygon(
      [
        [x1, y1],
        [bx - uy * hw, by + ux * hw],
        [bx + uy * hw, by - ux * hw],
      ],
      c,
    );
  }

  /** Fill a simple polygon (even-odd rule on pixel centres). */
  fillPolygon(points: readonly (readonly [number, number])[], c: Rgba): void {
    if (points.length < 3) return;
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const [, y] of points) {
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    if (!Number.isFinite(minY) || !Number.isFinite(maxY)) return;
    const y0 = Math.max(0, Math.floor(minY));
    const y1 = Math.min(this.height - 1, Math.ceil(maxY));
    const xs: number[] = [];
    for (let py = y0; py <= y1; py++) {
      const sy = py + 0.5;
      xs.length = 0;
      for (let i = 0; i < points.length; i++) {
        const [ax, ay] = points[i]!;
        const [bx, by] = points[(i + 1) % points.length]!;
        if (ay <= sy !== by <= sy) xs.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const xa = Math.max(0, Math.ceil(xs[k]! - 0.5));
        const xb = Math.min(this.width - 1, Math.floor(xs[k + 1]! - 0.5));
        if (xb >= xa) this.hline(xa, xb, py, c);
      }
    }
  }

  /**
   * Draw one line of text in the built-in 5x7 font with its top edge at y.
   * Returns the drawn width in pixels.
   */
  text(x: number, y: number, str: string, c: Rgba, opts: TextOptions = {}): number {
    const scale = Math.max(1, Math.round(opts.scale ?? 1));
    const w = textWidth(str, scale);
    const align = opts.align ?? 'left';
    let px = Math.round(align === 'left' ? x : align === 'center' ? x - w / 2 : x - w);
    const py = Math.round(y);
    for (const ch of str) {
      const cols = glyph(ch);
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        const bits = cols[col]!;
        for (let row = 0; row < GLYPH_HEIGHT; row++) {
          if ((bits >> row) & 1) this.stamp(px + col * scale, py + row * scale, scale, c);
        }
      }
      px += GLYPH_ADVANCE * scale;
    }
    return w;
  }

  private inside(x: number, y: number): boolean {
    return (
      Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < this.width && y < this.height
    );
  }

  private hline(x0: number, x1: number, y: number, c: Rgba): void {
    // An opaque span inside the canvas replaces its pixels: one fill instead of a blend per pixel
    // (maps of hundreds of dies per lot are drawn pair after pair).
    if (c[3] >= 255 && this.inside(x0, y) && this.inside(x1, y)) {
      const row = y * this.width;
      this.words.fill(packed(c), row + x0, row + x1 + 1);
      return;
    }
    for (let x = x0; x <= x1; x++) this.plot(x, y, c);
  }

  private stamp(x: number, y: number, size: number, c: Rgba): void {
    for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) this.plot(x + dx, y + dy, c);
  }
}

/** True when the machine stores the low byte of a word first (x86, ARM as Node runs them). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** A colour as the 32-bit word its four bytes (red first) make in memory, in the machine's byte order. */
function packed(c: Rgba): number {
  return LITTLE_ENDIAN
    ? ((c[3] << 24) | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0
    : ((c[0] << 24) | (c[1] << 16) | (c[2] << 8) | c[3]) >>> 0;
}
