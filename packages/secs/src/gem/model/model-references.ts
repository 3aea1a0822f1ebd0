// Cross-reference checks of a well-formed equipment model: ids and names declared twice (naming both
// entries), event data naming unknown variables, alarm/control/processing/limit events that do not
// exist, limits on variables that are not numeric, processing states and remote commands naming
// unknown states or transitions.

import { shown } from '@bondline/core';
import type { EquipmentModel } from './equipment-model.js';
import type { ModelIssues, ModelPath } from './model-issue.js';
import { isNumericType } from './value.js';

/** One declared key (an id or a name) and the path of the entry that declares it. */
interface Declared {
  key: number | string;
  path: ModelPath;
}

/** Add an issue for every entry whose key an earlier entry already declared, naming both paths. */
function duplicates(f: ModelIssues, entries: readonly Declared[], what: string): void {
  const first = new Map<number | string, ModelPath>();
  for (const e of entries) {
    const earlier = first.get(e.key);
    if (earlier === undefined) first.set(e.key, e.path);
    else f.add('duplicate', e.path, `${what} ${shown(e.key)} is already declared by ${f.name(earlier)}`);
  }
}

const VARIABLE_SECTIONS = [
  ['statusVariables', 'sv'],
  ['dataVariables', 'dv'],
  ['equipmentConstants', 'ec'],
] as const;

interface DeclaredVariable {
  id: number;
  name: string;
  kind: 'sv' | 'dv' | 'ec';
  numeric: boolean;
  /** Path of the entry, e.g. `['dataVariables', 2]`. */
  p: ModelPath;
}

/** SVs, DVs and ECs with the path of each, in model order. */
function variablesWithPaths(m: EquipmentModel): DeclaredVariable[] {
  return VARIABLE_SECTIONS.flatMap(([key, kind]) =>
    m[key].map(
      (def, i): DeclaredVariable => ({
        id: def.id,
        name: def.name,
        kind,
        numeric: isNumericType(def.type),
        p: [key, i],
      }),
    ),
  );
}

/** The `field` of each entry of the model list `section`, with its path, for `duplicates`. */
function declaredBy<T, K extends keyof T & string>(
  list: readonly T[],
  section: ModelPath,
  field: K,
): Declared[] {
  return list.map((e, i) => ({ key: e[field] as number | string, path: [...section, i, field] }));
}

/**
 * Add an issue for every duplicate id or name and every reference to something the model does not
 * declare. VIDs share one namespace (SVs, DVs and ECs are all "variables" in S2F33 reports), and so do
 * their names: GemEquipment.set(), the operator console and a host's learnNames() look them up by name.
 */
export function checkReferences(m: EquipmentModel, f: ModelIssues): void {
  const vars = variablesWithPaths(m);
  checkDuplicates(m, vars, f);
  checkVariableAndEventReferences(m, vars, f);
  checkProcessingReferences(m, f);
}

function checkDuplicates(m: EquipmentModel, vars: readonly DeclaredVariable[], f: ModelIssues): void {
  const ids = vars.map((v) => ({ key: v.id, path: [...v.p, 'id'] }));
  duplicates(f, ids, 'variable id (status, data and constants share ids)');
  const names = vars.map((v) => ({ key: v.name, path: [...v.p, 'name'] }));
  duplicates(f, names, 'variable name (status, data and constants share names)');
  duplicates(f, declaredBy(m.events, ['events'], 'id'), 'CEID');
  duplicates(f, declaredBy(m.events, ['events'], 'name'), 'event name');
  duplicates(f, declaredBy(m.alarms, ['alarms'], 'id'), 'ALID');
  duplicates(f, declaredBy(m.remoteCommands, ['remoteCommands'], 'name'), 'remote command');
  m.remoteCommands.forEach((c, i) => {
    duplicates(f, declaredBy(c.params, ['remoteCommands', i, 'params'], 'name'), 'parameter');
  });
  const states = m.processing.states.map((s, i) => ({ key: s, path: ['processing', 'states', i] }));
  duplicates(f, states, 'processing state');
}

/** Event data, alarm/control/processing/limit events and limit variables that the model does not declare. */
function checkVariableAndEventReferences(
  m: EquipmentModel,
  vars: readonly DeclaredVariable[],
  f: ModelIssues,
): void {
  const vidSet = new Set(vars.map((v) => v.id));
  const ceids = new Set(m.events.map((e) => e.id));
  m.events.forEach((e, i) => {
    e.data.forEach((d, j) => {
      if (!vidSet.has(d)) f.add('unknown-reference', ['events', i, 'data', j], `no variable with id ${d}`);
    });
  });
  const ceidRef = (id: number | undefined, path: ModelPath): void => {
    if (id !== undefined && !ceids.has(id))
      f.add('unknown-reference', path, `no collection event with id ${id}`);
  };
  m.alarms.forEach((a, i) => {
    ceidRef(a.setCeid, ['alarms', i, 'setCeid']);
    ceidRef(a.clearCeid, ['alarms', i, 'clearCeid']);
  });
  for (const [s, id] of Object.entries(m.control.events)) ceidRef(id, ['control', 'events', s]);
  m.processing.transitions.forEach((t, i) => {
    ceidRef(t.ceid, ['processing', 'transitions', i, 'ceid']);
  });
  ceidRef(m.constantChangedCeid, ['constantChangedCeid']);
  ceidRef(m.limits?.ceid, ['limits', 'ceid']);
  ceidRef(m.spool.activatedCeid, ['spool', 'activatedCeid']);
  ceidRef(m.spool.deactivatedCeid, ['spool', 'deactivatedCeid']);
  ceidRef(m.processPrograms.changeCeid, ['processPrograms', 'changeCeid']);
  const svdv = new Map(vars.filter((v) => v.kind !== 'ec').map((v) => [v.id, v]));
  m.limits?.variables.forEach((lv, i) => {
    if (svdv.get(lv.vid)?.numeric !== true)
      f.add(
        'unknown-reference',
        ['limits', 'variables', i, 'vid'],
        `${lv.vid} is not a numeric status or data variable`,
      );
  });
}

/** The initial state and transitions naming undeclared states; commands naming unknown transitions. */
function checkProcessingReferences(m: EquipmentModel, f: ModelIssues): void {
  const { states, initial, transitions } = m.processing;
  if (!states.includes(initial))
    f.add('unknown-reference', ['processing', 'initial'], `${shown(initial)} is not a declared state`);
  transitions.forEach((t, i) => {
    for (const k of ['from', 'to'] as const)
      if (!states.includes(t[k]))
        f.add(
          'unknown-reference',
          ['processing', 'transitions', i, k],
          `${shown(t[k])} is not a declared state`,
        );
  });
  const procEvents = new Set(transitions.map((t) => t.on));
  m.remoteCommands.forEach((c, i) => {
    if (c.processingEvent !== undefined && !procEvents.has(c.processingEvent))
      f.add(
        'unknown-reference',
        ['remoteCommands', i, 'processingEvent'],
        `no processing transition ${shown(c.processingEvent)}`,
      );
  });
}
