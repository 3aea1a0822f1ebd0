import { describe, expect, it } from 'vitest';
import { CAUSE_CU, CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID, causeCode, dieCause } from './die-causes.js';

describe('die cause codes', () => {
  it('decode to the cause names and back', () => {
    const table: [number, string][] = [
      [CAUSE_GOOD, 'good'],
      [CAUSE_OVERLAY, 'overlay'],
      [CAUSE_VOID, 'void'],
      [CAUSE_CU, 'cu'],
    ];
    expect(new Set(table.map(([c]) => c)).size).toBe(4);
    for (const [code, name] of table) {
      expect(dieCause(code)).toBe(name);
      expect(causeCode(dieCause(code))).toBe(code);
    }
  });

  it('refuses a byte that is no cause code', () => {
    expect(() => dieCause(4)).toThrow(RangeError);
  });
});
