import { describe, expect, it } from 'vitest';
import { Canvas } from './canvas.js';
import { decodePng, encodePng } from './png.js';

describe('encodePng', () => {
  it('writes a PNG signature and round-trips every pixel', () => {
    const c = new Canvas(7, 5, [10, 20, 30, 255]);
    c.fillRect(1, 1, 2, 2, [200, 100, 50, 255]);
    const bytes = encodePng(c);
    // PNG signature, from the PNG specification section 5.2.
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const back = decodePng(bytes);
    expect(back.width).toBe(7);
    expect(back.height).toBe(5);
    expect(back.data).toEqual(c.data);
  });
});
