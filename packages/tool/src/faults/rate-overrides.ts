// Rate overrides on a loaded fault profile: a replay of a fab's ticket (docs/tool.md §8.4) sets the rate
// of the ticket's fault point so that it fires, on top of the profile the tool had. An override
// replaces the point's rate after the profile's fixes (so a retired point can be made to fire again);
// the profile's scales apply to it as to any rate of a profile file (docs/tool.md §5.3).
import { issue, type Result } from '@bondline/core';
import type { FaultCatalogue } from './fault-catalogue.js';
import type { FaultProfile } from './fault-profile.js';
import type { PointRate } from './fix-record.js';

/**
 * `profile` with the rates of `overrides` in place of its own; refused with one `unknown-fault` issue
 * per id that is not a point of `catalogue` (its path is the id).
 */
export function withRateOverrides(
  profile: FaultProfile,
  overrides: ReadonlyMap<string, PointRate>,
  catalogue: FaultCatalogue,
): Result<FaultProfile> {
  if (overrides.size === 0) return { ok: true, value: profile };
  const unknown = [...overrides.keys()].filter((id) => !catalogue.byId.has(id));
  if (unknown.length > 0) {
    return {
      ok: false,
      issues: unknown.map((id) =>
        issue('unknown-fault', `rate override ${id}: is not a fault point of ${catalogue.source}`, id),
      ),
    };
  }
  const rates = new Map(profile.rates);
  for (const [id, rate] of overrides) rates.set(id, { ...rate });
  return {
    ok: true,
    value: { ...profile, name: `${profile.name}+${[...overrides.keys()].join('+')}`, rates },
  };
}
