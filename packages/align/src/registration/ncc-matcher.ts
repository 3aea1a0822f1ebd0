import { nextPowerOfTwo } from '../fft/fft.js';
import { RealFft2d } from '../fft/real-fft-2d.js';
import type { GreyImage } from '../image/grey-image.js';
import { findPeaks } from './peak-search.js';
import { SearchFrame } from './search-frame.js';
import { TranslationRefiner } from './translation-refiner.js';
import type { RegistrationLimits, RegistrationResult } from './types.js';

/** Tuning of the NCC method. */
export interface NccOptions {
  /**
   * Refine with a brightness gain that varies linearly across the template
   * (illumination fall-off) instead of a constant gain and offset. Removes the
   * bias a gradient causes (see README) at some cost in speed; the score is
   * then the NCC after that correction.
   */
  illuminationGradient?: boolean;
}

/**
 * Normalised cross-correlation of one template against images of one size,
 * with everything that depends only on the template computed once: its
 * zero-mean spectrum and norm, the refiner's gradients and sums, and all
 * buffers. Correlation runs in the Fourier domain on a power-of-two grid at
 * least as large as the image (no wrap-around for the fully-overlapping
 * positions); the local image mean and energy under the template come from
 * integral images, so the whole NCC map costs two 2-D real FFTs plus O(pixels).
 * The integer peak is then refined to sub-pixel by `TranslationRefiner`.
 * Not re-entrant: one matcher per concurrent caller.
 */
export class NccMatcher {
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Number of template positions (top-left x and y) searched. */
  readonly searchWidth: number;
  readonly searchHeight: number;
  private readonly frame: SearchFrame;
  private readonly fft: RealFft2d;
  private readonly tRe: Float64Array;
  private readonly tIm: Float64Array;
  private readonly tNorm: number;
  private readonly sRe: Float64Array;
  private readonly sIm: Float64Array;
  private readonly corr: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly map: Float64Array;
  private readonly refiner: TranslationRefiner;

  constructor(
    template: GreyImage,
    imageWidth: number,
    imageHeight: number,
    limits: RegistrationLimits = {},
    options: NccOptions = {},
  ) {
    const frame = new SearchFrame(template, imageWidth, imageHeight, limits);
    const { width: tw, height: th } = template;
    this.frame = frame;
    this.imageWidth = imageWidth;
    this.imageHeight = imageHeight;
    this.searchWidth = frame.searchWidth;
    this.searchHeight = frame.searchHeight;
    this.fft = new RealFft2d(nextPowerOfTwo(imageHeight), nextPowerOfTwo(imageWidth));
    const n = tw * th;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += template.data[i]!;
    mean /= n;
    const zeroMean = new Float64Array(n);
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      const v = template.data[i]! - mean;
      zeroMean[i] = v;
      norm2 += v * v;
    }
    this.tNorm = Math.sqrt(norm2);
    const t = this.fft.allocSpectrum();
    this.fft.forward(zeroMean, tw, th, t.re, t.im);
    // Correlation = IFFT(I * conj(T)): store the conjugate once.
    for (let i = 0; i < t.im.length; i++) t.im[i] = -t.im[i]!;
    this.tRe = t.re;
    this.tIm = t.im;
    const s = this.fft.allocSpectrum();
    this.sRe = s.re;
    this.sIm = s.im;
    this.corr = new Float64Array(this.fft.rows * this.fft.cols);
    this.s1 = new Float64Array((imageWidth + 1) * (imageHeight + 1));
    this.s2 = new Float64Array((imageWidth + 1) * (imageHeight + 1));
    this.map = new Float64Array(this.searchWidth * this.searchHeight);
    this.refiner = new TranslationRefiner(template, options);
  }

  /** Locate the template in `image` (which must have the matcher's size). */
  register(image: GreyImage): RegistrationResult {
    const map = this.nccMap(image);
    const peaks = findPeaks(map, this.searchWidth, this.searchHeight, this.frame.limits.peakSeparationPx);
    return this.frame.decide('ncc', image, this.refiner, peaks, peaks.value, () =>
      this.refiner.refine(image, peaks.x, peaks.y),
    );
  }

  /**
   * The NCC map, `searchWidth` x `searchHeight`, entry (x, y) for the template's
   * top-left at image pixel (x, y); 0 where the image block is flat. The
   * returned array is reused by the next call.
   */
  nccMap(image: GreyImage): Float64Array {
    this.frame.checkSize(image);
    const { width: w, height: h, data } = image;
    const { fft, sRe, sIm, tRe, tIm, corr, s1, s2, map } = this;
    const tw = this.frame.template.width;
    const th = this.frame.template.height;
    fft.forward(data, w, h, sRe, sIm);
    for (let i = 0; i < sRe.length; i++) {
      const ar = sRe[i]!;
      const ai = sIm[i]!;
      const br = tRe[i]!;
      const bi = tIm[i]!;
      sRe[i] = ar * br - ai * bi;
      sIm[i] = ar * bi + ai * br;
    }
    fft.inverse(sRe, sIm, corr, this.searchHeight);
    // Integral images of I and I^2, (w+1) x (h+1) with a zero first row and column.
    const W1 = w + 1;
    for (let y = 0; y < h; y++) {
      let r1 = 0;
      let r2 = 0;
      const o = (y + 1) * W1;
      const u = y * W1;
      const d = y * w;
      for (let x = 0; x < w; x++) {
        const v = data[d + x]!;
        r1 += v;
        r2 += v * v;
        s1[o + x + 1] = s1[u + x + 1]! + r1;
        s2[o + x + 1] = s2[u + x + 1]! + r2;
      }
    }
    const n = tw * th;
    const cols = fft.cols;
    const floor = 1e-12 * n;
    for (let y = 0; y < this.searchHeight; y++) {
      for (let x = 0; x < this.searchWidth; x++) {
        const a = y * W1 + x;
        const b = a + tw;
        const c = a + th * W1;
        const dd = c + tw;
        const sum = s1[dd]! - s1[b]! - s1[c]! + s1[a]!;
        const sum2 = s2[dd]! - s2[b]! - s2[c]! + s2[a]!;
        const energy = sum2 - (sum * sum) / n;
        map[y * this.searchWidth + x] =
          energy > floor ? corr[y * cols + x]! / (Math.sqrt(energy) * this.tNorm) : 0;
      }
    }
    return map;
  }
}
