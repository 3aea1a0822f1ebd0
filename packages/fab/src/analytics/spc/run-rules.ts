// Western Electric and Nelson run rules over a chart's plotted values, in one pass with O(1) work
// and O(1) memory per point (the k-of-m rules keep the positions of their last k points in a typed
// ring). What counts as a new violation, so a long excursion is not reported at every point
// (docs/fab.md §7.2):
//
// - one-point rules (we1, nelson1): every point beyond 3σ is its own violation;
// - run rules (we4, nelson2, nelson3, nelson4, nelson7, nelson8): reported once per run, at the point
//   that makes the run long enough, with the run's points as the window; the run going on adds
//   nothing, a new run after a break is a new violation;
// - k-of-m rules (we2, we3, nelson5, nelson6): reported at the point that completes k points beyond
//   the zone on one side within m, that point being one of them; the window runs from the first of
//   the k to it. A point already counted in a reported violation of the same rule does not count
//   again, so a long stretch beyond 2σ gives one we2 every 2 points, not one per point.
//
// Zones are strict: "beyond 2σ" is |z| > 2, "within 1σ" is |z| < 1; a point exactly on the centre
// line is on neither side and breaks a same-side run; two equal consecutive values break a trend
// and an alternation.
import type { RuleConfig, RunRuleId } from './rule-config.js';

/** Where a violation lies: a side of the centre line, or a direction of a trend. */
export type ViolationSide = 'above' | 'below' | 'increasing' | 'decreasing';

/** One violation of a run rule, as the rules find it (the chart adds its phase). */
export interface RuleHit {
  readonly rule: RunRuleId;
  readonly description: string;
  /** Series index of the point that completed it. */
  readonly index: number;
  /** Series indexes of its window, first to `index`. */
  readonly indexes: readonly number[];
  readonly side?: ViolationSide;
}

/** Positions of the last k points beyond a zone on one side, and the last one already reported. */
class KOfM {
  private readonly ringAbove: Int32Array;
  private readonly ringBelow: Int32Array;
  private countAbove = 0;
  private countBelow = 0;
  private usedAbove = -1;
  private usedBelow = -1;

  constructor(
    private readonly k: number,
    private readonly m: number,
  ) {
    this.ringAbove = new Int32Array(k);
    this.ringBelow = new Int32Array(k);
  }

  /** Record point i beyond the zone on one side; the first index of the window when it completes k of m, else −1. */
  push(i: number, above: boolean): number {
    const ring = above ? this.ringAbove : this.ringBelow;
    const count = above ? this.countAbove++ : this.countBelow++;
    const k = this.k;
    // The slot of the k-th most recent entry once i is written is the one i overwrites next round.
    ring[count % k] = i;
    if (count + 1 < k) return -1;
    const oldest = ring[(count + 1) % k] ?? -1;
    if (oldest < i - this.m + 1) return -1;
    if (above) {
      if (oldest <= this.usedAbove) return -1;
      this.usedAbove = i;
    } else {
      if (oldest <= this.usedBelow) return -1;
      this.usedBelow = i;
    }
    return oldest;
  }
}

function sameKOfM(a: { count: number; of: number }, b: { count: number; of: number }): boolean {
  return a.count === b.count && a.of === b.of;
}

function describe(rule: RunRuleId, c: RuleConfig): string {
  switch (rule) {
    case 'we1':
      return 'Western Electric 1: a point beyond 3 sigma';
    case 'we2':
      return `Western Electric 2: ${c.we2.count} of ${c.we2.of} points beyond 2 sigma on one side`;
    case 'we3':
      return `Western Electric 3: ${c.we3.count} of ${c.we3.of} points beyond 1 sigma on one side`;
    case 'we4':
      return `Western Electric 4: ${c.we4.run} points in a row on one side of the centre line`;
    case 'nelson1':
      return 'Nelson 1: a point beyond 3 sigma';
    case 'nelson2':
      return `Nelson 2: ${c.nelson2.run} points in a row on one side of the centre line`;
    case 'nelson3':
      return `Nelson 3: ${c.nelson3.run} points in a row steadily increasing or decreasing`;
    case 'nelson4':
      return `Nelson 4: ${c.nelson4.run} points in a row alternating up and down`;
    case 'nelson5':
      return `Nelson 5: ${c.nelson5.count} of ${c.nelson5.of} points beyond 2 sigma on one side`;
    case 'nelson6':
      return `Nelson 6: ${c.nelson6.count} of ${c.nelson6.of} points beyond 1 sigma on one side`;
    case 'nelson7':
      return `Nelson 7: ${c.nelson7.run} points in a row within 1 sigma of the centre line`;
    case 'nelson8':
      return `Nelson 8: ${c.nelson8.run} points in a row beyond 1 sigma${c.nelson8.bothSides ? ', on both sides' : ' (either side)'}`;
  }
}

