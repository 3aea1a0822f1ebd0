import type { Result, SchemaIssueCode } from '@bondline/core';

/** Which estimator located the mark. */
export type RegistrationMethod = 'ncc' | 'phase';

/**
 * Why a match was refused (the registration ran; the image does not show one clear mark):
 * - missing: best score below the threshold (no mark, or a very different one);
 * - ambiguous: another, separate peak scores nearly as high (repeated pattern);
 * - clipped: the peak is at the edge of the search range, so the mark lies
 *   partly or wholly outside the image.
 */
export type RegistrationRefusalCode = 'missing' | 'ambiguous' | 'clipped';

/**
 * Why registration could not run at all (bad input, not a property of the image content):
 * the template is smaller than 3x3 px, larger than the image, or has no contrast; a sample is not
 * finite; a limit is out of its range (the schema codes).
 */
export type RegistrationInputCode =
  | 'template-too-small'
  | 'template-larger-than-image'
  | 'flat-template'
  | 'non-finite'
  | SchemaIssueCode;

export type RegistrationIssueCode = RegistrationRefusalCode | RegistrationInputCode;

const REFUSALS: ReadonlySet<string> = new Set<RegistrationRefusalCode>(['missing', 'ambiguous', 'clipped']);

/** True for a refused match (missing, ambiguous, clipped), false for an input problem. */
export function isRefusal(code: string): code is RegistrationRefusalCode {
  return REFUSALS.has(code);
}

/**
 * Offset convention: (dx, dy) is where the template's centre lies in the image
 * relative to the image centre, in pixels, x to the right, y down. Centres are
 * ((w-1)/2, (h-1)/2) with pixel (0, 0) centred at (0, 0). A template cut from
 * the middle of an image of a centred mark therefore registers at (0, 0) on
 * that image, and at (shiftX, shiftY) on the same mark shifted by that much.
 */
export interface RegistrationMatch {
  method: RegistrationMethod;
  dx: number;
  dy: number;
  /** Normalised cross-correlation between the template and the image at the final offset, -1..1. */
  score: number;
  /** 1-sigma standard uncertainty of dx and dy (px) from the fit residuals and the template gradients. */
  sigmaX: number;
  sigmaY: number;
}

/**
 * The match, or the issues: one refusal (its message says what was seen, the best score, and which
 * limit it broke), or the input problems.
 */
export type RegistrationResult = Result<RegistrationMatch, RegistrationIssueCode>;

/** Acceptance limits shared by both methods. */
export interface RegistrationLimits {
  /** Refuse as missing below this NCC score, in (0, 1] (default 0.5). */
  minScore?: number;
  /** Refuse as ambiguous when a separate peak reaches this fraction of the best, in (0, 1] (default 0.8). */
  ambiguityRatio?: number;
  /** Peaks closer than this to the best one (px) are the same peak, 0..1000 (default 3). */
  peakSeparationPx?: number;
}

export const DEFAULT_LIMITS: Required<RegistrationLimits> = {
  minScore: 0.5,
  ambiguityRatio: 0.8,
  peakSeparationPx: 3,
};
