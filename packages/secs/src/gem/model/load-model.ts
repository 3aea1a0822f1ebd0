// Build an EquipmentModel from untrusted YAML/JSON text or parsed data, naming the path of every bad
// field. Cross references (event data, alarm events, processing states, EC defaults in limits) are
// checked too, so a model that loads is one the equipment can run.

import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { ControlState } from '../state/control-state.js';
import { BUILTIN_TYPES, CONSTANT_BUILTIN_TYPES, checkBuiltinTypes } from './builtin-types.js';
import type {
  AlarmDef,
  ConstantDef,
  EquipmentModel,
  EventDef,
  RemoteCommandDef,
  VariableDef,
} from './equipment-model.js';
import { Fields, type ModelIssue } from './model-issue.js';
import { checkReferences } from './model-references.js';
import { checkValue, VALUE_TYPES, type Value } from './value.js';

export type ModelResult = { ok: true; model: EquipmentModel } | { ok: false; issues: ModelIssue[] };

const CONTROL_STATES: readonly ControlState[] = [
  'equipment-offline',
  'attempt-online',
  'host-offline',
  'online-local',
  'online-remote',
];
const BUILTINS = Object.keys(BUILTIN_TYPES) as (keyof typeof BUILTIN_TYPES)[];
const CONSTANT_BUILTINS = Object.keys(CONSTANT_BUILTIN_TYPES) as (keyof typeof CONSTANT_BUILTIN_TYPES)[];
const U4_MAX = 4294967295;

/** Parse YAML (or JSON, which is YAML) model text. Syntax errors name line and column. */
export function parseModelText(text: string): ModelResult {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const where = pos === undefined ? '' : `line ${pos.line}, column ${pos.col}`;
      return {
        ok: false,
        issues: [{ code: 'syntax', path: where, message: `${where}: ${err.message.split('\n')[0]}` }],
      };
    }
    throw err;
  }
  return validateModel(data);
}

