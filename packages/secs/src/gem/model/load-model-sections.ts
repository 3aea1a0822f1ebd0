// Readers of the list sections of an equipment model (variables, constants, events, alarms, remote
// commands) and of the processing section. Each records the problems of its own fields; a field that
// is already wrong (an unknown type, a missing section) is not checked again against a stand-in value,
// so every issue a user sees points at something the file really says.

import { BUILTIN_TYPES, CONSTANT_BUILTIN_TYPES } from './builtin-types.js';
import type {
  AlarmDef,
  ConstantDef,
  EquipmentModel,
  EventDef,
  RemoteCommandDef,
  VariableDef,
} from './equipment-model.js';
import type { Fields } from './model-issue.js';
import { checkValue, VALUE_TYPES, type Value, type ValueType } from './value.js';

export const U4_MAX = 4294967295;
/**
 * E5 ALCD bits 1..7: 1 personal safety .. 7 attention flags, 8 data integrity, 9..63 other
 * categories; 0 is "not used" and 64..127 are reserved.
 */
const ALARM_CATEGORY_MAX = 63;

const BUILTINS = Object.keys(BUILTIN_TYPES) as (keyof typeof BUILTIN_TYPES)[];
const CONSTANT_BUILTINS = Object.keys(CONSTANT_BUILTIN_TYPES) as (keyof typeof CONSTANT_BUILTIN_TYPES)[];
// Stands in for a type the file got wrong; the issue is recorded and nothing is checked against it.
const UNKNOWN_TYPE: ValueType = 'A';
/** The types an equipment constant or a command parameter may have: all but L (list builtins only). */
const SCALAR_TYPES = VALUE_TYPES.filter((t) => t !== 'L');

/**
 * The type of a constant or command parameter; an unknown one is reported with the scalar types as
 * the hint. L is passed on, so that the list check (builtin-types.ts) says what L is for.
 */
function scalarType(f: Fields, o: Record<string, unknown>, path: string): ValueType | undefined {
  return o.type === 'L' ? 'L' : f.choice(o, 'type', path, SCALAR_TYPES);
}

export function readVariables(
  f: Fields,
  list: unknown,
  key: 'statusVariables' | 'dataVariables',
): VariableDef[] {
  return f.arr(list, `model.${key}`, true).map((raw, i) => {
    const p = `model.${key}[${i}]`;
    const o = f.obj(raw, p) ?? {};
    f.keys(o, p, ['id', 'name', 'type', 'unit', 'value', 'builtin']);
    const type = f.choice(o, 'type', p, VALUE_TYPES);
    const v: VariableDef = {
      id: f.int(o, 'id', p, 0, U4_MAX),
      name: f.str(o, 'name', p),
      type: type ?? UNKNOWN_TYPE,
      unit: f.str(o, 'unit', p, ''),
    };
    if (o.builtin !== undefined) {
      const builtin = f.choice(o, 'builtin', p, BUILTINS);
      if (builtin !== undefined) v.builtin = builtin;
    }
    if (o.value !== undefined && type !== undefined) {
      const why = checkValue(type, o.value);
      if (why === undefined) v.value = o.value as Value;
      else f.add('wrong-type', `${p}.value`, why);
    }
    return v;
  });
}

export function readConstants(f: Fields, list: unknown): ConstantDef[] {
  return f.arr(list, 'model.equipmentConstants', true).map((raw, i) => {
    const p = `model.equipmentConstants[${i}]`;
    const o = f.obj(raw, p) ?? {};
    f.keys(o, p, ['id', 'name', 'type', 'unit', 'min', 'max', 'default', 'builtin']);
    const type = scalarType(f, o, p);
    const c: ConstantDef = {
      id: f.int(o, 'id', p, 0, U4_MAX),
      name: f.str(o, 'name', p),
      type: type ?? UNKNOWN_TYPE,
      unit: f.str(o, 'unit', p, ''),
      default: 0,
    };
    if (o.builtin !== undefined) {
      const builtin = f.choice(o, 'builtin', p, CONSTANT_BUILTINS);
      if (builtin !== undefined) c.builtin = builtin;
    }
    const min = f.num(o, 'min', p);
    const max = f.num(o, 'max', p);
    if (min !== undefined) c.min = min;
    if (max !== undefined) c.max = max;
    if (min !== undefined && max !== undefined && min > max)
      f.add('out-of-range', `${p}.min`, `min ${min} is above max ${max}`);
    const d = o.default;
    if (d === undefined) {
      f.add('missing', `${p}.default`, 'is required');
      return c;
    }
    const why = type === undefined ? undefined : checkValue(type, d);
    if (why !== undefined) f.add('wrong-type', `${p}.default`, why);
    else if (typeof d === 'number' && ((min !== undefined && d < min) || (max !== undefined && d > max)))
      f.add('out-of-range', `${p}.default`, `${d} is outside the limits ${min ?? '-inf'}..${max ?? 'inf'}`);
    if (why === undefined) c.default = d as Value;
    return c;
  });
}

export function readEvents(f: Fields, list: unknown): EventDef[] {
  return f.arr(list, 'model.events', true).map((raw, i) => {
    const p = `model.events[${i}]`;
    const o = f.obj(raw, p) ?? {};
    f.keys(o, p, ['id', 'name', 'data']);
    const data = f.arr(o.data, `${p}.data`, true).map((d, j) => {
      if (typeof d === 'number' && Number.isInteger(d)) return d;
      f.add('wrong-type', `${p}.data[${j}]`, 'expected a variable id');
      return -1;
    });
    return { id: f.int(o, 'id', p, 0, U4_MAX), name: f.str(o, 'name', p), data };
  });
}

