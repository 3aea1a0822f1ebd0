// Cross-reference checks of a loaded equipment model: ids declared twice, event data naming unknown
// variables, alarm/control/processing/limit events that do not exist, limits on variables that are
// not numeric, remote commands naming unknown processing transitions.

import type { EquipmentModel } from './equipment-model.js';
import type { Fields } from './model-issue.js';
import { isNumericType } from './value.js';

function duplicates(f: Fields, ids: readonly (number | string)[], path: string): void {
  const seen = new Set<number | string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) f.add('duplicate', `${path}[${i}]`, `id ${id} is declared twice`);
    seen.add(id);
  });
}

/**
 * Add an issue for every duplicate id and every reference to something the model does not declare.
 * VIDs share one namespace (SVs, DVs and ECs are all "variables" in S2F33 reports).
 */
export function checkReferences(m: EquipmentModel, f: Fields): void {
  const vids = [...m.statusVariables, ...m.dataVariables, ...m.equipmentConstants];
  duplicates(
    f,
    vids.map((v) => v.id),
    'model.variables (status, data, constants share ids)',
  );
  duplicates(
    f,
    m.events.map((e) => e.id),
    'model.events',
  );
  duplicates(
    f,
    m.alarms.map((a) => a.id),
    'model.alarms',
  );
  duplicates(
    f,
    m.remoteCommands.map((c) => c.name),
    'model.remoteCommands',
  );
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
  const numeric = new Map(
    [...m.statusVariables, ...m.dataVariables].map((v) => [v.id, isNumericType(v.type)]),
  );
  m.limits?.variables.forEach((v, i) => {
    if (numeric.get(v.vid) !== true)
      f.add(
        'unknown-reference',
        `model.limits.variables[${i}].vid`,
        `${v.vid} is not a numeric status or data variable`,
      );
  });
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
