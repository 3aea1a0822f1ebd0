import { describe, expect, it } from 'vitest';
import { leastSquares } from './least-squares.js';

// NIST Statistical Reference Datasets, linear regression "Longley" (higher difficulty:
// an ill-conditioned design), https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml.
// Columns: y, x1 .. x6. Model y = b0 + b1 x1 + ... + b6 x6.
const DATA = [
  [60323, 83.0, 234289, 2356, 1590, 107608, 1947],
  [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
  [60171, 88.2, 258054, 3682, 1616, 109773, 1949],
  [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
  [63221, 96.2, 328975, 2099, 3099, 112075, 1951],
  [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
  [64989, 99.0, 365385, 1870, 3547, 115094, 1953],
  [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
  [66019, 101.2, 397469, 2904, 3048, 117388, 1955],
  [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
  [68169, 108.4, 442769, 2936, 2798, 120445, 1957],
  [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
  [68655, 112.6, 482704, 3813, 2552, 123366, 1959],
  [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
  [69331, 115.7, 518173, 4806, 2572, 127852, 1961],
  [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
];
// Certified estimates and standard deviations.
const CERT = [
  [-3482258.63459582, 890420.383607373],
  [15.0618722713733, 84.9149257747669],
  [-0.35819179292591e-1, 0.334910077722432e-1],
  [-2.02022980381683, 0.488399681651699],
  [-1.03322686717359, 0.214274163161675],
  [-0.511041056535807e-1, 0.22607320006937],
  [1829.15146461355, 455.478499142212],
];
const CERT_RESIDUAL_SD = 304.854073561965;

describe('leastSquares on NIST StRD Longley', () => {
  it('matches the certified coefficients and standard errors to 1e-8 relative', () => {
    const m = DATA.length;
    const n = 7;
    const a = new Float64Array(m * n);
    const b = new Float64Array(m);
    DATA.forEach((row, i) => {
      b[i] = row[0] as number;
      a[i * n] = 1;
      for (let j = 1; j < n; j++) a[i * n + j] = row[j] as number;
    });
    const r = leastSquares(a, m, n, b);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const s2 = r.value.rss / (m - n);
    expect(Math.abs(Math.sqrt(s2) - CERT_RESIDUAL_SD) / CERT_RESIDUAL_SD).toBeLessThan(1e-8);
    CERT.forEach(([est, sd], j) => {
      expect(Math.abs((r.value.x[j] as number) - (est as number)) / Math.abs(est as number)).toBeLessThan(
        1e-8,
      );
      const se = Math.sqrt(s2 * (r.value.covUnscaled[j * n + j] as number));
      expect(Math.abs(se - (sd as number)) / (sd as number)).toBeLessThan(1e-8);
    });
  });
});
