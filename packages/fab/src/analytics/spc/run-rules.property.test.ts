import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRulesOn, type RuleConfig } from './rule-config.js';
import { type RuleHit, ruleViolations } from './rule-hits.js';
import { evaluateRules } from './run-rules.js';

// Values are multiples of 1/8 between −4 and 4 (exact in binary, so shifting by an integer moves no
// point across a zone boundary by rounding), many of them on the zone boundaries themselves.
const z = fc.integer({ min: -32, max: 32 }).map((k) => k / 8);
const series = fc.array(z, { minLength: 0, maxLength: 300 });
const ALL = allRulesOn();

function hits(values: number[], center = 0, sigma = 1, config: RuleConfig = ALL): RuleHit[] {
  return ruleViolations(evaluateRules(values, center, sigma, config), config);
}

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** The definition of each rule checked on a reported window, written out naively. */
function holds(h: RuleHit, v: number[], c: RuleConfig): boolean {
  const w = h.indexes.map((i) => v[i] ?? Number.NaN);
  const last = w[w.length - 1] ?? Number.NaN;
  const s = h.side === 'above' ? 1 : -1;
  const kOfM = (k: number, m: number, zone: number) =>
    w.length <= m &&
    w.filter((x) => sign(x) === s && Math.abs(x) > zone).length >= k &&
    sign(last) === s &&
    Math.abs(last) > zone;
  const diffs = w.slice(1).map((x, i) => sign(x - (w[i] ?? 0)));
  switch (h.rule) {
    case 'we1':
    case 'nelson1':
      return w.length === 1 && Math.abs(last) > 3 && sign(last) === s;
    case 'we2':
      return kOfM(c.we2.count, c.we2.of, 2);
    case 'nelson5':
      return kOfM(c.nelson5.count, c.nelson5.of, 2);
    case 'we3':
      return kOfM(c.we3.count, c.we3.of, 1);
    case 'nelson6':
      return kOfM(c.nelson6.count, c.nelson6.of, 1);
    case 'we4':
      return w.length === c.we4.run && w.every((x) => sign(x) === s);
    case 'nelson2':
      return w.length === c.nelson2.run && w.every((x) => sign(x) === s);
    case 'nelson3': {
      const d = h.side === 'increasing' ? 1 : -1;
      return w.length === c.nelson3.run && diffs.every((x) => x === d);
    }
    case 'nelson4':
      return (
        w.length === c.nelson4.run &&
        diffs.every((x, i) => x !== 0 && (i === 0 || x === -(diffs[i - 1] ?? 0)))
      );
    case 'nelson7':
      return w.length === c.nelson7.run && w.every((x) => Math.abs(x) < 1);
    case 'nelson8':
      return w.length === c.nelson8.run && w.every((x) => Math.abs(x) > 1);
  }
}

describe('run rules, properties', () => {
  it('every reported window satisfies its rule as defined', () => {
    fc.assert(
      fc.property(series, (v) => {
        for (const h of hits(v)) expect(holds(h, v, ALL), JSON.stringify(h)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('every reported window satisfies its rule with other counts too (Nelson 5/6 apart from WE 2/3)', () => {
    const other: RuleConfig = {
      ...ALL,
      we2: { enabled: true, count: 2, of: 4 },
      nelson5: { enabled: true, count: 3, of: 5 },
      we3: { enabled: true, count: 3, of: 7 },
      nelson6: { enabled: true, count: 5, of: 6 },
      we4: { enabled: true, run: 4 },
      nelson3: { enabled: true, run: 3 },
      nelson8: { enabled: true, run: 3, bothSides: true },
    };
    fc.assert(
      fc.property(series, (v) => {
        for (const h of hits(v, 0, 1, other)) expect(holds(h, v, other), JSON.stringify(h)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('every point beyond 3 sigma is reported, and every run of 8 on one side once', () => {
    fc.assert(
      fc.property(series, (v) => {
        const found = hits(v);
        const we1 = found.filter((h) => h.rule === 'we1').map((h) => h.index);
        expect(we1).toEqual(v.flatMap((x, i) => (Math.abs(x) > 3 ? [i] : [])));
        // Naive run length on one side at each point; a hit where it reaches exactly 8.
        const expected: number[] = [];
        let len = 0;
        for (let i = 0; i < v.length; i++) {
          const s = sign(v[i] ?? 0);
          len = s === 0 ? 0 : i > 0 && sign(v[i - 1] ?? 0) === s ? len + 1 : 1;
          if (len === 8) expected.push(i);
        }
        expect(found.filter((h) => h.rule === 'we4').map((h) => h.index)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('a series constant on the centre line raises no rule but nelson7 (no variation at all)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (n, c) => {
          const found = hits(new Array<number>(n).fill(c), c, 1);
          expect(found.every((h) => h.rule === 'nelson7')).toBe(true);
          expect(found.length).toBe(n >= 15 ? 1 : 0);
        },
      ),
    );
  });

  it('shifting all points and the centre together finds the same violations', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -1000, max: 1000 }), (v, c) => {
        expect(
          hits(
            v.map((x) => x + c),
            c,
            1,
          ),
        ).toEqual(hits(v));
      }),
      { numRuns: 200 },
    );
  });

  it('scaling points, centre and sigma by a power of two finds the same violations', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -6, max: 6 }), (v, e) => {
        const a = 2 ** e;
        expect(
          hits(
            v.map((x) => x * a),
            0,
            a,
          ),
        ).toEqual(hits(v));
      }),
      { numRuns: 200 },
    );
  });

  it('judging a typed array gives what judging a plain array gives', () => {
    fc.assert(
      fc.property(series, (v) => {
        expect(ruleViolations(evaluateRules(Float64Array.from(v), 0, 1, ALL), ALL)).toEqual(hits(v));
      }),
      { numRuns: 100 },
    );
  });
});
