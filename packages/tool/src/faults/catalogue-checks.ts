// Checks of a fault catalogue that need more than one field or more than one point (docs/tool.md §5):
// ids and ALIDs unique across the file, each id's prefix naming its module, and the rule that ties
// an alarm to a stopped module: an alarming point stops its module and has an alarm; a silent point
// neither stops nor raises anything, so nothing but metrology after the fact can see it.
import type { Issue } from '@bondline/core';
import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';
import type { CatalogueFile, FaultPointEntry } from './catalogue-schema.js';
import { type FilePlace, placedIssue } from './placed-issue.js';

/** The id prefix of each module kind's fault points (the module ids' letters: LP1, TR1, PA1, ...). */
const FAULT_ID_PREFIX: Readonly<Record<ModuleKind, string>> = {
  loadport: 'LP',
  robot: 'TR',
  prealigner: 'PA',
  plasma: 'PL',
  clean: 'CL',
  flipper: 'FL',
  bonder: 'BD',
  inspection: 'IN',
};

export type CatalogueCheckCode =
  | 'duplicate-id'
  | 'duplicate-alid'
  | 'wrong-prefix'
  | 'alarm-missing'
  | 'silent-with-alarm'
  | 'silent-detected'
  | 'silent-without-effect'
  | 'active-on-alarm'
  | 'empty-catalogue';

/** Every cross-field problem of a schema-valid catalogue file, in file order. */
export function checkCatalogue(file: CatalogueFile, where: FilePlace): Issue<CatalogueCheckCode>[] {
  const issues: Issue<CatalogueCheckCode>[] = [];
  const ids = new Map<string, readonly PropertyKey[]>();
  const alids = new Map<number, readonly PropertyKey[]>();
  let count = 0;
  const at = (path: readonly PropertyKey[]): string => where.locate?.(path) ?? path.join('.');
  for (const kind of MODULE_KINDS) {
    const list = file.points[kind] ?? [];
    for (const [i, p] of list.entries()) {
      count++;
      const base = ['points', kind, i] as const;
      const seenId = ids.get(p.id);
      if (seenId !== undefined) {
        issues.push(
          placedIssue('duplicate-id', where, [...base, 'id'], `${p.id} is already the id at ${at(seenId)}`),
        );
      } else ids.set(p.id, [...base, 'id']);
      const prefix = FAULT_ID_PREFIX[kind];
      if (!p.id.startsWith(`${prefix}-`)) {
        issues.push(
          placedIssue(
            'wrong-prefix',
            where,
            [...base, 'id'],
            `${p.id} is listed under ${kind}; its id must start with ${prefix}-`,
          ),
        );
      }
      if (p.alarm !== undefined) {
        const seenAlid = alids.get(p.alarm.alid);
        if (seenAlid !== undefined) {
          issues.push(
            placedIssue(
              'duplicate-alid',
              where,
              [...base, 'alarm', 'alid'],
              `ALID ${p.alarm.alid} is already used at ${at(seenAlid)}`,
            ),
          );
        } else alids.set(p.alarm.alid, [...base, 'alarm', 'alid']);
      }
      issues.push(...alarmRules(p, base, where));
    }
  }
  if (count === 0) {
    issues.push(placedIssue('empty-catalogue', where, ['points'], 'the catalogue has no fault point'));
  }
  return issues;
}

/** An alarming point stops its module and has an alarm; a silent one has neither. */
function alarmRules(
  p: FaultPointEntry,
  base: readonly PropertyKey[],
  where: FilePlace,
): Issue<CatalogueCheckCode>[] {
  const out: Issue<CatalogueCheckCode>[] = [];
  if (p.effect.stopsModule) {
    if (p.alarm === undefined) {
      out.push(
        placedIssue(
          'alarm-missing',
          where,
          [...base, 'effect', 'stopsModule'],
          `${p.id} stops its module, so it must raise an alarm: add alarm: { alid, alcd }`,
        ),
      );
    }
    if (p.effect.activeS !== undefined) {
      out.push(
        placedIssue(
          'active-on-alarm',
          where,
          [...base, 'effect', 'activeS'],
          `${p.id} stops its module until it is cleared; activeS is for silent points only`,
        ),
      );
    }
    return out;
  }
  if (p.alarm !== undefined) {
    out.push(
      placedIssue(
        'silent-with-alarm',
        where,
        [...base, 'alarm'],
        `${p.id} does not stop its module (a silent point), so it raises no alarm: remove alarm or set stopsModule: true`,
      ),
    );
  }
  if (!Object.keys(p.effect).some((k) => k !== 'stopsModule' && k !== 'activeS')) {
    out.push(
      placedIssue(
        'silent-without-effect',
        where,
        [...base, 'effect'],
        `${p.id} is silent, so it must degrade something: give extraParticles, particleRateFactor, overlayDrift, alignNoiseFactor, edgeVoidProbability or timeFactor`,
      ),
    );
  }
  if (p.detection !== 'none' && p.detection !== 'metrology') {
    out.push(
      placedIssue(
        'silent-detected',
        where,
        [...base, 'detection'],
        `${p.id} is silent, so no ${p.detection} reports it: detection is none, or metrology (found in the data after the fact)`,
      ),
    );
  }
  return out;
}
