import { describe, expect, it } from 'vitest';
import { allRulesOn, type RuleConfig, type RuleConfigInput, ruleConfigSchema } from './rule-config.js';
import { type RuleHit, ruleViolations } from './rule-hits.js';
import { evaluateRules } from './run-rules.js';

// Every case is a hand-built series on a chart with centre 0 and sigma 1, so each value is its own
// z-score and the expected windows can be read off the series. The rule definitions are those of
// Montgomery, Introduction to Statistical Quality Control, 7th ed., §5.3.6 (Western Electric
// Handbook 1956 rules, Table 5.1) and Nelson, "The Shewhart control chart — tests for special
// causes", J. Quality Technology 16(4), 1984 (the eight tests).

/** Only the named rules on (with their default counts, or as overridden). */
function only(input: RuleConfigInput): RuleConfig {
  const off: RuleConfigInput = {
    we1: { enabled: false },
    we2: { enabled: false },
    we3: { enabled: false },
    we4: { enabled: false },
  };
  return ruleConfigSchema.parse({ ...off, ...input });
}

function run(values: number[], config: RuleConfig, offset = 0): RuleHit[] {
  return ruleViolations(evaluateRules(values, 0, 1, config, offset), config);
}

/** [rule, completing index, window] triples, for compact expectations. */
function brief(hits: RuleHit[]): [string, number, number[], string | undefined][] {
  return hits.map((h) => [h.rule, h.index, [...h.indexes], h.side]);
}

describe('Western Electric rules', () => {
  it('we1: each point beyond 3 sigma, strictly', () => {
    // |3.5| > 3 above, |−3.1| > 3 below; 3.0 is on the limit, not beyond.
    expect(brief(run([0, 3.5, -0.5, -3.1, 3], only({ we1: { enabled: true } })))).toEqual([
      ['we1', 1, [1], 'above'],
      ['we1', 3, [3], 'below'],
    ]);
  });

  it('we2: 2 of 3 beyond 2 sigma on one side, window from the first of the two', () => {
    // Points 1 (2.5) and 3 (2.1) are beyond +2 within the 3 points 1..3; point 2 (0.5) is not.
    expect(brief(run([0, 2.5, 0.5, 2.1], only({ we2: { enabled: true } })))).toEqual([
      ['we2', 3, [1, 2, 3], 'above'],
    ]);
    // Opposite sides do not count together: +2.5, −2.5, −0.1 → nothing.
    expect(run([2.5, -2.5, -0.1], only({ we2: { enabled: true } }))).toEqual([]);
    // 2.5 at 0 and 3 are 4 points apart: not within 3.
    expect(run([2.5, 0, 0, 2.5], only({ we2: { enabled: true } }))).toEqual([]);
  });

  it('we2: a stretch beyond 2 sigma gives one violation per 2 new points, not one per point', () => {
    expect(brief(run([-2.5, -2.5, -2.5, -2.5, -2.5], only({ we2: { enabled: true } })))).toEqual([
      ['we2', 1, [0, 1], 'below'],
      ['we2', 3, [2, 3], 'below'],
    ]);
  });

  it('we3: 4 of 5 beyond 1 sigma on one side', () => {
    // Beyond +1 at 0, 2, 3, 4 (1.5, 1.2, 1.1, 1.3): 4 of the 5 points 0..4.
    expect(brief(run([1.5, 0, 1.2, 1.1, 1.3], only({ we3: { enabled: true } })))).toEqual([
      ['we3', 4, [0, 1, 2, 3, 4], 'above'],
    ]);
    // Beyond at 0, 2, 3, 5: the 4 span 6 points, more than 5 → nothing.
    expect(run([1.5, 0, 1.2, 1.1, 0, 1.3], only({ we3: { enabled: true } }))).toEqual([]);
  });

  it('we4: 8 in a row on one side, once per run', () => {
    const up = [0.1, 0.2, 0.3, 0.1, 0.5, 0.4, 0.2, 0.3];
    // 8 above (0..7) → at 7; 8, 9 continue the run → nothing more; 10 is on the centre line
    // (breaks it); 11..18 below → at 18.
    const series = [...up, 0.6, 0.7, 0, ...up.map((x) => -x)];
    expect(brief(run(series, only({ we4: { enabled: true } })))).toEqual([
      ['we4', 7, [0, 1, 2, 3, 4, 5, 6, 7], 'above'],
      ['we4', 18, [11, 12, 13, 14, 15, 16, 17, 18], 'below'],
    ]);
  });

  it('takes run lengths and counts as parameters', () => {
    expect(brief(run([0.1, 0.1, 0.1, 0.1, 0.1], only({ we4: { enabled: true, run: 5 } })))).toEqual([
      ['we4', 4, [0, 1, 2, 3, 4], 'above'],
    ]);
    // 3 of 4 beyond 2: at 0, 1, 3.
    expect(brief(run([2.2, 2.3, 0, 2.4], only({ we2: { enabled: true, count: 3, of: 4 } })))).toEqual([
      ['we2', 3, [0, 1, 2, 3], 'above'],
    ]);
  });
});