/** Validate parsed data as an equipment model. */
export function validateModel(data: unknown): ModelResult {
  const f = new Fields();
  const root = f.obj(data, 'model');
  if (root === undefined) return { ok: false, issues: f.issues };
  f.keys(root, 'model', [
    'mdln',
    'softrev',
    'deviceId',
    'communication',
    'control',
    'processing',
    'statusVariables',
    'dataVariables',
    'equipmentConstants',
    'constantChangedCeid',
    'events',
    'alarms',
    'remoteCommands',
    'processPrograms',
    'limits',
    'spool',
  ]);
  const mdln = f.str(root, 'mdln', 'model');
  if (mdln.length > 20) f.add('out-of-range', 'model.mdln', 'MDLN is at most 20 characters (E5)');
  const softrev = f.str(root, 'softrev', 'model');
  if (softrev.length > 20) f.add('out-of-range', 'model.softrev', 'SOFTREV is at most 20 characters (E5)');
  const deviceId = f.int(root, 'deviceId', 'model', 0, 32767, 0);

  const comm = f.obj(root.communication ?? {}, 'model.communication') ?? {};
  f.keys(comm, 'model.communication', ['establishRetryS']);
  const establishRetryS = f.int(comm, 'establishRetryS', 'model.communication', 1, 240, 10);

  const variables = (key: 'statusVariables' | 'dataVariables'): VariableDef[] =>
    f.arr(root[key], `model.${key}`, true).map((raw, i) => {
      const p = `model.${key}[${i}]`;
      const o = f.obj(raw, p) ?? {};
      f.keys(o, p, ['id', 'name', 'type', 'unit', 'value', 'builtin']);
      const v: VariableDef = {
        id: f.int(o, 'id', p, 0, U4_MAX),
        name: f.str(o, 'name', p),
        type: f.oneOf(o, 'type', p, VALUE_TYPES),
        unit: f.str(o, 'unit', p, ''),
      };
      if (o.builtin !== undefined) v.builtin = f.oneOf(o, 'builtin', p, BUILTINS);
      if (o.value !== undefined) {
        const why = checkValue(v.type, o.value);
        if (why === undefined) v.value = o.value as Value;
        else f.add('wrong-type', `${p}.value`, why);
      }
      return v;
    });
  const statusVariables = variables('statusVariables');
  const dataVariables = variables('dataVariables');

  const equipmentConstants: ConstantDef[] = f
    .arr(root.equipmentConstants, 'model.equipmentConstants', true)
    .map((raw, i) => {
      const p = `model.equipmentConstants[${i}]`;
      const o = f.obj(raw, p) ?? {};
      f.keys(o, p, ['id', 'name', 'type', 'unit', 'min', 'max', 'default', 'builtin']);
      const type = f.oneOf(o, 'type', p, VALUE_TYPES);
      const c: ConstantDef = {
        id: f.int(o, 'id', p, 0, U4_MAX),
        name: f.str(o, 'name', p),
        type,
        unit: f.str(o, 'unit', p, ''),
        default: 0,
      };
      if (o.builtin !== undefined) c.builtin = f.oneOf(o, 'builtin', p, CONSTANT_BUILTINS);
      const min = f.num(o, 'min', p);
      const max = f.num(o, 'max', p);
      if (min !== undefined) c.min = min;
      if (max !== undefined) c.max = max;
      if (min !== undefined && max !== undefined && min > max)
        f.add('out-of-range', `${p}.min`, `min ${min} is above max ${max}`);
      if (o.default === undefined) f.add('missing', `${p}.default`, 'is required');
      else {
        const why = checkValue(type, o.default);
        if (why !== undefined) f.add('wrong-type', `${p}.default`, why);
        else {
          c.default = o.default as Value;
          const d = o.default;
          if (typeof d === 'number' && ((min !== undefined && d < min) || (max !== undefined && d > max)))
            f.add(
              'out-of-range',
              `${p}.default`,
              `${d} is outside the limits ${min ?? '-inf'}..${max ?? 'inf'}`,
            );
        }
      }
      return c;
    });

  const events: EventDef[] = f.arr(root.events, 'model.events', true).map((raw, i) => {
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

  const alarms: AlarmDef[] = f.arr(root.alarms, 'model.alarms', true).map((raw, i) => {
    const p = `model.alarms[${i}]`;
    const o = f.obj(raw, p) ?? {};
    f.keys(o, p, ['id', 'text', 'category', 'setCeid', 'clearCeid']);
    const a: AlarmDef = {
      id: f.int(o, 'id', p, 0, U4_MAX),
      text: f.str(o, 'text', p),
      category: f.int(o, 'category', p, 1, 7),
    };
    if (a.text.length > 120) f.add('out-of-range', `${p}.text`, 'ALTX is at most 120 characters (E5)');
    if (o.setCeid !== undefined) a.setCeid = f.int(o, 'setCeid', p, 0, U4_MAX);
    if (o.clearCeid !== undefined) a.clearCeid = f.int(o, 'clearCeid', p, 0, U4_MAX);
    return a;
  });

  const remoteCommands: RemoteCommandDef[] = f
    .arr(root.remoteCommands, 'model.remoteCommands', true)
    .map((raw, i) => {
      const p = `model.remoteCommands[${i}]`;
      const o = f.obj(raw, p) ?? {};
      f.keys(o, p, ['name', 'params', 'processingEvent']);
      const params = f.arr(o.params, `${p}.params`, true).map((rp, j) => {
        const pp = `${p}.params[${j}]`;
        const po = f.obj(rp, pp) ?? {};
        f.keys(po, pp, ['name', 'type', 'required']);
        return {
          name: f.str(po, 'name', pp),
          type: f.oneOf(po, 'type', pp, VALUE_TYPES),
          required: f.bool(po, 'required', pp, true),
        };
      });
      const c: RemoteCommandDef = { name: f.str(o, 'name', p), params };
      if (o.processingEvent !== undefined) c.processingEvent = f.str(o, 'processingEvent', p);
      return c;
    });

  const ctl = f.obj(root.control ?? {}, 'model.control') ?? {};
  f.keys(ctl, 'model.control', ['initial', 'onlineFailed', 'remote', 'events']);
  const initial = f.oneOf(ctl, 'initial', 'model.control', CONTROL_STATES, 'equipment-offline');
  if (initial === 'attempt-online')
    f.add('out-of-range', 'model.control.initial', 'the control state cannot start in attempt-online');
  const ctlEvents: Partial<Record<ControlState, number>> = {};
  const ev = f.obj(ctl.events ?? {}, 'model.control.events') ?? {};
  f.keys(ev, 'model.control.events', CONTROL_STATES);
  for (const s of CONTROL_STATES)
    if (ev[s] !== undefined) ctlEvents[s] = f.int(ev, s, 'model.control.events', 0, U4_MAX);
  const control = {
    initial,
    onlineFailed: f.oneOf(
      ctl,
      'onlineFailed',
      'model.control',
      ['equipment-offline', 'host-offline'] as const,
      'equipment-offline',
    ),
    remote: f.bool(ctl, 'remote', 'model.control', false),
    events: ctlEvents,
  };

  const proc = f.obj(root.processing, 'model.processing') ?? {};
  f.keys(proc, 'model.processing', ['states', 'initial', 'transitions']);
  const states = f.arr(proc.states, 'model.processing.states').map((s, i) => {
    if (typeof s === 'string') return s;
    f.add('wrong-type', `model.processing.states[${i}]`, 'expected a state name');
    return '';
  });
  const procInitial = f.str(proc, 'initial', 'model.processing', states[0]);
  if (!states.includes(procInitial))
    f.add('unknown-reference', 'model.processing.initial', `'${procInitial}' is not a declared state`);
  const transitions = f.arr(proc.transitions, 'model.processing.transitions', true).map((raw, i) => {
    const p = `model.processing.transitions[${i}]`;
    const o = f.obj(raw, p) ?? {};
    f.keys(o, p, ['from', 'on', 'to', 'ceid']);
    const t = { from: f.str(o, 'from', p), on: f.str(o, 'on', p), to: f.str(o, 'to', p) };
    for (const k of ['from', 'to'] as const)
      if (!states.includes(t[k]))
        f.add('unknown-reference', `${p}.${k}`, `'${t[k]}' is not a declared state`);
    return o.ceid === undefined ? t : { ...t, ceid: f.int(o, 'ceid', p, 0, U4_MAX) };
  });

  const pp = f.obj(root.processPrograms ?? {}, 'model.processPrograms') ?? {};
  f.keys(pp, 'model.processPrograms', ['directory', 'maxBytes']);
  const processPrograms = {
    directory: f.str(pp, 'directory', 'model.processPrograms', 'recipes'),
    maxBytes: f.int(pp, 'maxBytes', 'model.processPrograms', 1, 2 ** 31, 1 << 20),
  };

  const sp = f.obj(root.spool ?? {}, 'model.spool') ?? {};
  f.keys(sp, 'model.spool', ['maxMessages', 'maxBytes']);
  const spool = {
    maxMessages: f.int(sp, 'maxMessages', 'model.spool', 1, U4_MAX, 100_000),
    maxBytes: f.int(sp, 'maxBytes', 'model.spool', 1, Number.MAX_SAFE_INTEGER, 256 << 20),
  };

  const model: EquipmentModel = {
    mdln,
    softrev,
    deviceId,
    communication: { establishRetryS },
    spool,
    control,
    processing: { states, initial: procInitial, transitions },
    statusVariables,
    dataVariables,
    equipmentConstants,
    events,
    alarms,
    remoteCommands,
    processPrograms,
  };
  if (root.constantChangedCeid !== undefined)
    model.constantChangedCeid = f.int(root, 'constantChangedCeid', 'model', 0, U4_MAX);
  if (root.limits !== undefined) {
    const lo = f.obj(root.limits, 'model.limits') ?? {};
    f.keys(lo, 'model.limits', ['ceid', 'variables']);
    model.limits = {
      ceid: f.int(lo, 'ceid', 'model.limits', 0, U4_MAX),
      variables: f.arr(lo.variables, 'model.limits.variables').map((raw, i) => {
        const p = `model.limits.variables[${i}]`;
        const o = f.obj(raw, p) ?? {};
        f.keys(o, p, ['vid', 'min', 'max', 'limitIds']);
        const min = f.num(o, 'min', p) ?? Number.NaN;
        const max = f.num(o, 'max', p) ?? Number.NaN;
        if (!(min < max)) f.add('out-of-range', `${p}.min`, 'min and max are required, min below max');
        const limitIds = f.arr(o.limitIds, `${p}.limitIds`).map((x, j) => {
          if (typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 255) return x;
          f.add('wrong-type', `${p}.limitIds[${j}]`, 'expected a LIMITID 1..255');
          return 1;
        });
        return { vid: f.int(o, 'vid', p, 0, U4_MAX), min, max, limitIds };
      }),
    };
  }
  checkReferences(model, f);
  checkBuiltinTypes(model, f);
  return f.issues.length === 0 ? { ok: true, model } : { ok: false, issues: f.issues };
}
