import { describe, expect, it } from 'vitest';
import { checkR2rOffsets } from '../controller/r2r-limits.js';
import type { OverlayTerms } from '../sim/process-physics.js';
import { constantProblem, setToolConstants } from './set-tool-constants.js';

/** The controller's R2R part: its offsets, refused outside R2R_OFFSET_LIMITS as the controller does. */
function fakeTool(start: OverlayTerms = { Tx: 1, Ty: 2, Rot: 0.3, Mag: 0.4 }) {
  let r2rOffsets = start;
  return {
    status: () => ({ r2rOffsets }),
    setR2rOffsets(o: OverlayTerms) {
      const r = checkR2rOffsets(o);
      if (!r.ok) return r;
      r2rOffsets = r.value;
      return { ok: true as const, value: undefined };
    },
  };
}

describe('setToolConstants (offline S2F15)', () => {
  it('sets the R2R offsets named and keeps the others; GEM-only constants are checked, not applied', () => {
    const tool = fakeTool();
    const r = setToolConstants(tool, { R2R_TY_NM: -40, R2R_MAG_PPM: 0.5, EnableSpooling: false });
    expect(r).toEqual({
      ok: true,
      value: { applied: ['R2R_TY_NM', 'R2R_MAG_PPM'], gemOnly: ['EnableSpooling'] },
    });
    expect(tool.status().r2rOffsets).toEqual({ Tx: 1, Ty: -40, Rot: 0.3, Mag: 0.5 });
  });

  it('all or nothing: one bad constant changes none, and every bad one is named', () => {
    const tool = fakeTool();
    const r = setToolConstants(tool, { R2R_TX_NM: 5, R2R_ROT_URAD: 11, Nope: 1, MaxSpoolTransmit: -1 });
    expect(r).toMatchObject({
      ok: false,
      issues: [
        {
          code: 'out-of-range',
          path: 'R2R_ROT_URAD',
          message: 'R2R_ROT_URAD: 11 urad is outside its limits -10..10 urad',
        },
        { code: 'unknown-constant', path: 'Nope' },
        {
          code: 'wrong-type',
          path: 'MaxSpoolTransmit',
          message: 'MaxSpoolTransmit: -1 is not an integer in 0..4294967295 (U4)',
        },
      ],
    });
    expect(tool.status().r2rOffsets).toEqual({ Tx: 1, Ty: 2, Rot: 0.3, Mag: 0.4 });
  });

  it("the limits are docs/tool.md §7.4's: inclusive, from R2R_OFFSET_LIMITS and the E30 table", () => {
    expect(constantProblem('R2R_TX_NM', 1000)).toBeUndefined();
    expect(constantProblem('R2R_TX_NM', -1000.5)?.code).toBe('out-of-range');
    expect(constantProblem('R2R_MAG_PPM', Number.NaN)?.code).toBe('wrong-type');
    expect(constantProblem('TimeFormat', 2)).toBeUndefined();
    expect(constantProblem('EstablishCommunicationsTimeout', 0)?.text).toBe(
      '0 s is outside its limits 1..240 s',
    );
    expect(constantProblem('OverWriteSpool', 'yes')?.text).toBe('expected true or false, got "yes"');
  });
});
