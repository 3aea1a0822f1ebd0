// Which declared types a builtin variable or constant may have. GEM computes builtin values itself
// (text for the clock, whole numbers for states and ids, a byte code for the limit event) and acts on
// builtin constants (a BOOLEAN spool policy, a TimeFormat code), so a model that declares, say,
// EventLimit as text or OverWriteSpool as a number would only fail when a host first reads or sets it;
// the loader refuses it instead. The list type L exists only for the list builtins (AlarmsEnabled,
// AlarmsSet, EventsEnabled): no other variable, constant or parameter may be declared L.

import type { ConstantBuiltin, ConstantDef, EquipmentModel, VariableDef } from './equipment-model.js';
import type { ModelIssues } from './model-issue.js';
import type { ValueType } from './value.js';

type Builtin = NonNullable<VariableDef['builtin']>;

const INTEGERS: readonly ValueType[] = ['U1', 'U2', 'U4', 'I1', 'I2', 'I4'];
const UNSIGNED: readonly ValueType[] = ['U1', 'U2', 'U4'];
// E5 LIMITID is format 10 (B [1]); E30's TransitionType is a 0/1 code in the same limit event. Integer
// types stay allowed for models written before the B type existed.
const BYTE_CODE: readonly ValueType[] = ['B', ...INTEGERS];
const ID_LIST: readonly ValueType[] = ['L'];

export const BUILTIN_TYPES: Record<Builtin, readonly ValueType[]> = {
  clock: ['A'],
  'control-state': INTEGERS,
  'processing-state': INTEGERS,
  'previous-processing-state': INTEGERS,
  'changed-ecid': INTEGERS,
  'limit-variable': INTEGERS,
  'event-limit': BYTE_CODE,
  'transition-type': BYTE_CODE,
  'spool-count-actual': UNSIGNED,
  'spool-count-total': UNSIGNED,
  'spool-start-time': ['A'],
  'spool-full-time': ['A'],
  'alarms-enabled': ID_LIST,
  'alarms-set': ID_LIST,
  'events-enabled': ID_LIST,
  'pp-change-name': ['A'],
  'pp-change-status': UNSIGNED,
};

export const CONSTANT_BUILTIN_TYPES: Record<ConstantBuiltin, readonly ValueType[]> = {
  'overwrite-spool': ['BOOLEAN'],
  'max-spool-transmit': UNSIGNED,
  'enable-spooling': ['BOOLEAN'],
  'establish-communications-timeout': UNSIGNED,
  'time-format': UNSIGNED,
};

/**
 * Values a builtin constant can take whatever its declared min/max: a retry delay of 0 s would retry
 * S1F13 without pause, and TimeFormat has three codes. S2F15 outside these gets EAC 3 like any limit.
 */
const CONSTANT_BUILTIN_RANGE: Partial<Record<ConstantBuiltin, { min: number; max: number }>> = {
  'establish-communications-timeout': { min: 1, max: 65535 },
  'time-format': { min: 0, max: 2 },
};

/** Why `value` is outside the range of the builtin constant `c`, or undefined when it is inside. */
export function builtinRangeProblem(c: ConstantDef, value: unknown): string | undefined {
  const r = c.builtin === undefined ? undefined : CONSTANT_BUILTIN_RANGE[c.builtin];
  if (r === undefined || typeof value !== 'number') return undefined;
  return value < r.min || value > r.max
    ? `${value} is outside ${r.min}..${r.max} (builtin ${c.builtin})`
    : undefined;
}

/** The constant of `model` GEM uses for `builtin`, if the model declares one. */
export function builtinConstant(model: EquipmentModel, builtin: ConstantBuiltin): ConstantDef | undefined {
  return model.equipmentConstants.find((c) => c.builtin === builtin);
}

const LIST_BUILTINS = Object.keys(BUILTIN_TYPES).filter((b) => BUILTIN_TYPES[b as Builtin].includes('L'));

/** Add an issue for every L declared outside the list builtins (an EC, a parameter, any other SV/DV). */
function checkListTypes(m: EquipmentModel, f: ModelIssues): void {
  const why = `type L is only for the builtins ${LIST_BUILTINS.join(', ')}`;
  for (const key of ['statusVariables', 'dataVariables'] as const)
    m[key].forEach((v, i) => {
      if (v.type === 'L' && v.builtin === undefined) f.add('wrong-type', [key, i, 'type'], why);
    });
  m.equipmentConstants.forEach((c, i) => {
    if (c.type === 'L') f.add('wrong-type', ['equipmentConstants', i, 'type'], why);
  });
  m.remoteCommands.forEach((c, i) => {
    c.params.forEach((p, j) => {
      if (p.type === 'L') f.add('wrong-type', ['remoteCommands', i, 'params', j, 'type'], why);
    });
  });
}

/**
 * Add an issue for every SV/DV whose builtin cannot be sent with its declared type, every EC whose
 * builtin GEM cannot act on with its type or default, every builtin EC declared twice, and every L
 * outside the list builtins.
 */
export function checkBuiltinTypes(m: EquipmentModel, f: ModelIssues): void {
  checkListTypes(m, f);
  for (const key of ['statusVariables', 'dataVariables'] as const)
    m[key].forEach((v, i) => {
      if (v.builtin === undefined) return;
      const allowed = BUILTIN_TYPES[v.builtin];
      if (!allowed.includes(v.type))
        f.add(
          'wrong-type',
          [key, i, 'type'],
          `builtin ${v.builtin} cannot be ${v.type}; expected one of ${allowed.join(', ')}`,
        );
    });
  const seen = new Set<ConstantBuiltin>();
  m.equipmentConstants.forEach((c, i) => {
    if (c.builtin === undefined) return;
    const p = ['equipmentConstants', i];
    if (seen.has(c.builtin)) f.add('duplicate', [...p, 'builtin'], `builtin ${c.builtin} is declared twice`);
    seen.add(c.builtin);
    const allowed = CONSTANT_BUILTIN_TYPES[c.builtin];
    if (!allowed.includes(c.type))
      f.add(
        'wrong-type',
        [...p, 'type'],
        `builtin ${c.builtin} cannot be ${c.type}; expected one of ${allowed.join(', ')}`,
      );
    else {
      const why = builtinRangeProblem(c, c.default);
      if (why !== undefined) f.add('out-of-range', [...p, 'default'], why);
    }
  });
}
