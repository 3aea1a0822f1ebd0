import { describe, expect, it } from 'vitest';
import { BLACK, Canvas, type Rgba, WHITE } from './canvas.js';
import { GLYPH_HEIGHT, hasGlyph, textWidth } from './font.js';

const RED: Rgba = [255, 0, 0, 255];

function count(c: Canvas, colour: Rgba): number {
  let n = 0;
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) if (c.get(x, y).every((v, i) => v === colour[i])) n++;
  }
  return n;
}

describe('Canvas', () => {
  it('starts filled with the background', () => {
    const c = new Canvas(3, 2, [1, 2, 3, 4]);
    expect(c.get(2, 1)).toEqual([1, 2, 3, 4]);
    expect(c.data.length).toBe(3 * 2 * 4);
  });

  it('refuses a bad size', () => {
    expect(() => new Canvas(0, 5)).toThrow(RangeError);
    expect(() => new Canvas(2.5, 5)).toThrow(RangeError);
  });

  it('fills exactly the rectangle, clipped to the canvas', () => {
    const c = new Canvas(10, 10);
    c.fillRect(2, 3, 4, 5, RED);
    expect(count(c, RED)).toBe(20);
    expect(c.get(2, 3)).toEqual(RED);
    expect(c.get(5, 7)).toEqual(RED);
    expect(c.get(6, 7)).toEqual(WHITE);
    c.fillRect(-5, -5, 7, 7, BLACK); // 2x2 visible
    expect(count(c, BLACK)).toBe(4);
  });

  it('outlines a rectangle with its perimeter pixels', () => {
    const c = new Canvas(10, 10);
    c.strokeRect(1, 1, 5, 4, RED);
    // Perimeter of a 5x4 pixel block: 2*5 + 2*(4-2).
    expect(count(c, RED)).toBe(14);
    expect(c.get(3, 2)).toEqual(WHITE);
  });

  it('draws a line through both end points with one pixel per major step', () => {
    const c = new Canvas(20, 20);
    c.line(1.5, 2.5, 15.5, 9.5, RED);
    expect(c.get(1, 2)).toEqual(RED);
    expect(c.get(15, 9)).toEqual(RED);
    expect(count(c, RED)).toBe(15); // |dx| + 1 pixels for an x-major Bresenham line
  });

  it('fills a disc with about pi r^2 pixels', () => {
    const c = new Canvas(100, 100);
    c.fillCircle(50, 50, 20, RED);
    const n = count(c, RED);
    // Gauss circle problem: error is O(r), well under 2% at r = 20.
    expect(Math.abs(n - Math.PI * 400) / (Math.PI * 400)).toBeLessThan(0.02);
    expect(c.get(50, 50)).toEqual(RED);
    expect(c.get(50, 75)).toEqual(WHITE);
  });

  it('strokes a circle ring of about 2 pi r pixels', () => {
    const c = new Canvas(100, 100);
    c.strokeCircle(50, 50, 20, RED);
    const n = count(c, RED);
    expect(n).toBeGreaterThan(2 * Math.PI * 20 * 0.8);
    expect(n).toBeLessThan(2 * Math.PI * 20 * 1.6);
    expect(c.get(50, 50)).toEqual(WHITE);
  });

  it('draws an arrow whose head is at the tip', () => {
    const c = new Canvas(40, 40);
    c.arrow(5.5, 20.5, 30.5, 20.5, RED, { head: 8 });
    expect(c.get(30, 20)).toEqual(RED);
    expect(c.get(5, 20)).toEqual(RED);
    // The head is wider than the shaft just behind the tip.
    expect(c.get(25, 21)).toEqual(RED);
    expect(c.get(25, 19)).toEqual(RED);
    expect(c.get(10, 21)).toEqual(WHITE);
    expect(c.get(31, 20)).toEqual(WHITE);
  });

  it('blends a translucent colour source-over', () => {
    const c = new Canvas(1, 1, WHITE);
    c.plot(0, 0, [0, 0, 0, 128]);
    // 255 * (1 - 128/255) = 127
    expect(c.get(0, 0)).toEqual([127, 127, 127, 255]);
  });

  it('renders text in the 5x7 font: the glyph "1" has its known column bitmap', () => {
    const c = new Canvas(10, 10);
    const w = c.text(1, 1, '1', BLACK);
    expect(w).toBe(textWidth('1'));
    // Column 2 of '1' is 0x7f: all 7 rows set; column 1 is 0x42: rows 1 and 6.
    for (let row = 0; row < GLYPH_HEIGHT; row++) expect(c.get(3, 1 + row)).toEqual(BLACK);
    expect(c.get(2, 2)).toEqual(BLACK);
    expect(c.get(2, 7)).toEqual(BLACK);
    expect(c.get(2, 3)).toEqual(WHITE);
    expect(count(c, BLACK)).toBe(7 + 2 + 1);
  });

  it('scales and right-aligns text', () => {
    const c = new Canvas(60, 20);
    const w = c.text(59, 0, 'AB', BLACK, { scale: 2, align: 'right' });
    expect(w).toBe((2 * 6 - 1) * 2);
    expect(c.get(59 - w - 1, 2)).toEqual(WHITE);
  });

  it('covers digits, letters and the punctuation used in labels', () => {
    for (const ch of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .,:-+%()/=<>µ±') {
      expect(hasGlyph(ch), ch).toBe(true);
    }
  });
  it('outlines a circle with exactly the pixels whose centre lies within half a pixel of the radius', () => {
    // Reference: the definition tested on every pixel of the canvas (the canvas only visits pixels
    // near the ring); circles inside, clipped at each edge, and smaller than a pixel.
    for (const [cx, cy, r] of [
      [50, 50, 20],
      [50.3, 49.7, 33.25],
      [5, 90, 30],
      [95, 3, 12.5],
      [40, 40, 0.4],
      [50, 50, 70],
    ] as const) {
      const c = new Canvas(100, 100);
      c.strokeCircle(cx, cy, r, RED);
      for (let y = 0; y < 100; y++) {
        for (let x = 0; x < 100; x++) {
          const onRing = Math.abs(Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r) <= 0.5;
          expect(c.get(x, y), `(${x}, ${y}) of circle ${cx}, ${cy}, ${r}`).toEqual(onRing ? RED : WHITE);
        }
      }
    }
  });

  it('blends a translucent fill and replaces with an opaque one', () => {
    const c = new Canvas(4, 1, [0, 0, 0, 255]);
    c.fillRect(0, 0, 2, 1, [255, 255, 255, 128]);
    c.fillRect(2, 0, 2, 1, [10, 20, 30, 255]);
    expect(c.get(0, 0)).toEqual([128, 128, 128, 255]);
    expect(c.get(3, 0)).toEqual([10, 20, 30, 255]);
  });
});