describe('Nelson rules', () => {
  it('nelson1: a point beyond 3 sigma', () => {
    expect(brief(run([0, -4], only({ nelson1: { enabled: true } })))).toEqual([['nelson1', 1, [1], 'below']]);
  });

  it('nelson2: 9 in a row on one side (default 9, not 8)', () => {
    const eight = Array.from({ length: 8 }, () => 0.5);
    expect(run(eight, only({ nelson2: { enabled: true } }))).toEqual([]);
    expect(brief(run([...eight, 0.5], only({ nelson2: { enabled: true } })))).toEqual([
      ['nelson2', 8, [0, 1, 2, 3, 4, 5, 6, 7, 8], 'above'],
    ]);
  });

  it('nelson3: 6 in a row steadily increasing or decreasing; a tie breaks the trend', () => {
    // 0.1 < 0.2 < ... < 0.6: 6 points increasing → at 5.
    expect(brief(run([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], only({ nelson3: { enabled: true } })))).toEqual([
      ['nelson3', 5, [0, 1, 2, 3, 4, 5], 'increasing'],
    ]);
    // 5 decreasing, a tie, 5 more decreasing: never 6 in a row.
    expect(run([5, 4, 3, 2, 1, 1, 0, -1, -2, -3], only({ nelson3: { enabled: true } }))).toEqual([]);
    // 7 decreasing (from 0.7 at index 1 to 0.1 at index 7) after a rise → at index 6, window 1..6.
    expect(brief(run([0, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1], only({ nelson3: { enabled: true } })))).toEqual([
      ['nelson3', 6, [1, 2, 3, 4, 5, 6], 'decreasing'],
    ]);
  });

  it('nelson4: 14 in a row alternating up and down', () => {
    const saw = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? 0 : 0.5));
    expect(brief(run(saw, only({ nelson4: { enabled: true } })))).toEqual([
      ['nelson4', 13, saw.map((_, i) => i), undefined],
    ]);
    expect(run(saw.slice(0, 13), only({ nelson4: { enabled: true } }))).toEqual([]);
  });

  it('nelson5 and nelson6: WE 2 and 3 under their Nelson ids', () => {
    expect(brief(run([0, 2.5, 0.5, 2.1], only({ nelson5: { enabled: true } })))).toEqual([
      ['nelson5', 3, [1, 2, 3], 'above'],
    ]);
    expect(brief(run([-1.5, -1.2, 0, -1.1, -1.3], only({ nelson6: { enabled: true } })))).toEqual([
      ['nelson6', 4, [0, 1, 2, 3, 4], 'below'],
    ]);
  });

  it('nelson5 with its own counts runs beside we2', () => {
    // 2.2, 2.3, 0, 2.4: we2 (2 of 3) at 1 (points 0, 1); nelson5 as 3 of 4 at 3 (points 0, 1, 3).
    const cfg = only({ we2: { enabled: true }, nelson5: { enabled: true, count: 3, of: 4 } });
    expect(brief(run([2.2, 2.3, 0, 2.4], cfg))).toEqual([
      ['we2', 1, [0, 1], 'above'],
      ['nelson5', 3, [0, 1, 2, 3], 'above'],
    ]);
  });

  it('nelson7: 15 in a row within 1 sigma (either side)', () => {
    const hug = Array.from({ length: 15 }, (_, i) => (i % 3 === 0 ? 0.4 : -0.3));
    expect(brief(run(hug, only({ nelson7: { enabled: true } })))).toEqual([
      ['nelson7', 14, hug.map((_, i) => i), undefined],
    ]);
    // A point at exactly 1 sigma is not within: no run of 15.
    expect(run([...hug.slice(0, 7), 1, ...hug.slice(0, 7)], only({ nelson7: { enabled: true } }))).toEqual(
      [],
    );
  });

  it('nelson8: 8 in a row beyond 1 sigma, either side by default, both sides on request', () => {
    const mixed = [1.5, -1.5, 1.2, -1.8, 1.1, -1.2, 1.3, -1.4];
    expect(brief(run(mixed, only({ nelson8: { enabled: true } })))).toEqual([
      ['nelson8', 7, [0, 1, 2, 3, 4, 5, 6, 7], undefined],
    ]);
    const oneSide = mixed.map((x) => Math.abs(x));
    expect(run(oneSide, only({ nelson8: { enabled: true } }))).toHaveLength(1);
    expect(run(oneSide, only({ nelson8: { enabled: true, bothSides: true } }))).toEqual([]);
    expect(run(mixed, only({ nelson8: { enabled: true, bothSides: true } }))).toHaveLength(1);
  });
});

