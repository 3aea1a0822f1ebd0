// Build an EquipmentModel from untrusted YAML/JSON text or parsed data, naming the path of every bad
// field. Cross references (event data, alarm events, processing states, EC defaults in limits) and
// ids and names declared twice are checked too (model-references.ts), so a model that loads is one the
// equipment can run.

import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { ControlState } from '../state/control-state.js';
import { checkBuiltinTypes } from './builtin-types.js';
import type { EquipmentModel } from './equipment-model.js';
import {
  readAlarms,
  readConstants,
  readEvents,
  readProcessing,
  readProcessPrograms,
  readRemoteCommands,
  readSpool,
  readVariables,
  U4_MAX,
} from './load-model-sections.js';
import { Fields, type ModelIssue } from './model-issue.js';
import { checkReferences } from './model-references.js';

export type ModelResult = { ok: true; model: EquipmentModel } | { ok: false; issues: ModelIssue[] };

const CONTROL_STATES: readonly ControlState[] = [
  'equipment-offline',
  'attempt-online',
  'host-offline',
  'online-local',
  'online-remote',
];

/** Parse YAML (or JSON, which is YAML) model text. Syntax errors name line and column. */
export function parseModelText(text: string): ModelResult {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const where = pos === undefined ? '' : `line ${pos.line}, column ${pos.col}`;
      // The parser's first line ends with its own " at line L, column C:"; the position leads instead.
      const what = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return {
        ok: false,
        issues: [{ code: 'syntax', path: where, message: where === '' ? what : `${where}: ${what}` }],
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

  const statusVariables = readVariables(f, root.statusVariables, 'statusVariables');
  const dataVariables = readVariables(f, root.dataVariables, 'dataVariables');
  const equipmentConstants = readConstants(f, root.equipmentConstants);
  const events = readEvents(f, root.events);
  const alarms = readAlarms(f, root.alarms);
  const remoteCommands = readRemoteCommands(f, root.remoteCommands);

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

  const processing = readProcessing(f, root.processing);

  const processPrograms = readProcessPrograms(f, root.processPrograms);
  const spool = readSpool(f, root.spool);

  const model: EquipmentModel = {
    mdln,
    softrev,
    deviceId,
    communication: { establishRetryS },
    spool,
    control,
    processing,
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
