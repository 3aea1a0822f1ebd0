import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fft, nextPowerOfTwo } from './fft.js';

// Reference: the DFT definition summed directly, O(N^2).
function naiveDft(re: number[], im: number[], sign: number): [number[], number[]] {
  const n = re.length;
  const outR: number[] = [];
  const outI: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const a = (sign * 2 * Math.PI * k * t) / n;
      sr += re[t]! * Math.cos(a) - im[t]! * Math.sin(a);
      si += re[t]! * Math.sin(a) + im[t]! * Math.cos(a);
    }
    outR.push(sr);
    outI.push(si);
  }
  return [outR, outI];
}

describe('Fft', () => {
  it('matches the direct DFT sum for every power of two up to 64', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer(), (log2n, seed) => {
        const n = 1 << log2n;
        let s = seed >>> 0;
        const rnd = () => {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          return s / 2 ** 32 - 0.5;
        };
        const re = Array.from({ length: n }, rnd);
        const im = Array.from({ length: n }, rnd);
        const [er, ei] = naiveDft(re, im, -1);
        const fr = Float64Array.from(re);
        const fi = Float64Array.from(im);
        new Fft(n).forward(fr, fi);
        for (let k = 0; k < n; k++) {
          expect(fr[k]).toBeCloseTo(er[k]!, 10);
          expect(fi[k]).toBeCloseTo(ei[k]!, 10);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('transforms a unit impulse at 1 into the twiddle sequence exp(-2 pi i k / N)', () => {
    const n = 16;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    re[1] = 1;
    new Fft(n).forward(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(Math.cos((2 * Math.PI * k) / n), 14);
      expect(im[k]).toBeCloseTo(-Math.sin((2 * Math.PI * k) / n), 14);
    }
  });

  it('inverseScaled undoes forward', () => {
    const n = 256;
    const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + (i % 5));
    const im = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 1.1));
    const r0 = re.slice();
    const i0 = im.slice();
    const fft = new Fft(n);
    fft.forward(re, im);
    fft.inverseScaled(re, im);
    for (let i = 0; i < n; i++) {
      expect(re[i]).toBeCloseTo(r0[i]!, 12);
      expect(im[i]).toBeCloseTo(i0[i]!, 12);
    }
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => new Fft(12)).toThrow(RangeError);
    expect(nextPowerOfTwo(65)).toBe(128);
    expect(nextPowerOfTwo(64)).toBe(64);
    expect(nextPowerOfTwo(1)).toBe(1);
  });
});

describe('Fft.transformColumns', () => {
  it.each([16, 32])('equals transforming each column on its own, forward and inverse (N = %i)', (n) => {
    const cols = 5;
    const re = Float64Array.from({ length: n * cols }, (_, i) => Math.sin(i * 0.61) + (i % 3));
    const im = Float64Array.from({ length: n * cols }, (_, i) => Math.cos(i * 0.23));
    const fft = new Fft(n);
    for (const sign of [-1, 1] as const) {
      const r2 = re.slice();
      const i2 = im.slice();
      fft.transformColumns(r2, i2, cols, sign);
      for (let c = 0; c < cols; c++) {
        const cr = Float64Array.from({ length: n }, (_, t) => re[t * cols + c]!);
        const ci = Float64Array.from({ length: n }, (_, t) => im[t * cols + c]!);
        if (sign === -1) fft.forward(cr, ci);
        else fft.inverse(cr, ci);
        for (let t = 0; t < n; t++) {
          expect(r2[t * cols + c]).toBeCloseTo(cr[t]!, 11);
          expect(i2[t * cols + c]).toBeCloseTo(ci[t]!, 11);
        }
      }
    }
  });
});