describe('evaluateRules', () => {
  it('reports series indexes from an offset and names each rule', () => {
    const hits = run([0, 3.5], only({ we1: { enabled: true }, nelson1: { enabled: true } }), 100);
    expect(hits.map((h) => [h.rule, h.index, h.indexes])).toEqual([
      ['we1', 101, [101]],
      ['nelson1', 101, [101]],
    ]);
    expect(hits[0]?.description).toBe('Western Electric 1: a point beyond 3 sigma');
  });

  it('scales by center and sigma', () => {
    // 13.1 on a chart 10 ± 3·1 is beyond 3 sigma; on 10 with sigma 2 it is 1.55 sigma.
    const cfg = only({ we1: { enabled: true } });
    expect(evaluateRules([13.1], 10, 1, cfg).count).toBe(1);
    expect(evaluateRules([13.1], 10, 2, cfg).count).toBe(0);
  });

  it('refuses a sigma that is not positive (programmer error)', () => {
    expect(() => evaluateRules([1], 0, 0, allRulesOn())).toThrow(RangeError);
  });

  it('returns only hits completed at or after `from`', () => {
    const cfg = only({ we1: { enabled: true } });
    const hits = evaluateRules([4, 0, 4], 0, 1, cfg);
    expect(ruleViolations(hits, cfg, 1).map((h) => h.index)).toEqual([2]);
  });

  it('keeps the default rules: WE 1–4 on, Nelson off, with the documented counts', () => {
    const c = ruleConfigSchema.parse({});
    expect(c.we4.run).toBe(8);
    expect(c.nelson2).toEqual({ enabled: false, run: 9 });
    expect(c.nelson3.run).toBe(6);
    expect(c.nelson4.run).toBe(14);
    expect(c.nelson7.run).toBe(15);
    expect(c.nelson8.run).toBe(8);
    expect([c.we2.count, c.we2.of, c.we3.count, c.we3.of]).toEqual([2, 3, 4, 5]);
    expect([c.we1.enabled, c.we2.enabled, c.we3.enabled, c.we4.enabled, c.nelson1.enabled]).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('rule settings validation', () => {
  it('names the bad parameter by path', () => {
    const bad = ruleConfigSchema.safeParse({ we2: { count: 4, of: 3 }, nelson2: { run: 1 }, nelson9: {} });
    expect(bad.success).toBe(false);
    const paths = (bad.error?.issues ?? []).map((i) => i.path.join('.')).sort();
    expect(paths).toContain('nelson2.run');
    expect(paths).toContain('');
    const keys = (bad.error?.issues ?? []).flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
    expect(keys).toEqual(['nelson9']);
  });

  it('refuses a count larger than its window', () => {
    const bad = ruleConfigSchema.safeParse({ we2: { count: 4, of: 3 } });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['we2.count']);
  });
});
