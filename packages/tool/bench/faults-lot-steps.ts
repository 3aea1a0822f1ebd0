// A synthetic lot's module steps for the fault benches: the visits a pair makes in the default tool
// (LP1 top carrier, LP2 bottom carrier, LP3 stacks; TR1; PA1, PL1, CL1, FL1, BD1, IN1), one pair
// started every `periodS` seconds. Not the scheduler: just a plausible, reproducible call sequence.
import type { ModuleKind, StepSite } from '../src/index.js';

/** One pair's visits: module id, kind, and offset within the pair's period (fraction). */
const VISITS: readonly [string, ModuleKind][] = [
  ['LP1', 'loadport'],
  ['TR1', 'robot'],
  ['PA1', 'prealigner'],
  ['TR1', 'robot'],
  ['PL1', 'plasma'],
  ['TR1', 'robot'],
  ['CL1', 'clean'],
  ['TR1', 'robot'],
  ['FL1', 'flipper'],
  ['LP2', 'loadport'],
  ['TR1', 'robot'],
  ['PA1', 'prealigner'],
  ['TR1', 'robot'],
  ['PL1', 'plasma'],
  ['TR1', 'robot'],
  ['CL1', 'clean'],
  ['TR1', 'robot'],
  ['TR1', 'robot'],
  ['BD1', 'bonder'],
  ['TR1', 'robot'],
  ['IN1', 'inspection'],
  ['TR1', 'robot'],
  ['LP3', 'loadport'],
];

/** The steps of a lot of `pairs` pairs, in time order, with substrate counts since the start. */
export function syntheticLotSteps(pairs: number, periodS = 150): StepSite[] {
  const counts = new Map<string, number>();
  const out: StepSite[] = [];
  for (let i = 0; i < pairs; i++) {
    for (const [j, [moduleId, kind]] of VISITS.entries()) {
      const n = counts.get(moduleId) ?? 0;
      counts.set(moduleId, n + 1);
      out.push({
        moduleId,
        kind,
        atS: i * periodS + (j * periodS) / VISITS.length,
        countSinceMaintenance: n,
      });
    }
  }
  return out;
}
