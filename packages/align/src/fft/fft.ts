/**
 * In-place complex FFT of one power-of-two length, on separate real and
 * imaginary arrays (iterative radix-2, decimation in time). Twiddles and the
 * bit-reversal permutation are computed once per length, so reuse one `Fft`
 * object for many transforms.
 *
 * Forward: X[k] = sum_n x[n] exp(-2 pi i k n / N). Inverse: the conjugate
 * kernel, unscaled (divide by N yourself, or use `inverseScaled`).
 */
export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || (size & (size - 1)) !== 0) {
      throw new RangeError(`FFT size must be a power of two, got ${size}`);
    }
    this.size = size;
    const half = size >> 1;
    this.cos = new Float64Array(Math.max(half, 1));
    this.sin = new Float64Array(Math.max(half, 1));
    for (let k = 0; k < half; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.rev = new Uint32Array(size);
    const bits = Math.round(Math.log2(size));
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
  }

  /** Forward transform of `re + i im` in place. */
  forward(re: Float64Array, im: Float64Array): void {
    this.transform(re, im, -1);
  }

  /** Unscaled inverse transform in place. */
  inverse(re: Float64Array, im: Float64Array): void {
    this.transform(re, im, 1);
  }

  /** Inverse transform scaled by 1/N, so `inverseScaled(forward(x)) = x`. */
  inverseScaled(re: Float64Array, im: Float64Array): void {
    this.transform(re, im, 1);
    const s = 1 / this.size;
    for (let i = 0; i < this.size; i++) {
      re[i] = re[i]! * s;
      im[i] = im[i]! * s;
    }
  }

  /**
   * Transform every column of a `size` x `cols` row-major block at once (forward
   * if `sign` is -1, unscaled inverse if 1). The butterflies sweep whole rows,
   * so memory is read contiguously instead of gathering each column.
   */
  transformColumns(re: Float64Array, im: Float64Array, cols: number, sign: 1 | -1): void {
    const n = this.size;
    if (re.length < n * cols || im.length < n * cols) {
      throw new RangeError(`column FFT of ${n}x${cols} needs arrays of that length`);
    }
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        const a = i * cols;
        const b = j * cols;
        for (let c = 0; c < cols; c++) {
          const tr = re[a + c]!;
          re[a + c] = re[b + c]!;
          re[b + c] = tr;
          const ti = im[a + c]!;
          im[a + c] = im[b + c]!;
          im[b + c] = ti;
        }
      }
    }
    const cos = this.cos;
    const sin = this.sin;
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let j = 0; j < half; j++) {
        const wr = cos[j * step]!;
        const wi = sign * sin[j * step]!;
        for (let i = j; i < n; i += size) {
          const a = i * cols;
          const b = (i + half) * cols;
          if (j === 0) {
            for (let c = 0; c < cols; c++) {
              const xr = re[b + c]!;
              const xi = im[b + c]!;
              const ar = re[a + c]!;
              const ai = im[a + c]!;
              re[b + c] = ar - xr;
              im[b + c] = ai - xi;
              re[a + c] = ar + xr;
              im[a + c] = ai + xi;
            }
            continue;
          }
          for (let c = 0; c < cols; c++) {
            const xr = re[b + c]!;
            const xi = im[b + c]!;
            const tr = xr * wr - xi * wi;
            const ti = xr * wi + xi * wr;
            const ar = re[a + c]!;
            const ai = im[a + c]!;
            re[b + c] = ar - tr;
            im[b + c] = ai - ti;
            re[a + c] = ar + tr;
            im[a + c] = ai + ti;
          }
        }
      }
    }
  }

  private transform(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
    const n = this.size;
    if (re.length < n || im.length < n) throw new RangeError(`FFT of size ${n} needs arrays of that length`);
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    const cos = this.cos;
    const sin = this.sin;
    // First stage (twiddle 1) on its own: it is a quarter of all butterflies.
    for (let i = 0; i + 1 < n; i += 2) {
      const ar = re[i]!;
      const ai = im[i]!;
      const br = re[i + 1]!;
      const bi = im[i + 1]!;
      re[i] = ar + br;
      im[i] = ai + bi;
      re[i + 1] = ar - br;
      im[i + 1] = ai - bi;
    }
    for (let size = 4; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let j = 0; j < half; j++) {
        const wr = cos[j * step]!;
        const wi = sign * sin[j * step]!;
        for (let i = j; i < n; i += size) {
          const k = i + half;
          const xr = re[k]!;
          const xi = im[k]!;
          const tr = xr * wr - xi * wi;
          const ti = xr * wi + xi * wr;
          const ar = re[i]!;
          const ai = im[i]!;
          re[k] = ar - tr;
          im[k] = ai - ti;
          re[i] = ar + tr;
          im[i] = ai + ti;
        }
      }
    }
  }
}

/** Smallest power of two >= `n` (n >= 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
