import { nextPowerOfTwo } from '../fft/fft.js';
import { RealFft2d } from '../fft/real-fft-2d.js';
import type { GreyImage } from '../image/grey-image.js';

/** A match found with the template partly outside the image. */
export interface ClippedMatch {
  /** Template centre relative to the image centre, px (integer positions). */
  dx: number;
  dy: number;
  /** NCC over the overlapping part. */
  score: number;
  /** Fraction of the template area inside the image. */
  overlap: number;
}

/**
 * Looks for the template where it only partly overlaps the image (at least
 * `minOverlap` of its width and of its height inside), scoring each position
 * by NCC over the overlapping rectangle only. This is what tells a mark cut
 * by the image edge (clipped) from no mark at all (missing), so it runs only
 * when the normal, fully-overlapping search found nothing good enough. One
 * correlation on a grid large enough that no position wraps, plus integral
 * images of the image and of the template for the overlap sums.
 */
export class ClipDetector {
  private readonly template: GreyImage;
  private readonly fft: RealFft2d;
  private readonly tRe: Float64Array;
  private readonly tIm: Float64Array;
  private readonly tS1: Float64Array;
  private readonly tS2: Float64Array;
  private readonly minOverlap: number;

  constructor(template: GreyImage, imageWidth: number, imageHeight: number, minOverlap = 0.5) {
    const { width: tw, height: th } = template;
    this.template = template;
    this.minOverlap = minOverlap;
    this.fft = new RealFft2d(nextPowerOfTwo(imageHeight + th), nextPowerOfTwo(imageWidth + tw));
    const t = this.fft.allocSpectrum();
    this.fft.forward(template.data, tw, th, t.re, t.im);
    this.tRe = t.re;
    this.tIm = t.im.map((v) => -v);
    [this.tS1, this.tS2] = integralImages(template.data, tw, th);
  }

  /** Best partial-overlap match, or undefined if no position scores at least `minScore`. */
  find(image: GreyImage, minScore: number): ClippedMatch | undefined {
    const { width: w, height: h } = image;
    const { width: tw, height: th } = this.template;
    const fft = this.fft;
    const s = fft.allocSpectrum();
    fft.forward(image.data, w, h, s.re, s.im);
    for (let i = 0; i < s.re.length; i++) {
      const ar = s.re[i]!;
      const ai = s.im[i]!;
      s.re[i] = ar * this.tRe[i]! - ai * this.tIm[i]!;
      s.im[i] = ar * this.tIm[i]! + ai * this.tRe[i]!;
    }
    const corr = new Float64Array(fft.rows * fft.cols);
    fft.inverse(s.re, s.im, corr);
    const [iS1, iS2] = integralImages(image.data, w, h);
    const mx = Math.ceil(this.minOverlap * tw);
    const my = Math.ceil(this.minOverlap * th);
    let best: ClippedMatch | undefined;
    // Template top-left (px, py); fully-inside positions were already searched.
    for (let py = my - th; py <= h - my; py++) {
      for (let px = mx - tw; px <= w - mx; px++) {
        if (px >= 0 && py >= 0 && px + tw <= w && py + th <= h) continue;
        // Overlap rectangle in image coordinates and in template coordinates.
        const x0 = Math.max(0, px);
        const y0 = Math.max(0, py);
        const x1 = Math.min(w, px + tw);
        const y1 = Math.min(h, py + th);
        const n = (x1 - x0) * (y1 - y0);
        const sI = boxSum(iS1, w + 1, x0, y0, x1, y1);
        const sII = boxSum(iS2, w + 1, x0, y0, x1, y1);
        const sT = boxSum(this.tS1, tw + 1, x0 - px, y0 - py, x1 - px, y1 - py);
        const sTT = boxSum(this.tS2, tw + 1, x0 - px, y0 - py, x1 - px, y1 - py);
        const c = corr[((py + fft.rows) % fft.rows) * fft.cols + ((px + fft.cols) % fft.cols)]!;
        const vi = sII - (sI * sI) / n;
        const vt = sTT - (sT * sT) / n;
        if (!(vi > 1e-12 * n && vt > 1e-12 * n)) continue;
        const score = (c - (sI * sT) / n) / Math.sqrt(vi * vt);
        if (score >= minScore && (best === undefined || score > best.score)) {
          best = {
            dx: px + (tw - 1) / 2 - (w - 1) / 2,
            dy: py + (th - 1) / 2 - (h - 1) / 2,
            score,
            overlap: n / (tw * th),
          };
        }
      }
    }
    return best;
  }
}

function integralImages(data: Float64Array, w: number, h: number): [Float64Array, Float64Array] {
  const s1 = new Float64Array((w + 1) * (h + 1));
  const s2 = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let r1 = 0;
    let r2 = 0;
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      r1 += v;
      r2 += v * v;
      s1[(y + 1) * (w + 1) + x + 1] = s1[y * (w + 1) + x + 1]! + r1;
      s2[(y + 1) * (w + 1) + x + 1] = s2[y * (w + 1) + x + 1]! + r2;
    }
  }
  return [s1, s2];
}

function boxSum(s: Float64Array, stride: number, x0: number, y0: number, x1: number, y1: number): number {
  return s[y1 * stride + x1]! - s[y0 * stride + x1]! - s[y1 * stride + x0]! + s[y0 * stride + x0]!;
}
