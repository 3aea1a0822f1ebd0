// What the scripted maker of `fab up --story` ships for a ticket (docs/fab.md §11.9). Its releases are
// cumulative and follow the fix records of the mature profile in their order (the order in which the
// maker worked through the losses of its first tools, docs/tool.md §5.4): a tool at level k has the
// first k records. For a ticket the maker's analysis names fault points (the alarm's point, or the
// points its own twin shows active); the release goes up to and including the first record not yet
// deployed that fixes each of them. When none is left for them (or none was named), the next
// release in order: RELEASE_STEP more records. Pure: the caller deploys it.
import type { FixRecord } from '@bondline/tool';

/** Records in a release that fixes nothing named (the maker's regular release cadence). */
export const RELEASE_STEP = 10;

export interface Release {
  /** The tool's level after it (number of the maturity chain's records deployed). */
  readonly level: number;
  /** The records it adds, in order (empty when the tool already has every record). */
  readonly fixes: readonly FixRecord[];
  /** The named points it fixes (the others named have no record left). */
  readonly fixesNamed: readonly string[];
  /** Why this release: for the ticket's history. */
  readonly why: string;
}

/** The release for a ticket naming `points`, on a tool at `level` of `chain`. */
export function releaseFor(chain: readonly FixRecord[], level: number, points: readonly string[]): Release {
  let upTo = level;
  const fixesNamed: string[] = [];
  for (const p of points) {
    const i = chain.findIndex((f, j) => j >= level && f.faultId === p);
    if (i < 0) continue;
    fixesNamed.push(p);
    upTo = Math.max(upTo, i + 1);
  }
  if (fixesNamed.length > 0) {
    return {
      level: upTo,
      fixes: chain.slice(level, upTo),
      fixesNamed,
      why: `fixes ${fixesNamed.join(', ')} (records ${level + 1} to ${upTo} of ${chain.length})`,
    };
  }
  const next = Math.min(chain.length, level + RELEASE_STEP);
  const named = points.length === 0 ? 'no fault point named' : `no record left for ${points.join(', ')}`;
  return {
    level: next,
    fixes: chain.slice(level, next),
    fixesNamed: [],
    why:
      next === level
        ? `${named}; the tool has every record of the maker's chain (${chain.length})`
        : `${named}; the next release in order (records ${level + 1} to ${next} of ${chain.length})`,
  };
}
