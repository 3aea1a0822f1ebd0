import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inRange, keySpecs } from './spec.js';
import { parseBondConfig } from './validate.js';

describe('parseBondConfig properties', () => {
  it('never throws on arbitrary JSON: it returns a result', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const r = parseBondConfig(v);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a single key exactly when its value is in the table range (consistency checks aside)', () => {
    // Keys whose value also enters a combination check are left out: their verdict depends on others.
    const free = keySpecs.filter(
      (s) => !['R', 'e', 'W', 'L', 'p', 'wEdge', 'D1', 'kL', 'Troom', 'Tanneal'].includes(s.key),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...free),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (spec, v) => {
          const r = parseBondConfig({ [spec.section]: { [spec.key]: v } });
          expect(r.ok).toBe(inRange(spec, v));
          if (r.ok) expect((r.value[spec.section] as unknown as Record<string, number>)[spec.key]).toBe(v);
          else
            expect(r.issues[0]).toMatchObject({ code: 'out-of-range', path: `${spec.section}.${spec.key}` });
        },
      ),
      { numRuns: 500 },
    );
  });
});
