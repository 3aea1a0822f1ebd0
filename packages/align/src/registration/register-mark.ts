import { fail, issue } from '@bondline/core';
import type { GreyImage } from '../image/grey-image.js';
import { checkLimits } from './limits.js';
import { NccMatcher, type NccOptions } from './ncc-matcher.js';
import { PhaseMatcher, type PhaseOptions } from './phase-matcher.js';
import type { RegistrationLimits, RegistrationMethod, RegistrationResult } from './types.js';

/** Everything `registerMark` can be told; all optional. */
export interface RegisterMarkOptions {
  method?: RegistrationMethod;
  limits?: RegistrationLimits;
  ncc?: NccOptions;
  phase?: PhaseOptions;
}

/**
 * Locate `template` in `image` once (builds a matcher; for repeated use build
 * an `NccMatcher` / `PhaseMatcher` and reuse it). Since both come from files,
 * inputs registration cannot work on are issues, not exceptions: a template
 * smaller than 3x3 px, larger than the image or without contrast, a sample
 * that is not finite, a limit out of its range (see `isRefusal` to tell
 * these from a refused match).
 */
export function registerMark(
  image: GreyImage,
  template: GreyImage,
  options: RegisterMarkOptions = {},
): RegistrationResult {
  const method = options.method ?? 'ncc';
  const limits = checkLimits(options.limits ?? {});
  if (!limits.ok) return limits;
  const { width: tw, height: th } = template;
  if (tw < 3 || th < 3) {
    return fail(issue('template-too-small', `the template is ${tw}x${th} px; it must be at least 3x3 px`));
  }
  if (tw > image.width || th > image.height) {
    return fail(
      issue(
        'template-larger-than-image',
        `the template (${tw}x${th} px) is larger than the image (${image.width}x${image.height} px); ` +
          'the image must contain the whole template',
      ),
    );
  }
  for (const [what, img] of [
    ['image', image],
    ['template', template],
  ] as const) {
    const bad = img.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const x = bad % img.width;
      return fail(
        issue(
          'non-finite',
          `the ${what} sample at (${x}, ${(bad - x) / img.width}) is ${img.data[bad]}, not a finite number`,
        ),
      );
    }
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of template.data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // Below this the template's variance vanishes in rounding and every correlation is 0/0.
  if (hi - lo <= 1e-9 * Math.max(1, Math.abs(hi))) {
    return fail(
      issue(
        'flat-template',
        `the template has no contrast (every pixel is ${lo.toPrecision(4)}), so there is nothing to match`,
      ),
    );
  }
  const matcher =
    method === 'ncc'
      ? new NccMatcher(template, image.width, image.height, limits.value, options.ncc)
      : new PhaseMatcher(template, image.width, image.height, limits.value, options.phase);
  return matcher.register(image);
}
