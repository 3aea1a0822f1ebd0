// Western Electric and Nelson run rules over a chart's plotted values, in one pass with O(1) work
// and O(1) memory per point (the k-of-m rules keep the last m points' flags as the bits of an
// integer). What counts as a new violation, so a long excursion is not reported at every point
// (docs/fab.md §8.2):
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
import { KOfM, primary, sameKOfM } from './k-of-m.js';
import type { RuleConfig } from './rule-config.js';
import { HitBuffer, type RuleHits } from './rule-hits.js';

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
  // A disabled rule's run length is −1: a run count never equals it.
  const we1 = c.we1.enabled;
  const n1 = c.nelson1.enabled;
  const we4 = c.we4.enabled ? c.we4.run : -1;
  const n2 = c.nelson2.enabled ? c.nelson2.run : -1;
  const n3 = c.nelson3.enabled ? c.nelson3.run : -1;
  const n4 = c.nelson4.enabled ? c.nelson4.run : -1;
  const n7 = c.nelson7.enabled ? c.nelson7.run : -1;
  const n8 = c.nelson8.enabled ? c.nelson8.run : Number.POSITIVE_INFINITY;
  const n8Both = c.nelson8.bothSides;
  // k-of-m rules: the first detector of each zone (2 sigma: we2, else nelson5; 1 sigma: we3, else
  // nelson6) runs inline on local integers; Nelson 5/6 share it when their counts equal WE 2/3's
  // (they are the same tests), and only a Nelson 5/6 with other counts gets a detector object.
  const a = primary(c.we2, c.nelson5, 1, 8);
  const b = primary(c.we3, c.nelson6, 2, 9);
  const kN5 =
    c.we2.enabled && c.nelson5.enabled && !sameKOfM(c.we2, c.nelson5)
      ? new KOfM(c.nelson5.count, c.nelson5.of)
      : undefined;
  const kN6 =
    c.we3.enabled && c.nelson6.enabled && !sameKOfM(c.we3, c.nelson6)
      ? new KOfM(c.nelson6.count, c.nelson6.of)
      : undefined;
  const kA = a.k;
  const topA = a.m - 1;
  const maskA = 2 ** a.m - 1;
  const kB = b.k;
  const topB = b.m - 1;
  const maskB = 2 ** b.m - 1;
  let bitsAU = 0;
  let bitsAD = 0;
  let countAU = 0;
  let countAD = 0;
  let bitsBU = 0;
  let bitsBD = 0;
  let countBU = 0;
  let countBD = 0;

  // The per-point updates are written without branches (0/1 flags and arithmetic): on noisy data
  // a branch on the side of the centre line is mispredicted half the time, which cost more than
  // all the rest. What branches remain are rarely taken (a rule completing).
  let sideRun = 0; // points in the current run on one side
  let runSide = 0;
  let trendRun = 1; // points in the current monotone run
  let trendDir = 0;
  let altRun = 1; // points in the current alternating run
  let prevDir = 0;
  let withinRun = 0;
  let outsideRun = 0;
  let outsideFired = 0;
  let lastAbove1 = -1;
  let lastBelow1 = -1;
  let prev = Number.NaN;
  const inv = 1 / sigma;
  const n = values.length;

  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    const z = (x - center) * inv;
    const pos = +(z > 0);
    const neg = +(z < 0);
    const side = pos - neg;
    const az = Math.abs(z);

    if (az > 3) {
      const s = side > 0 ? 1 : 2;
      if (we1) buf.add(0, i + o, i + o, s);
      if (n1) buf.add(4, i + o, i + o, s);
    }
    const beyond2 = +(az > 2);
    const beyond1 = +(az > 1);
    const up2 = beyond2 & pos;
    const down2 = beyond2 & neg;
    const up1 = beyond1 & pos;
    const down1 = beyond1 & neg;
    if (kA > 0) {
      // The flag m points back leaves the window as the new one enters (bit j is point i − j).
      countAU += up2 - ((bitsAU >>> topA) & 1);
      countAD += down2 - ((bitsAD >>> topA) & 1);
      bitsAU = ((bitsAU << 1) | up2) & maskA;
      bitsAD = ((bitsAD << 1) | down2) & maskA;
      if (((up2 & +(countAU >= kA)) | (down2 & +(countAD >= kA))) !== 0) {
        // Reported: the side's points are cleared so that they do not count again.
        const first = i - (31 - Math.clz32(up2 === 1 ? bitsAU : bitsAD)) + o;
        const sd = up2 === 1 ? 1 : 2;
        if (up2 === 1) bitsAU = countAU = 0;
        else bitsAD = countAD = 0;
        buf.add(a.code, first, i + o, sd);
        if (a.also >= 0) buf.add(a.also, first, i + o, sd);
      }
    }
    if (kB > 0) {
      countBU += up1 - ((bitsBU >>> topB) & 1);
      countBD += down1 - ((bitsBD >>> topB) & 1);
      bitsBU = ((bitsBU << 1) | up1) & maskB;
      bitsBD = ((bitsBD << 1) | down1) & maskB;
      if (((up1 & +(countBU >= kB)) | (down1 & +(countBD >= kB))) !== 0) {
        const first = i - (31 - Math.clz32(up1 === 1 ? bitsBU : bitsBD)) + o;
        const sd = up1 === 1 ? 1 : 2;
        if (up1 === 1) bitsBU = countBU = 0;
        else bitsBD = countBD = 0;
        buf.add(b.code, first, i + o, sd);
        if (b.also >= 0) buf.add(b.also, first, i + o, sd);
      }
    }
    if (kN5 !== undefined) {
      const f = kN5.step(i, up2, down2);
      if (f >= 0) buf.add(8, f + o, i + o, kN5.lastSide);
    }
    if (kN6 !== undefined) {
      const f = kN6.step(i, up1, down1);
      if (f >= 0) buf.add(9, f + o, i + o, kN6.lastSide);
    }

    // Beyond 1 sigma (Nelson 8) and within it (Nelson 7); exactly 1 sigma is neither.
    const in1 = +(az < 1);
    // x & −flag is x when the flag is 1 and 0 when it is 0: a select without a branch or a multiply.
    withinRun = (withinRun + 1) & -in1;
    outsideRun = (outsideRun + 1) & -beyond1;
    outsideFired &= beyond1;
    lastAbove1 = (i & -up1) | (lastAbove1 & (up1 - 1));
    lastBelow1 = (i & -down1) | (lastBelow1 & (down1 - 1));

    // Same side of the centre line: a point on it (side 0) ends the run.
    sideRun = (sideRun & -+(side === runSide)) + (pos | neg);
    runSide = side;
    if (sideRun === we4) buf.add(3, i - we4 + 1 + o, i + o, runSide > 0 ? 1 : 2);
    if (sideRun === n2) buf.add(5, i - n2 + 1 + o, i + o, runSide > 0 ? 1 : 2);

    // Trend and alternation, on the step from the previous point (a tie ends both).
    const d = x - prev;
    const rise = +(d > 0);
    const fall = +(d < 0);
    const moved = rise | fall;
    const dir = rise - fall;
    // Continued: trendRun + 1; else 2 after a move, 1 after a tie. (dir + prevDir === 0 rather
    // than dir === −prevDir: −0 would make the compiler leave integers.)
    const same = +(dir === trendDir) & moved;
    trendRun = ((trendRun - moved) & -same) + 1 + moved;
    trendDir = dir;
    const turn = +(dir + prevDir === 0) & moved;
    altRun = ((altRun - moved) & -turn) + 1 + moved;
    prevDir = dir;
    prev = x;
    if (trendRun === n3) buf.add(6, i - n3 + 1 + o, i + o, trendDir > 0 ? 3 : 4);
    if (altRun === n4) buf.add(7, i - n4 + 1 + o, i + o, 0);

    if (withinRun === n7) buf.add(10, i - n7 + 1 + o, i + o, 0);
    if (outsideRun >= n8 && outsideFired === 0) {
      const from = i - n8 + 1;
      if (!n8Both || (lastAbove1 >= from && lastBelow1 >= from)) {
        outsideFired = 1;
        buf.add(11, from + o, i + o, 0);
      }
    }
  }
  return buf;
}