/** Rule ids in the order of their numeric codes in {@link RuleHits}. */
export const RULE_IDS: readonly RunRuleId[] = [
  'we1',
  'we2',
  'we3',
  'we4',
  'nelson1',
  'nelson2',
  'nelson3',
  'nelson4',
  'nelson5',
  'nelson6',
  'nelson7',
  'nelson8',
];

const SIDES: readonly (ViolationSide | undefined)[] = [
  undefined,
  'above',
  'below',
  'increasing',
  'decreasing',
];

/**
 * The violations found by {@link evaluateRules}, column-wise in typed arrays (60,000 violations in a
 * million points of an in-control series cost no garbage): hit h is rule RULE_IDS[rule[h]], window
 * first[h]..last[h] (series indexes), side SIDES code side[h] (0 none, 1 above, 2 below,
 * 3 increasing, 4 decreasing). {@link ruleViolations} turns them into plain objects.
 */
export interface RuleHits {
  readonly count: number;
  readonly rule: Uint8Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly side: Uint8Array;
}

class HitBuffer {
  count = 0;
  rule = new Uint8Array(256);
  first = new Int32Array(256);
  last = new Int32Array(256);
  side = new Uint8Array(256);

  add(rule: number, first: number, last: number, side: number): void {
    if (this.count === this.rule.length) this.grow();
    const h = this.count++;
    this.rule[h] = rule;
    this.first[h] = first;
    this.last[h] = last;
    this.side[h] = side;
  }

  private grow(): void {
    const size = this.rule.length * 2;
    const rule = new Uint8Array(size);
    rule.set(this.rule);
    this.rule = rule;
    const first = new Int32Array(size);
    first.set(this.first);
    this.first = first;
    const last = new Int32Array(size);
    last.set(this.last);
    this.last = last;
    const side = new Uint8Array(size);
    side.set(this.side);
    this.side = side;
  }
}

/**
 * The hits as plain objects, those completed at series index `from` or later (all by default),
 * with the rule's description under `config`.
 */
export function ruleViolations(hits: RuleHits, config: RuleConfig, from = 0): RuleHit[] {
  const out: RuleHit[] = [];
  const text = new Map<RunRuleId, string>();
  for (let h = 0; h < hits.count; h++) {
    const last = hits.last[h] ?? 0;
    if (last < from) continue;
    const rule = RULE_IDS[hits.rule[h] ?? 0] ?? 'we1';
    let description = text.get(rule);
    if (description === undefined) {
      description = describe(rule, config);
      text.set(rule, description);
    }
    const indexes: number[] = [];
    for (let j = hits.first[h] ?? 0; j <= last; j++) indexes.push(j);
    const side = SIDES[hits.side[h] ?? 0];
    out.push(
      side === undefined
        ? { rule, description, index: last, indexes }
        : { rule, description, index: last, indexes, side },
    );
  }
  return out;
}

/**
 * Apply the enabled rules to `values` plotted against `center` with the plotted statistic's
 * standard deviation `sigma` (> 0). `offset` is the series index of values[0]; hits are in order of
 * their completing point. Throws a RangeError when sigma is not a positive finite number.
 */
