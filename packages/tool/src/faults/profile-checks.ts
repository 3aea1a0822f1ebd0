// Checks of a fault profile against the catalogue and its base (docs/tool.md §5): every rate names a
// fault point of the catalogue and every point has a rate; every fix names a known point, has its own
// id, comes no earlier than the fix before it (the order is the learning curve), and acts on a point
// that is not already retired.
import type { Issue } from '@bondline/core';
import type { FaultCatalogue } from './fault-catalogue.js';
import type { FixRecord, PointRate } from './fix-record.js';
import { type FilePlace, placedIssue } from './placed-issue.js';

export type ProfileCheckCode =
  | 'unknown-fault'
  | 'missing-rate'
  | 'duplicate-fix'
  | 'fix-out-of-order'
  | 'already-retired'
  | 'base-or-rates';

/** Most missing ids a message lists before it says how many more. */
const LISTED = 8;

/** Rates keyed by fault id: unknown ids (one issue each) and catalogue points without a rate (one issue). */
export function checkRates(
  rates: Readonly<Record<string, unknown>>,
  catalogue: FaultCatalogue,
  where: FilePlace,
): Issue<ProfileCheckCode>[] {
  const issues: Issue<ProfileCheckCode>[] = [];
  for (const id of Object.keys(rates)) {
    if (!catalogue.byId.has(id)) {
      issues.push(
        placedIssue(
          'unknown-fault',
          where,
          ['rates', id],
          `${id} is not a fault point of ${catalogue.source}`,
        ),
      );
    }
  }
  const missing = catalogue.points.filter((p) => !Object.hasOwn(rates, p.id)).map((p) => p.id);
  if (missing.length > 0) {
    const more = missing.length > LISTED ? ` and ${missing.length - LISTED} more` : '';
    issues.push(
      placedIssue(
        'missing-rate',
        where,
        ['rates'],
        `${missing.length} fault point(s) of the catalogue have no rate: ${missing.slice(0, LISTED).join(', ')}${more} (every point needs one; { perStep: 0 } leaves a point off)`,
      ),
    );
  }
  return issues;
}

/** What the fixes before this file's own fixes left: their ids, the last date, and the rates. */
export interface FixHistory {
  ids: ReadonlyMap<string, string>;
  lastDate: string | undefined;
  rates: ReadonlyMap<string, PointRate>;
  /** For each retired point, the fix that retired it (absent: retired by its rate being 0 from the start). */
  retiredBy: ReadonlyMap<string, string>;
}

/** The fixes of one file, read after `history` (the base chain's fixes). */
export function checkFixes(
  fixes: readonly FixRecord[],
  history: FixHistory,
  catalogue: FaultCatalogue,
  where: FilePlace,
): Issue<ProfileCheckCode>[] {
  const issues: Issue<ProfileCheckCode>[] = [];
  const ids = new Map(history.ids);
  const rates = new Map(history.rates);
  const retiredBy = new Map(history.retiredBy);
  let lastDate = history.lastDate;
  for (const [i, f] of fixes.entries()) {
    const at = (key: string): PropertyKey[] => ['fixes', i, key];
    const seen = ids.get(f.id);
    if (seen !== undefined) {
      issues.push(
        placedIssue('duplicate-fix', where, at('id'), `${f.id} is already the id of a fix (${seen})`),
      );
    } else ids.set(f.id, `${where.source}, fixes[${i}]`);
    if (lastDate !== undefined && f.date < lastDate) {
      issues.push(
        placedIssue(
          'fix-out-of-order',
          where,
          at('date'),
          `${f.id} is dated ${f.date}, before the fix above it (${lastDate}); list fixes in date order`,
        ),
      );
    }
    lastDate = lastDate === undefined || f.date > lastDate ? f.date : lastDate;
    if (!catalogue.byId.has(f.faultId)) {
      issues.push(
        placedIssue(
          'unknown-fault',
          where,
          at('faultId'),
          `${f.faultId} is not a fault point of ${catalogue.source}`,
        ),
      );
      continue;
    }
    const r = rates.get(f.faultId);
    if (r === undefined) continue;
    if (r.rate === 0) {
      const by = retiredBy.get(f.faultId);
      issues.push(
        placedIssue(
          'already-retired',
          where,
          at('faultId'),
          `${f.faultId} is already retired${by === undefined ? ' (its rate is 0)' : ` by ${by}`}; ${f.id} cannot change it`,
        ),
      );
      continue;
    }
    rates.set(f.faultId, { ...r, rate: f.effect === 'retire' ? 0 : r.rate / f.effect.reduceBy });
    if (f.effect === 'retire') retiredBy.set(f.faultId, f.id);
  }
  return issues;
}
