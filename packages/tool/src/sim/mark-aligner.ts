// The aligner's microscope and its registration: one look at one wafer's alignment mark renders a
// camera image of the mark where it really is and registers it with @bondline/align, exactly as the
// real aligner would (docs/align.md §4); the difference between the found and the true position is
// the registration residual, not a number drawn from an assumed distribution (docs/tool.md §4).
import {
  isRefusal,
  type MarkImageOptions,
  NccMatcher,
  type RegistrationRefusalCode,
  renderMarkImage,
  renderMarkTemplate,
} from '@bondline/align';
import { normal, type Rng } from '@bondline/physics';
import type { TwinParams } from './twin-params.js';

/**
 * Camera image and mark geometry (px). A 64 x 64 image against a 40 x 40 template registers in about
 * 0.5 ms with 0.02 px RMS error at 5 % noise (packages/tool/README.md, "Digital twin"), and still
 * searches ±9 px before the match is refused as clipped.
 */
const IMAGE_PX = 64;
const TEMPLATE_PX = 40;
const MARK: Omit<MarkImageOptions, 'width' | 'height'> = {
  kind: 'cross',
  sizePx: 24,
  linePx: 4,
  blurPx: 1.5,
};

/** One look at a mark: the residual (found - true, image px, x right, y down) and the match score, or the refusal. */
export type MarkReading =
  | { ok: true; dxPx: number; dyPx: number; score: number }
  | { ok: false; code: RegistrationRefusalCode };

/** The microscope of the simulated aligner, with its matcher built once (the template never changes). */
export class MarkAligner {
  private readonly matcher: NccMatcher;

  constructor(private readonly twin: TwinParams) {
    const base: MarkImageOptions = { ...MARK, width: IMAGE_PX, height: IMAGE_PX };
    this.matcher = new NccMatcher(renderMarkTemplate(base, TEMPLATE_PX, TEMPLATE_PX), IMAGE_PX, IMAGE_PX);
  }

  /**
   * Render the mark at its true position and register it. The mark lies off the image centre by the
   * stage's placement error (stageNoiseNm x `noiseFactor`, in px at pixelNm) plus a uniform sub-pixel
   * phase (the camera's pixel grid is not registered to the wafer); the image carries Gaussian noise of
   * markNoise x `noiseFactor` of the mark contrast. A refused match (missing, ambiguous, clipped) is a
   * reading the aligner retries; any other issue is a programming error here and throws.
   */
  read(rng: Rng, noiseFactor: number): MarkReading {
    const placementPx = (this.twin.stageNoiseNm * noiseFactor) / this.twin.pixelNm;
    const shiftX = normal(rng, 0, placementPx) + rng.uniform() - 0.5;
    const shiftY = normal(rng, 0, placementPx) + rng.uniform() - 0.5;
    const image = renderMarkImage({
      ...MARK,
      width: IMAGE_PX,
      height: IMAGE_PX,
      shiftX,
      shiftY,
      noise: this.twin.markNoise * noiseFactor,
      seed: rng.nextU32(),
    });
    const r = this.matcher.register(image);
    if (r.ok) return { ok: true, dxPx: r.value.dx - shiftX, dyPx: r.value.dy - shiftY, score: r.value.score };
    const first = r.issues[0];
    if (first !== undefined && isRefusal(first.code)) return { ok: false, code: first.code };
    throw new Error(`mark registration could not run: ${first?.message ?? 'no issue given'}`);
  }
}
