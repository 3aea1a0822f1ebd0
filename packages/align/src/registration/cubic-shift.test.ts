import { describe, expect, it } from 'vitest';
import { cubicShiftBlock, keys6Weights } from './cubic-shift.js';

describe('keys6Weights', () => {
  it('interpolates: weight 1 on the sample itself at f = 0', () => {
    const w = new Float64Array(6);
    keys6Weights(0, w);
    for (let k = 0; k < 6; k++) expect(Math.abs(w[k]! - (k === 2 ? 1 : 0))).toBeLessThan(1e-15);
  });

  it('reproduces polynomials up to cubic exactly (Keys 1981: fourth-order kernel)', () => {
    const w = new Float64Array(6);
    for (const f of [0.1, 0.25, 0.5, 0.73, 0.999]) {
      keys6Weights(f, w);
      for (let p = 0; p <= 3; p++) {
        // sum_k w_k (k - 2)^p must equal f^p
        let s = 0;
        for (let k = 0; k < 6; k++) s += w[k]! * (k - 2) ** p;
        expect(s).toBeCloseTo(f ** p, 12);
      }
    }
  });
});

describe('cubicShiftBlock', () => {
  it('samples a cubic surface exactly at a sub-pixel offset', () => {
    const W = 20;
    const f = (x: number, y: number) =>
      0.5 + 0.1 * x - 0.02 * x * x + 0.001 * x * x * x + 0.03 * y - 0.002 * x * y * y;
    const src = Float64Array.from({ length: W * W }, (_, i) => f(i % W, Math.floor(i / W)));
    const out = new Float64Array(5 * 4);
    cubicShiftBlock(
      src,
      W,
      6.37,
      7.81,
      5,
      4,
      out,
      new Float64Array(5 * 9),
      new Float64Array(6),
      new Float64Array(6),
    );
    for (let v = 0; v < 4; v++) {
      for (let u = 0; u < 5; u++) expect(out[v * 5 + u]).toBeCloseTo(f(6.37 + u, 7.81 + v), 11);
    }
  });
});
