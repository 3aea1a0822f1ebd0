// A loaded fault profile (docs/tool.md §5): the rate of every fault point as delivered, the fix
// records since, and the rates after them. `withFixes` gives the tool after its first k fixes, the
// points of the learning curve.
import type { ModuleKind } from '../module-kind.js';
import { applyFixes, type FixRecord, type PointRate } from './fix-record.js';

export interface FaultProfile {
  name: string;
  description?: string;
  /** The file it was read from (absolute path). */
  source: string;
  /** Factor on every rate. */
  rateScale: number;
  /** Factor on the rates of one module kind's points (absent kinds: 1). */
  kindScale: Readonly<Partial<Record<ModuleKind, number>>>;
  /** Factor on the rates of the silent points (those that only degrade the process), on top of the others. */
  silentScale: number;
  /** Rates before any fix: those of the profile at the root of the `base` chain. */
  baseRates: ReadonlyMap<string, PointRate>;
  /** Fix records along the chain, in order (the base's first). */
  fixes: readonly FixRecord[];
  /** Rates after every fix: what the engine uses. */
  rates: ReadonlyMap<string, PointRate>;
}

/** The profile after only its first `k` fixes (0..fixes.length): the tool at that point of its learning curve. */
export function withFixes(profile: FaultProfile, k: number): FaultProfile {
  if (!Number.isInteger(k) || k < 0 || k > profile.fixes.length) {
    throw new RangeError(`withFixes: k must be an integer 0..${profile.fixes.length}, got ${k}`);
  }
  const fixes = profile.fixes.slice(0, k);
  return { ...profile, name: `${profile.name}@${k}`, fixes, rates: applyFixes(profile.baseRates, fixes) };
}
