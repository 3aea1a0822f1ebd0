// How far the aligner can correct a pair (the R2R offsets a host may set; docs/tool.md §1). The
// GEM binding declares the same limits on its equipment constants.
import { issue, type Result } from '@bondline/core';
import type { OverlayTerms } from '../sim/process-physics.js';

/** |offset| limits: translation nm, rotation µrad, magnification ppm. */
export const R2R_OFFSET_LIMITS: Readonly<OverlayTerms> = { Tx: 5000, Ty: 5000, Rot: 50, Mag: 20 };

/** The offsets if every term is a finite number within its limit; `out-of-range` naming each other term. */
export function checkR2rOffsets(offsets: OverlayTerms): Result<OverlayTerms, 'out-of-range'> {
  const bad = (['Tx', 'Ty', 'Rot', 'Mag'] as const)
    .filter((k) => !Number.isFinite(offsets[k]) || Math.abs(offsets[k]) > R2R_OFFSET_LIMITS[k])
    .map((k) =>
      issue('out-of-range', `R2R offset ${k} ${offsets[k]} is outside ±${R2R_OFFSET_LIMITS[k]}`, k),
    );
  return bad.length > 0 ? { ok: false, issues: bad } : { ok: true, value: { ...offsets } };
}
