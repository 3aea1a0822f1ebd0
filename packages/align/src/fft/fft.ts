/**
 * In-place complex FFT of one power-of-two length, on separate real and
 * imaginary arrays (iterative decimation in time; radix-2 stages fused in pairs,
 * i.e. radix-4 butterflies, plus one radix-2 stage when log2 N is odd). Twiddles and the
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
    const logN = Math.round(Math.log2(n));
    let h = 1;
    if (logN % 2 === 1) {
      for (let i = 0; i + 1 < n; i += 2) {
        const a = i * cols;
        const b = a + cols;
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
      }
      h = 2;
    }
    for (; 4 * h <= n; h *= 4) {
      const s1 = n / (2 * h);
      const s2 = n / (4 * h);
      for (let j = 0; j < h; j++) {
        const w1r = cos[j * s1]!;
        const w1i = sign * sin[j * s1]!;
        const w2r = cos[j * s2]!;
        const w2i = sign * sin[j * s2]!;
        for (let r0 = j; r0 < n; r0 += 4 * h) {
          const o0 = r0 * cols;
          const o1 = o0 + h * cols;
          const o2 = o1 + h * cols;
          const o3 = o2 + h * cols;
          for (let c = 0; c < cols; c++) {
            const x1r = re[o1 + c]!;
            const x1i = im[o1 + c]!;
            const t1r = x1r * w1r - x1i * w1i;
            const t1i = x1r * w1i + x1i * w1r;
            const x3r = re[o3 + c]!;
            const x3i = im[o3 + c]!;
            const t3r = x3r * w1r - x3i * w1i;
            const t3i = x3r * w1i + x3i * w1r;
            const x0r = re[o0 + c]!;
            const x0i = im[o0 + c]!;
            const x2r = re[o2 + c]!;
            const x2i = im[o2 + c]!;
            const a0r = x0r + t1r;
            const a0i = x0i + t1i;
            const a1r = x0r - t1r;
            const a1i = x0i - t1i;
            const a2r = x2r + t3r;
            const a2i = x2i + t3i;
            const a3r = x2r - t3r;
            const a3i = x2i - t3i;
            const u2r = a2r * w2r - a2i * w2i;
            const u2i = a2r * w2i + a2i * w2r;
            const vr = a3r * w2r - a3i * w2i;
            const vi = a3r * w2i + a3i * w2r;
            const u3r = -sign * vi;
            const u3i = sign * vr;
            re[o0 + c] = a0r + u2r;
            im[o0 + c] = a0i + u2i;
            re[o2 + c] = a0r - u2r;
            im[o2 + c] = a0i - u2i;
            re[o1 + c] = a1r + u3r;
            im[o1 + c] = a1i + u3i;
            re[o3 + c] = a1r - u3r;
            im[o3 + c] = a1i - u3i;
          }
        }
      }
    }
  }

  // The same butterflies as transformColumns, specialised to one vector: routing a vector through
  // transformColumns with cols = 1 measured 20-30 % slower per transform (N = 128, 512), and
  // 512x512 registration about 9 % slower, since the row FFTs of RealFft2d run here.
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
    const logN = Math.round(Math.log2(n));
    let h = 1;
    if (logN % 2 === 1) {
      // Odd number of stages: one plain radix-2 stage (twiddle 1) first.
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
      h = 2;
    }
    // Two radix-2 stages (half-sizes h and 2h) fused per pass: half the sweeps over memory.
    for (; 4 * h <= n; h *= 4) {
      const s1 = n / (2 * h);
      const s2 = n / (4 * h);
      for (let j = 0; j < h; j++) {
        const w1r = cos[j * s1]!;
        const w1i = sign * sin[j * s1]!;
        const w2r = cos[j * s2]!;
        const w2i = sign * sin[j * s2]!;
        for (let i0 = j; i0 < n; i0 += 4 * h) {
          const i1 = i0 + h;
          const i2 = i1 + h;
          const i3 = i2 + h;
          const x1r = re[i1]!;
          const x1i = im[i1]!;
          const t1r = x1r * w1r - x1i * w1i;
          const t1i = x1r * w1i + x1i * w1r;
          const x3r = re[i3]!;
          const x3i = im[i3]!;
          const t3r = x3r * w1r - x3i * w1i;
          const t3i = x3r * w1i + x3i * w1r;
          const x0r = re[i0]!;
          const x0i = im[i0]!;
          const x2r = re[i2]!;
          const x2i = im[i2]!;
          const a0r = x0r + t1r;
          const a0i = x0i + t1i;
          const a1r = x0r - t1r;
          const a1i = x0i - t1i;
          const a2r = x2r + t3r;
          const a2i = x2i + t3i;
          const a3r = x2r - t3r;
          const a3i = x2i - t3i;
          const u2r = a2r * w2r - a2i * w2i;
          const u2i = a2r * w2i + a2i * w2r;
          // W3 = W2 * (sign * i)
          const vr = a3r * w2r - a3i * w2i;
          const vi = a3r * w2i + a3i * w2r;
          const u3r = -sign * vi;
          const u3i = sign * vr;
          re[i0] = a0r + u2r;
          im[i0] = a0i + u2i;
          re[i2] = a0r - u2r;
          im[i2] = a0i - u2i;
          re[i1] = a1r + u3r;
          im[i1] = a1i + u3i;
          re[i3] = a1r - u3r;
          im[i3] = a1i - u3i;
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
