import type { GreyImage } from '../image/grey-image.js';
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
 * an `NccMatcher` / `PhaseMatcher` and reuse it). A template larger than the
 * image is refused as clipped rather than thrown, since both come from files.
 */
export function registerMark(
  image: GreyImage,
  template: GreyImage,
  options: RegisterMarkOptions = {},
): RegistrationResult {
  const method = options.method ?? 'ncc';
  if (template.width > image.width || template.height > image.height) {
    return {
      ok: false,
      method,
      code: 'clipped',
      score: 0,
      reason: `template ${template.width}x${template.height} px does not fit in the ${image.width}x${image.height} px image`,
    };
  }
  const matcher =
    method === 'ncc'
      ? new NccMatcher(template, image.width, image.height, options.limits, options.ncc)
      : new PhaseMatcher(template, image.width, image.height, options.limits, options.phase);
  return matcher.register(image);
}
