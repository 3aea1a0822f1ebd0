import { fail, type Issue, issue, type Result } from '@bondline/core';
import type { GreyImage } from '../image/grey-image.js';
import type { ClipDetector } from './clip-detector.js';
import type { PeakPair } from './peak-search.js';
import type { RefinedPosition, TranslationRefiner } from './translation-refiner.js';
import type {
  RegistrationLimits,
  RegistrationMatch,
  RegistrationMethod,
  RegistrationRefusalCode,
} from './types.js';

/** A refused match: what was seen and which limit it broke. */
type Refusal = Issue<RegistrationRefusalCode>;

/** Pixels of search range kept free at each border: the cubic refinement needs them. */
const BORDER_PX = 3;

const f3 = (v: number) => v.toFixed(3);

/**
 * Acceptance checks once a method has found its integer peak, in this order:
 * at the search border (clipped, unless the score is so low the mark is simply
 * missing), score below threshold (missing), a separate runner-up peak
 * (ambiguous). `scoreAtPeak` is the NCC at the integer peak; peak positions
 * are top-left template positions in the image. Returns undefined to accept.
 */
export function refuseAtPeak(
  image: GreyImage,
  refiner: TranslationRefiner,
  peaks: PeakPair,
  scoreAtPeak: number,
  searchWidth: number,
  searchHeight: number,
  limits: Required<RegistrationLimits>,
): Refusal | undefined {
  const score = Number.isFinite(scoreAtPeak) ? scoreAtPeak : 0;
  const atBorder =
    peaks.x < BORDER_PX ||
    peaks.y < BORDER_PX ||
    peaks.x >= searchWidth - BORDER_PX ||
    peaks.y >= searchHeight - BORDER_PX;
  const cx = peaks.x + (refiner.width - 1) / 2 - (image.width - 1) / 2;
  const cy = peaks.y + (refiner.height - 1) / 2 - (image.height - 1) / 2;
  if (atBorder && score >= limits.minScore / 2) {
    return issue(
      'clipped',
      `best match (score ${f3(score)}) at offset (${cx.toFixed(1)}, ${cy.toFixed(1)}) px is at the edge of the ` +
        `search range (|dx| <= ${Math.max(0, (searchWidth - 1) / 2 - BORDER_PX)}, |dy| <= ${Math.max(0, (searchHeight - 1) / 2 - BORDER_PX)} px): ` +
        'the mark is probably partly outside the image',
    );
  }
  if (score < limits.minScore) {
    return issue(
      'missing',
      `no mark found: best score ${f3(score)} is below the threshold ${f3(limits.minScore)}`,
    );
  }
  if (peaks.secondValue >= limits.ambiguityRatio * peaks.value) {
    const sx = peaks.secondX + (refiner.width - 1) / 2 - (image.width - 1) / 2;
    const sy = peaks.secondY + (refiner.height - 1) / 2 - (image.height - 1) / 2;
    return issue(
      'ambiguous',
      `two candidate positions: (${cx.toFixed(1)}, ${cy.toFixed(1)}) and (${sx.toFixed(1)}, ${sy.toFixed(1)}) px, ` +
        `the second peak at ${f3(peaks.secondValue / peaks.value)} of the first (limit ${f3(limits.ambiguityRatio)})`,
    );
  }
  return undefined;
}

/** Turn a refined top-left position into the centre-offset result, refusing if it drifted out or scored low. */
export function finishRefinement(
  method: RegistrationMethod,
  image: GreyImage,
  refiner: TranslationRefiner,
  r: RefinedPosition,
  limits: Required<RegistrationLimits>,
): Result<RegistrationMatch, RegistrationRefusalCode> {
  const dx = r.x + (refiner.width - 1) / 2 - (image.width - 1) / 2;
  const dy = r.y + (refiner.height - 1) / 2 - (image.height - 1) / 2;
  if (!r.inside) {
    return fail(
      issue(
        'clipped',
        `refinement moved the template to (${dx.toFixed(2)}, ${dy.toFixed(2)}) px, partly outside the image`,
      ),
    );
  }
  if (!(r.score >= limits.minScore)) {
    return fail(
      issue('missing', `refined score ${f3(r.score)} is below the threshold ${f3(limits.minScore)}`),
    );
  }
  return { ok: true, value: { method, dx, dy, score: r.score, sigmaX: r.sigmaX, sigmaY: r.sigmaY } };
}

/**
 * A 'missing' refusal becomes 'clipped' if the template does match where it
 * hangs over the image edge: the mark is there, but cut off.
 */
export function clippedOrMissing(
  image: GreyImage,
  refusal: Refusal,
  detector: () => ClipDetector,
  limits: Required<RegistrationLimits>,
): Refusal {
  if (refusal.code !== 'missing') return refusal;
  const hit = detector().find(image, limits.minScore);
  if (hit === undefined) return refusal;
  return issue(
    'clipped',
    `the mark appears at about (${hit.dx.toFixed(1)}, ${hit.dy.toFixed(1)}) px with only ` +
      `${(100 * hit.overlap).toFixed(0)} % of the template inside the image (score ${f3(hit.score)} on that part)`,
  );
}
