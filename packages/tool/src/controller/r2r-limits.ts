// How far the aligner corrects a pair: the R2R offsets a host may set (docs/tool.md §1, §7.4). The one
// source of these limits: the controller refuses offsets outside them and the GEM binding declares
// them as the limits of its R2R equipment constants.
import { issue, type Result } from '@bondline/core';
import type { OverlayTerms } from '../sim/process-physics.js';

/**
 * |offset| limits: translation nm, rotation µrad, magnification ppm. Wide enough for any drift a
 * healthy bonder corrects (the catalogue's overlay drifts reach a few hundred nm at the wafer edge),
 * narrow enough that a wrong sign or unit from a host cannot throw the stage microns off: 10 µrad or
 * 10 ppm is 1.5 µm at the edge of a 300 mm wafer, 1000 nm already kills every die of a 1 µm pitch.
 */
export const R2R_OFFSET_LIMITS: Readonly<OverlayTerms> = { Tx: 1000, Ty: 1000, Rot: 10, Mag: 10 };

/** The offsets if every term is a finite number within its limit; `out-of-range` naming each other term. */
export function checkR2rOffsets(offsets: OverlayTerms): Result<OverlayTerms, 'out-of-range'> {
  const bad = (['Tx', 'Ty', 'Rot', 'Mag'] as const)
    .filter((k) => !Number.isFinite(offsets[k]) || Math.abs(offsets[k]) > R2R_OFFSET_LIMITS[k])
    .map((k) =>
      issue('out-of-range', `R2R offset ${k} ${offsets[k]} is outside ±${R2R_OFFSET_LIMITS[k]}`, k),
    );
  return bad.length > 0 ? { ok: false, issues: bad } : { ok: true, value: { ...offsets } };
}
