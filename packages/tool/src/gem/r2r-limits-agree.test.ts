import { describe, expect, it } from 'vitest';
import { checkR2rOffsets, R2R_OFFSET_LIMITS } from '../controller/r2r-limits.js';
import { R2R_CONSTANTS, R2R_TERM } from './tool-constants.js';

describe('R2R offset limits (docs/tool.md §7.4)', () => {
  it('are one set: the GEM constants declare what the controller accepts', () => {
    for (const c of R2R_CONSTANTS) {
      const term = R2R_TERM[c.name];
      expect([c.min, c.max]).toEqual([-R2R_OFFSET_LIMITS[term], R2R_OFFSET_LIMITS[term]]);
      const zero = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };
      // The limit itself is inside (E30's EC limits are inclusive); anything beyond is refused.
      expect(checkR2rOffsets({ ...zero, [term]: c.max }).ok).toBe(true);
      expect(checkR2rOffsets({ ...zero, [term]: c.min }).ok).toBe(true);
      expect(checkR2rOffsets({ ...zero, [term]: c.max * 1.001 }).ok).toBe(false);
    }
    expect(R2R_OFFSET_LIMITS).toEqual({ Tx: 1000, Ty: 1000, Rot: 10, Mag: 10 });
  });
});
