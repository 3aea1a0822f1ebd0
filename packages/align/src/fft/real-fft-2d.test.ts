import { describe, expect, it } from 'vitest';
import { RealFft2d } from './real-fft-2d.js';

// Reference: the 2-D DFT definition of the zero-padded block, summed directly.
function naive2d(src: number[][], rows: number, cols: number, ky: number, kx: number): [number, number] {
  let sr = 0;
  let si = 0;
  src.forEach((row, y) => {
    row.forEach((v, x) => {
      const a = -2 * Math.PI * ((ky * y) / rows + (kx * x) / cols);
      sr += v * Math.cos(a);
      si += v * Math.sin(a);
    });
  });
  return [sr, si];
}

describe('RealFft2d', () => {
  const rows = 8;
  const cols = 16;
  const block = Array.from({ length: 5 }, (_, y) =>
    Array.from({ length: 11 }, (_, x) => Math.sin(x * 0.7 + y * y * 0.3) + x / 11),
  );

  it('forward equals the direct 2-D DFT of the zero-padded block on every kept bin', () => {
    const f = new RealFft2d(rows, cols);
    const { re, im } = f.allocSpectrum();
    f.forward(Float64Array.from(block.flat()), 11, 5, re, im);
    for (let ky = 0; ky < rows; ky++) {
      for (let kx = 0; kx <= cols / 2; kx++) {
        const [er, ei] = naive2d(block, rows, cols, ky, kx);
        expect(re[ky * f.halfCols + kx]).toBeCloseTo(er, 11);
        expect(im[ky * f.halfCols + kx]).toBeCloseTo(ei, 11);
      }
    }
  });

  it('inverse returns the zero-padded block, including an odd number of rows requested', () => {
    const f = new RealFft2d(rows, cols);
    const { re, im } = f.allocSpectrum();
    f.forward(Float64Array.from(block.flat()), 11, 5, re, im);
    const out = new Float64Array(rows * cols);
    f.inverse(re, im, out, 7);
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < cols; x++) {
        const want = block[y]?.[x] ?? 0;
        expect(out[y * cols + x]).toBeCloseTo(want, 12);
      }
    }
  });

  it('reads a sub-block of a larger image through stride and offset', () => {
    const f = new RealFft2d(4, 4);
    const big = Float64Array.from({ length: 36 }, (_, i) => i);
    const a = f.allocSpectrum();
    f.forward(big, 3, 2, a.re, a.im, 6, 6 * 2 + 1);
    const out = new Float64Array(16);
    f.inverse(a.re, a.im, out);
    expect([...out.subarray(0, 3)].map((v) => Math.round(v))).toEqual([13, 14, 15]);
    expect([...out.subarray(4, 7)].map((v) => Math.round(v))).toEqual([19, 20, 21]);
    expect(Math.abs(out[3]!) + Math.abs(out[8]!)).toBeLessThan(1e-12);
  });
});
