import { fail, formatIssues } from '@bondline/core';
import type { GreyImage } from '../image/grey-image.js';
import { ClipDetector } from './clip-detector.js';
import { clippedOrMissing, finishRefinement, refuseAtPeak } from './decide.js';
import { checkLimits } from './limits.js';
import type { PeakPair } from './peak-search.js';
import type { RefinedPosition, TranslationRefiner } from './translation-refiner.js';
import type { RegistrationLimits, RegistrationMethod, RegistrationResult } from './types.js';

/**
 * What the NCC and phase matchers share: the template and image size they
 * serve, the range of template positions searched (top-left x and y), the
 * acceptance limits, and the way from an integer peak to a result (refusals
 * at the peak, refinement, refusals after it, a missing mark upgraded to
 * clipped when it hangs over the edge).
 */
export class SearchFrame {
  readonly template: GreyImage;
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly searchWidth: number;
  readonly searchHeight: number;
  readonly limits: Required<RegistrationLimits>;
  private clip: ClipDetector | undefined;
  // Built on first need: only failed searches look past the image edge.
  private readonly clipDetector = (): ClipDetector => {
    this.clip ??= new ClipDetector(this.template, this.imageWidth, this.imageHeight);
    return this.clip;
  };

  /** Throws RangeError (a programmer error: `registerMark` checks inputs from files) on bad sizes or limits. */
  constructor(template: GreyImage, imageWidth: number, imageHeight: number, limits: RegistrationLimits) {
    const { width: tw, height: th } = template;
    if (tw > imageWidth || th > imageHeight) {
      throw new RangeError(`template ${tw}x${th} is larger than the image ${imageWidth}x${imageHeight}`);
    }
    const checked = checkLimits(limits);
    if (!checked.ok) throw new RangeError(formatIssues(checked.issues));
    this.template = template;
    this.imageWidth = imageWidth;
    this.imageHeight = imageHeight;
    this.searchWidth = imageWidth - tw + 1;
    this.searchHeight = imageHeight - th + 1;
    this.limits = checked.value;
  }

  /** Throws RangeError (a programmer error) unless `image` has the size this frame serves. */
  checkSize(image: GreyImage): void {
    const { width: w, height: h } = image;
    if (w !== this.imageWidth || h !== this.imageHeight) {
      throw new RangeError(`matcher is for ${this.imageWidth}x${this.imageHeight} images, got ${w}x${h}`);
    }
  }

  /**
   * From the integer peaks of a method's surface to the result: refuse at the
   * peak (`scoreAtPeak` is the NCC there), otherwise call `refine` and check
   * the refined position and score.
   */
  decide(
    method: RegistrationMethod,
    image: GreyImage,
    refiner: TranslationRefiner,
    peaks: PeakPair,
    scoreAtPeak: number,
    refine: () => RefinedPosition,
  ): RegistrationResult {
    const { searchWidth, searchHeight, limits } = this;
    const refusal = refuseAtPeak(image, refiner, peaks, scoreAtPeak, searchWidth, searchHeight, limits);
    if (refusal !== undefined) return fail(clippedOrMissing(image, refusal, this.clipDetector, limits));
    const result = finishRefinement(method, image, refiner, refine(), limits);
    if (result.ok) return result;
    return fail(clippedOrMissing(image, result.issues[0]!, this.clipDetector, limits));
  }
}