export function readAlarms(f: Fields, list: unknown): AlarmDef[] {
  return f.arr(list, 'model.alarms', true).map((raw, i) => {
    const p = `model.alarms[${i}]`;
    const o = f.obj(raw, p) ?? {};
    f.keys(o, p, ['id', 'text', 'category', 'setCeid', 'clearCeid']);
    const a: AlarmDef = {
      id: f.int(o, 'id', p, 0, U4_MAX),
      text: f.str(o, 'text', p),
      category: f.int(o, 'category', p, 1, ALARM_CATEGORY_MAX),
    };
    if (a.text.length > 120) f.add('out-of-range', `${p}.text`, 'ALTX is at most 120 characters (E5)');
    if (o.setCeid !== undefined) a.setCeid = f.int(o, 'setCeid', p, 0, U4_MAX);
    if (o.clearCeid !== undefined) a.clearCeid = f.int(o, 'clearCeid', p, 0, U4_MAX);
    return a;
  });
}

export function readRemoteCommands(f: Fields, list: unknown): RemoteCommandDef[] {
  return f.arr(list, 'model.remoteCommands', true).map((raw, i) => {
    const p = `model.remoteCommands[${i}]`;
    const o = f.obj(raw, p) ?? {};
    f.keys(o, p, ['name', 'params', 'processingEvent']);
    const params = f.arr(o.params, `${p}.params`, true).map((rp, j) => {
      const pp = `${p}.params[${j}]`;
      const po = f.obj(rp, pp) ?? {};
      f.keys(po, pp, ['name', 'type', 'required']);
      return {
        name: f.str(po, 'name', pp),
        type: scalarType(f, po, pp) ?? UNKNOWN_TYPE,
        required: f.bool(po, 'required', pp, true),
      };
    });
    const c: RemoteCommandDef = { name: f.str(o, 'name', p), params };
    if (o.processingEvent !== undefined) c.processingEvent = f.str(o, 'processingEvent', p);
    return c;
  });
}

/**
 * The processing state model. A missing section is one issue (not one per field it would have had);
 * without states, the initial state and the transitions' states are not checked against an empty list.
 */
export function readProcessing(f: Fields, raw: unknown): EquipmentModel['processing'] {
  const none = { states: [], initial: '', transitions: [] };
  if (raw === undefined) {
    f.add('missing', 'model.processing', 'is required (states, initial, transitions)');
    return none;
  }
  const proc = f.obj(raw, 'model.processing');
  if (proc === undefined) return none;
  f.keys(proc, 'model.processing', ['states', 'initial', 'transitions']);
  const states = f.arr(proc.states, 'model.processing.states').map((s, i) => {
    if (typeof s === 'string') return s;
    f.add('wrong-type', `model.processing.states[${i}]`, 'expected a state name');
    return '';
  });
  if (Array.isArray(proc.states) && states.length === 0)
    f.add('missing', 'model.processing.states', 'declare at least one state');
  const known = states.length > 0 && !f.has('model.processing.states');
  const initial = f.str(proc, 'initial', 'model.processing', states[0] ?? '');
  if (known && !states.includes(initial))
    f.add('unknown-reference', 'model.processing.initial', `'${initial}' is not a declared state`);
  const transitions = f.arr(proc.transitions, 'model.processing.transitions', true).map((t, i) => {
    const p = `model.processing.transitions[${i}]`;
    const o = f.obj(t, p) ?? {};
    f.keys(o, p, ['from', 'on', 'to', 'ceid']);
    const tr = { from: f.str(o, 'from', p), on: f.str(o, 'on', p), to: f.str(o, 'to', p) };
    for (const k of ['from', 'to'] as const)
      if (known && !f.has(`${p}.${k}`) && !states.includes(tr[k]))
        f.add('unknown-reference', `${p}.${k}`, `'${tr[k]}' is not a declared state`);
    return o.ceid === undefined ? tr : { ...tr, ceid: f.int(o, 'ceid', p, 0, U4_MAX) };
  });
  return { states, initial, transitions };
}

/** `spool:` bounds and the E30 spooling activated / deactivated events (checked against `events`). */
export function readSpool(f: Fields, raw: unknown): EquipmentModel['spool'] {
  const sp = f.obj(raw ?? {}, 'model.spool') ?? {};
  f.keys(sp, 'model.spool', ['maxMessages', 'maxBytes', 'activatedCeid', 'deactivatedCeid']);
  const spool: EquipmentModel['spool'] = {
    maxMessages: f.int(sp, 'maxMessages', 'model.spool', 1, U4_MAX, 100_000),
    maxBytes: f.int(sp, 'maxBytes', 'model.spool', 1, Number.MAX_SAFE_INTEGER, 256 << 20),
  };
  if (sp.activatedCeid !== undefined)
    spool.activatedCeid = f.int(sp, 'activatedCeid', 'model.spool', 0, U4_MAX);
  if (sp.deactivatedCeid !== undefined)
    spool.deactivatedCeid = f.int(sp, 'deactivatedCeid', 'model.spool', 0, U4_MAX);
  return spool;
}

/** `processPrograms:` directory, size bound and the E30 process program change event. */
export function readProcessPrograms(f: Fields, raw: unknown): EquipmentModel['processPrograms'] {
  const pp = f.obj(raw ?? {}, 'model.processPrograms') ?? {};
  f.keys(pp, 'model.processPrograms', ['directory', 'maxBytes', 'changeCeid']);
  const programs: EquipmentModel['processPrograms'] = {
    directory: f.str(pp, 'directory', 'model.processPrograms', 'recipes'),
    maxBytes: f.int(pp, 'maxBytes', 'model.processPrograms', 1, 2 ** 31, 1 << 20),
  };
  if (pp.changeCeid !== undefined)
    programs.changeCeid = f.int(pp, 'changeCeid', 'model.processPrograms', 0, U4_MAX);
  return programs;
}
