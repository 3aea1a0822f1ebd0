import type { GreyImage } from '../image/grey-image.js';
import { cubicShiftBlock, SHIFT_TAPS } from './cubic-shift.js';
import { type GaussNewtonStep, gainOffsetStep, gradientGainStep } from './gauss-newton-step.js';
import { type TemplateSums, templateSums } from './template-sums.js';

/** Where the template sits after refinement (top-left corner, px), with score and 1-sigma uncertainty. */
export interface RefinedPosition {
  x: number;
  y: number;
  /** NCC between the template and the resampled image block. */
  score: number;
  sigmaX: number;
  sigmaY: number;
  iterations: number;
  /** False if the block would need pixels outside the image. */
  inside: boolean;
}

/**
 * Sub-pixel refinement of a template position by Gauss-Newton on
 * sum_u (a * I(p + u) + b - T(u))^2 over the shift p and a linear brightness
 * change (a, b) - i.e. maximising NCC. The image block is resampled with a
 * separable six-point cubic kernel at the current p; the shift Jacobian uses the
 * template gradient (since a * grad I(p + u) = grad T(u) at the solution),
 * so everything that depends on the template alone is computed once here.
 * This removes the pull toward integer positions of a parabolic peak fit.
 */
export class TranslationRefiner {
  readonly width: number;
  readonly height: number;
  private readonly sums: TemplateSums;
  private readonly block: Float64Array;
  private readonly tmp: Float64Array;
  private readonly wx = new Float64Array(SHIFT_TAPS);
  private readonly wy = new Float64Array(SHIFT_TAPS);
  private readonly gradient: boolean;

  /**
   * `illuminationGradient`: also fit a brightness gain that varies linearly
   * across the block, T ~ (a + ax u + ay v) I + b, for microscopes whose
   * illumination falls off across the field; otherwise T ~ a I + b.
   */
  constructor(template: GreyImage, options: { illuminationGradient?: boolean } = {}) {
    this.gradient = options.illuminationGradient ?? false;
    this.sums = templateSums(template);
    const { width: w, height: h } = template;
    this.width = w;
    this.height = h;
    this.block = new Float64Array(w * h);
    this.tmp = new Float64Array(w * (h + SHIFT_TAPS - 1));
  }

  /** True if the block at top-left (x, y) can be resampled from `image`. */
  fits(image: GreyImage, x: number, y: number): boolean {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    return ix >= 2 && iy >= 2 && ix + this.width + 3 <= image.width && iy + this.height + 3 <= image.height;
  }

  /**
   * Refine from the top-left position (x, y) px; stops when the step is below
   * `tolPx` or after `maxIterations`. With `maxIterations` 0 it only scores (x, y).
   */
  refine(image: GreyImage, x: number, y: number, maxIterations = 10, tolPx = 1e-4): RefinedPosition {
    let px = x;
    let py = y;
    let last: Omit<RefinedPosition, 'x' | 'y' | 'iterations' | 'inside'> = {
      score: 0,
      sigmaX: Infinity,
      sigmaY: Infinity,
    };
    for (let it = 0; ; it++) {
      if (!this.fits(image, px, py)) return { x: px, y: py, ...last, iterations: it, inside: false };
      const step = this.step(image, px, py);
      last = step;
      if (it >= maxIterations || step.singular)
        return { x: px, y: py, ...last, iterations: it, inside: true };
      px += step.dx;
      py += step.dy;
      if (Math.abs(step.dx) < tolPx && Math.abs(step.dy) < tolPx) {
        return { x: px, y: py, ...last, iterations: it + 1, inside: true };
      }
    }
  }

  /** Resample the block at top-left (x, y) and take one Gauss-Newton step from there. */
  private step(image: GreyImage, x: number, y: number): GaussNewtonStep {
    const { width: w, height: h, block } = this;
    cubicShiftBlock(image.data, image.width, x, y, w, h, block, this.tmp, this.wx, this.wy);
    return this.gradient ? gradientGainStep(this.sums, block) : gainOffsetStep(this.sums, block);
  }
}
