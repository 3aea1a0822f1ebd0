import { describe, expect, it } from 'vitest';
import { RealFft2d } from './real-fft-2d.js';
import { upsampledDft } from './upsampled-dft.js';

describe('upsampledDft', () => {
  it('on integer points equals the plain inverse FFT (times rows*cols) of a band-limited image', () => {
    // A sum of low-frequency cosines has no Nyquist content, so dropping that bin changes nothing.
    const rows = 16;
    const cols = 8;
    const img = new Float64Array(rows * cols);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        img[y * cols + x] =
          1 + Math.cos((2 * Math.PI * (2 * x + 3 * y)) / 16 + 0.3) + 0.5 * Math.sin((2 * Math.PI * x) / 8);
      }
    }
    const f = new RealFft2d(rows, cols);
    const s = f.allocSpectrum();
    f.forward(img, cols, rows, s.re, s.im);
    const out = upsampledDft(s.re, s.im, rows, cols, 3, 2, 4, 3, 1);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 3; j++)
        expect(out[i * 3 + j]! / (rows * cols)).toBeCloseTo(img[(3 + i) * cols + 2 + j]!, 10);
    }
  });

  it('interpolates a pure phase ramp to a Dirichlet peak exactly at the sub-pixel shift', () => {
    // Spectrum of a delta at (sy, sx) = (0.3, -0.45): S = exp(-2 pi i (ky sy / N + kx sx / M)).
    const rows = 32;
    const cols = 32;
    const half = cols / 2 + 1;
    const re = new Float64Array(rows * half);
    const im = new Float64Array(rows * half);
    const sy = 0.3;
    const sx = -0.45;
    for (let ky = 0; ky < rows; ky++) {
      const kc = ky < rows / 2 ? ky : ky - rows;
      for (let kx = 0; kx < half; kx++) {
        const a = -2 * Math.PI * ((kc * sy) / rows + (kx * sx) / cols);
        re[ky * half + kx] = Math.cos(a);
        im[ky * half + kx] = Math.sin(a);
      }
    }
    const factor = 100;
    const out = upsampledDft(re, im, rows, cols, -1, -1, 201, 201, factor);
    let best = 0;
    for (let i = 1; i < out.length; i++) if (out[i]! > out[best]!) best = i;
    expect(-1 + Math.floor(best / 201) / factor).toBeCloseTo(sy, 10);
    expect(-1 + (best % 201) / factor).toBeCloseTo(sx, 10);
  });
});
