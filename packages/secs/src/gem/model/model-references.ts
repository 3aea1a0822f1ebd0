// Cross-reference checks of a loaded equipment model: ids and names declared twice (naming both
// entries), event data naming unknown variables, alarm/control/processing/limit events that do not
// exist, limits on variables that are not numeric, remote commands naming unknown processing
// transitions.

import type { ConstantDef, EquipmentModel, VariableDef } from './equipment-model.js';
import type { Fields } from './model-issue.js';
import { isNumericType } from './value.js';

/** One declared key (an id or a name) and the path of the entry that declares it. */
interface Declared {
  key: number | string;
  path: string;
}

/**
 * Add an issue for every entry whose key an earlier entry already declared, naming both paths. Keys
 * of fields already refused (a wrong-type id read as a stand-in) are left out.
 */
function duplicates(f: Fields, entries: readonly Declared[], what: string): void {
  const first = new Map<number | string, string>();
  for (const e of entries) {
    if (f.has(e.path)) continue;
    const earlier = first.get(e.key);
    if (earlier === undefined) first.set(e.key, e.path);
    else f.add('duplicate', e.path, `${what} ${JSON.stringify(e.key)} is already declared by ${earlier}`);
  }
}

const VARIABLE_SECTIONS = [
  ['statusVariables', 'sv'],
  ['dataVariables', 'dv'],
  ['equipmentConstants', 'ec'],
] as const;

interface DeclaredVariable {
  def: VariableDef | ConstantDef;
  kind: 'sv' | 'dv' | 'ec';
  /** Path of the entry, e.g. `model.dataVariables[2]`. */
  p: string;
}

/** SVs, DVs and ECs with the path of each, in model order. */
function variablesWithPaths(m: EquipmentModel): DeclaredVariable[] {
  return VARIABLE_SECTIONS.flatMap(([key, kind]) =>
    m[key].map((def, i): DeclaredVariable => ({ def, kind, p: `model.${key}[${i}]` })),
  );
}

/** The `field` of each entry of the model list at `section`, with its path, for `duplicates`. */
function declaredBy<T, K extends keyof T & string>(
  list: readonly T[],
  section: string,
  field: K,
): Declared[] {
  return list.map((e, i) => ({ key: e[field] as number | string, path: `${section}[${i}].${field}` }));
}

/**
 * Add an issue for every duplicate id or name and every reference to something the model does not
 * declare. VIDs share one namespace (SVs, DVs and ECs are all "variables" in S2F33 reports), and so do
 * their names: GemEquipment.set(), the operator console and a host's learnNames() look them up by name.
 */
export function checkReferences(m: EquipmentModel, f: Fields): void {
  const vars = variablesWithPaths(m);
  checkDuplicates(m, vars, f);
  checkVariableAndEventReferences(m, vars, f);
  checkProcessingReferences(m, f);
}

function checkDuplicates(m: EquipmentModel, vars: readonly DeclaredVariable[], f: Fields): void {
  const ids = vars.map((v) => ({ key: v.def.id, path: `${v.p}.id` }));
  duplicates(f, ids, 'variable id (status, data and constants share ids)');
  const names = vars.map((v) => ({ key: v.def.name, path: `${v.p}.name` }));
  duplicates(f, names, 'variable name (status, data and constants share names)');
  duplicates(f, declaredBy(m.events, 'model.events', 'id'), 'CEID');
  duplicates(f, declaredBy(m.events, 'model.events', 'name'), 'event name');
  duplicates(f, declaredBy(m.alarms, 'model.alarms', 'id'), 'ALID');
  duplicates(f, declaredBy(m.remoteCommands, 'model.remoteCommands', 'name'), 'remote command');
  m.remoteCommands.forEach((c, i) => {
    duplicates(f, declaredBy(c.params, `model.remoteCommands[${i}].params`, 'name'), 'parameter');
  });
  const states = m.processing.states.map((s, i) => ({ key: s, path: `model.processing.states[${i}]` }));
  duplicates(f, states, 'processing state');
}

/** Event data, alarm/control/processing/limit events and limit variables that the model does not declare. */
function checkVariableAndEventReferences(
  m: EquipmentModel,
  vars: readonly DeclaredVariable[],
  f: Fields,
): void {
  const vids = vars.map((v) => v.def);
  const vidSet = new Set(vids.map((v) => v.id));
  const ceids = new Set(m.events.map((e) => e.id));
  m.events.forEach((e, i) => {
    e.data.forEach((d, j) => {
      if (d >= 0 && !vidSet.has(d))
        f.add('unknown-reference', `model.events[${i}].data[${j}]`, `no variable with id ${d}`);
    });
  });
  const ceidRef = (id: number | undefined, path: string): void => {
    if (id !== undefined && !ceids.has(id))
      f.add('unknown-reference', path, `no collection event with id ${id}`);
  };
  m.alarms.forEach((a, i) => {
    ceidRef(a.setCeid, `model.alarms[${i}].setCeid`);
    ceidRef(a.clearCeid, `model.alarms[${i}].clearCeid`);
  });
  for (const [s, id] of Object.entries(m.control.events)) ceidRef(id, `model.control.events.${s}`);
  m.processing.transitions.forEach((t, i) => {
    ceidRef(t.ceid, `model.processing.transitions[${i}].ceid`);
  });
  ceidRef(m.constantChangedCeid, 'model.constantChangedCeid');
  ceidRef(m.limits?.ceid, 'model.limits.ceid');
  ceidRef(m.spool.activatedCeid, 'model.spool.activatedCeid');
  ceidRef(m.spool.deactivatedCeid, 'model.spool.deactivatedCeid');
  ceidRef(m.processPrograms.changeCeid, 'model.processPrograms.changeCeid');
  const svdv = new Map(vars.filter((v) => v.kind !== 'ec').map((v) => [v.def.id, v]));
  m.limits?.variables.forEach((lv, i) => {
    const v = svdv.get(lv.vid);
    // A variable whose type the file got wrong has its own issue; its stand-in type says nothing.
    if (v === undefined || (!f.has(`${v.p}.type`) && !isNumericType(v.def.type)))
      f.add(
        'unknown-reference',
        `model.limits.variables[${i}].vid`,
        `${lv.vid} is not a numeric status or data variable`,
      );
  });
}

/** Remote commands naming a processing transition the model does not have. */
function checkProcessingReferences(m: EquipmentModel, f: Fields): void {
  // Without a processing section (already reported) every processing event would be "unknown".
  if (f.has('model.processing')) return;
  const procEvents = new Set(m.processing.transitions.map((t) => t.on));
  m.remoteCommands.forEach((c, i) => {
    if (c.processingEvent !== undefined && !procEvents.has(c.processingEvent))
      f.add(
        'unknown-reference',
        `model.remoteCommands[${i}].processingEvent`,
        `no processing transition '${c.processingEvent}'`,
      );
  });
}