export function evaluateRules(
  values: ArrayLike<number>,
  center: number,
  sigma: number,
  config: RuleConfig,
  offset = 0,
): RuleHits {
  if (!(sigma > 0) || !Number.isFinite(sigma) || !Number.isFinite(center)) {
    throw new RangeError(`rules need a finite center and a positive sigma, got ${center}, ${sigma}`);
  }
  const buf = new HitBuffer();
  const o = offset;

  const c = config;
  const we1 = c.we1.enabled;
  const n1 = c.nelson1.enabled;
  const we4 = c.we4.enabled ? c.we4.run : 0;
  const n2 = c.nelson2.enabled ? c.nelson2.run : 0;
  const n3 = c.nelson3.enabled ? c.nelson3.run : 0;
  const n4 = c.nelson4.enabled ? c.nelson4.run : 0;
  const n7 = c.nelson7.enabled ? c.nelson7.run : 0;
  const n8 = c.nelson8.enabled ? c.nelson8.run : 0;
  const n8Both = c.nelson8.bothSides;
  const kWe2 = c.we2.enabled ? new KOfM(c.we2.count, c.we2.of) : undefined;
  const kWe3 = c.we3.enabled ? new KOfM(c.we3.count, c.we3.of) : undefined;
  // Nelson 5 and 6 are WE 2 and 3 under other names: with the same counts, one detector serves both.
  const n5Shared = kWe2 !== undefined && c.nelson5.enabled && sameKOfM(c.we2, c.nelson5);
  const n6Shared = kWe3 !== undefined && c.nelson6.enabled && sameKOfM(c.we3, c.nelson6);
  const kN5 = c.nelson5.enabled && !n5Shared ? new KOfM(c.nelson5.count, c.nelson5.of) : undefined;
  const kN6 = c.nelson6.enabled && !n6Shared ? new KOfM(c.nelson6.count, c.nelson6.of) : undefined;

  let sideRun = 0; // points in the current run on one side
  let runSide = 0;
  let trendRun = 1; // points in the current monotone run
  let trendDir = 0;
  let altRun = 1; // points in the current alternating run
  let prevDir = 0;
  let withinRun = 0;
  let outsideRun = 0;
  let outsideFired = false;
  let lastAbove1 = -1;
  let lastBelow1 = -1;
  let prev = Number.NaN;
  const inv = 1 / sigma;
  const n = values.length;

  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    const z = (x - center) * inv;
    const side = z > 0 ? 1 : z < 0 ? -1 : 0;
    const a = z < 0 ? -z : z;

    if (a > 3) {
      const s = side > 0 ? 1 : 2;
      if (we1) buf.add(0, i + o, i + o, s);
      if (n1) buf.add(4, i + o, i + o, s);
    }
    if (a > 2) {
      if (kWe2 !== undefined) {
        const f = kWe2.push(i, side > 0);
        if (f >= 0) {
          buf.add(1, f + o, i + o, side > 0 ? 1 : 2);
          if (n5Shared) buf.add(8, f + o, i + o, side > 0 ? 1 : 2);
        }
      }
      if (kN5 !== undefined) {
        const f = kN5.push(i, side > 0);
        if (f >= 0) buf.add(8, f + o, i + o, side > 0 ? 1 : 2);
      }
    }
    if (a > 1) {
      if (kWe3 !== undefined) {
        const f = kWe3.push(i, side > 0);
        if (f >= 0) {
          buf.add(2, f + o, i + o, side > 0 ? 1 : 2);
          if (n6Shared) buf.add(9, f + o, i + o, side > 0 ? 1 : 2);
        }
      }
      if (kN6 !== undefined) {
        const f = kN6.push(i, side > 0);
        if (f >= 0) buf.add(9, f + o, i + o, side > 0 ? 1 : 2);
      }
      if (side > 0) lastAbove1 = i;
      else lastBelow1 = i;
      outsideRun++;
      withinRun = 0;
    } else {
      outsideRun = 0;
      outsideFired = false;
      withinRun = a < 1 ? withinRun + 1 : 0;
    }

    // Same side of the centre line.
    if (side === 0) sideRun = 0;
    else if (side === runSide) sideRun++;
    else {
      runSide = side;
      sideRun = 1;
    }
    if (we4 > 0 && sideRun === we4) buf.add(3, i - we4 + 1 + o, i + o, runSide > 0 ? 1 : 2);
    if (n2 > 0 && sideRun === n2) buf.add(5, i - n2 + 1 + o, i + o, runSide > 0 ? 1 : 2);

    // Trend and alternation, on the step from the previous point.
    const d = x - prev;
    const dir = d > 0 ? 1 : d < 0 ? -1 : 0;
    if (dir === 0) {
      trendRun = 1;
      trendDir = 0;
      altRun = 1;
    } else {
      if (dir === trendDir) trendRun++;
      else {
        trendDir = dir;
        trendRun = 2;
      }
      altRun = dir === -prevDir ? altRun + 1 : 2;
    }
    prevDir = dir;
    prev = x;
    if (n3 > 0 && trendRun === n3) buf.add(6, i - n3 + 1 + o, i + o, trendDir > 0 ? 3 : 4);
    if (n4 > 0 && altRun === n4) buf.add(7, i - n4 + 1 + o, i + o, 0);

    if (n7 > 0 && withinRun === n7) buf.add(10, i - n7 + 1 + o, i + o, 0);
    if (n8 > 0 && !outsideFired && outsideRun >= n8) {
      const from = i - n8 + 1;
      if (!n8Both || (lastAbove1 >= from && lastBelow1 >= from)) {
        outsideFired = true;
        buf.add(11, from + o, i + o, 0);
      }
    }
  }
  return buf;
}
