/** Which estimator located the mark. */
export type RegistrationMethod = 'ncc' | 'phase';

/**
 * Why a match was refused:
 * - missing: best score below the threshold (no mark, or a very different one);
 * - ambiguous: another, separate peak scores nearly as high (repeated pattern);
 * - clipped: the peak is at the edge of the search range, so the mark may lie
 *   partly or wholly outside the image, or the template does not fit the image.
 */
export type RegistrationRefusalCode = 'missing' | 'ambiguous' | 'clipped';

/**
 * Offset convention: (dx, dy) is where the template's centre lies in the image
 * relative to the image centre, in pixels, x to the right, y down. Centres are
 * ((w-1)/2, (h-1)/2) with pixel (0, 0) centred at (0, 0). A template cut from
 * the middle of an image of a centred mark therefore registers at (0, 0) on
 * that image, and at (shiftX, shiftY) on the same mark shifted by that much.
 */
export interface RegistrationMatch {
  ok: true;
  method: RegistrationMethod;
  dx: number;
  dy: number;
  /** Normalised cross-correlation between the template and the image at the final offset, -1..1. */
  score: number;
  /** 1-sigma standard uncertainty of dx and dy (px) from the fit residuals and the template gradients. */
  sigmaX: number;
  sigmaY: number;
}

export interface RegistrationRefusal {
  ok: false;
  method: RegistrationMethod;
  code: RegistrationRefusalCode;
  /** One sentence for a person: what was seen and which limit it broke. */
  reason: string;
  /** Best score seen (NCC, -1..1; 0 when nothing could be scored). */
  score: number;
}

export type RegistrationResult = RegistrationMatch | RegistrationRefusal;

/** Acceptance limits shared by both methods. */
export interface RegistrationLimits {
  /** Refuse as missing below this NCC score (default 0.5). */
  minScore?: number;
  /** Refuse as ambiguous when a separate peak reaches this fraction of the best (default 0.8). */
  ambiguityRatio?: number;
  /** Peaks closer than this to the best one (px) are the same peak (default 3). */
  peakSeparationPx?: number;
}

export const DEFAULT_LIMITS: Required<RegistrationLimits> = {
  minScore: 0.5,
  ambiguityRatio: 0.8,
  peakSeparationPx: 3,
};
