// A fix record: one verified change to the tool (a software release or an engineering change) that
// retires one fault point or divides its rate (docs/tool.md §5). Applying fix records in order to
// the rates of the tool as delivered replays its learning curve.

/** What a fix does to its fault point's rate: `retire` sets it to 0, `reduceBy` divides it. */
export type FixEffect = 'retire' | { reduceBy: number };

export interface FixRecord {
  /** FIX-NNN, unique along a profile's chain of fixes. */
  id: string;
  /** YYYY-MM-DD; fixes are listed in date order. */
  date: string;
  faultId: string;
  kind: 'software' | 'hardware';
  /** The release or engineering change that carries it (`TC 1.4.2`, `ECN-2417`). */
  revision: string;
  /** What was changed, for a person. */
  change: string;
  effect: FixEffect;
}

/** How often a fault point fires: per step at a module of its kind, or per hour at each such module. */
export interface PointRate {
  per: 'step' | 'hour';
  /** Probability per step (0..1), or expected firings per hour. */
  rate: number;
  /** The rate grows as rate x (1 + count / n) with substrates since the module's last maintenance. */
  wearDoublingCount?: number;
}

/** `rates` after `fixes` in order (a new map; `rates` is not changed). Every fix's point must have a rate. */
export function applyFixes(
  rates: ReadonlyMap<string, PointRate>,
  fixes: readonly FixRecord[],
): Map<string, PointRate> {
  const out = new Map(rates);
  for (const f of fixes) {
    const r = out.get(f.faultId);
    if (r === undefined) throw new RangeError(`fix ${f.id}: fault point ${f.faultId} has no rate`);
    out.set(f.faultId, { ...r, rate: f.effect === 'retire' ? 0 : r.rate / f.effect.reduceBy });
  }
  return out;
}
