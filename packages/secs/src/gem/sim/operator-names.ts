// Names in an operator script resolved against the equipment model: variables, events, alarms,
// processing events and states, control states. Exact names first, then a unique case-insensitive
// match, so `process start` finds START. Failures are `LineIssue`s naming what is known.

import { visible } from '@bondline/core';
import type {
  AlarmDef,
  ConstantDef,
  EquipmentModel,
  EventDef,
  VariableDef,
} from '../model/equipment-model.js';
import type { ControlState } from '../state/control-state.js';
import type { ScriptIssueCode } from './operator-commands.js';

/** A problem on one line; the script parser adds file and line. `column` is 1-based, when known. */
export class LineIssue extends Error {
  override readonly name = 'LineIssue';
  constructor(
    readonly code: ScriptIssueCode,
    message: string,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** A word of the script as a message quotes it: invisible characters named, long words cut. */
export function quoted(word: string): string {
  const cut = word.length > 40 ? `${word.slice(0, 40)}… (${word.length} characters)` : word;
  return `'${visible(cut)}'`;
}

const CONTROL_STATES: readonly (ControlState | 'online' | 'offline')[] = [
  'equipment-offline',
  'attempt-online',
  'host-offline',
  'online-local',
  'online-remote',
  'online',
  'offline',
];

const INTEGER = /^\d+$/;

/** Up to 12 names for a message, then how many more. */
function known(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 12).map(visible).join(', ');
  return names.length > 12 ? `${shown}, ... (${names.length - 12} more)` : shown;
}

/** The entry whose name is `wanted` (exact, else a unique case-insensitive match). */
function byName<T>(entries: readonly T[], name: (t: T) => string, wanted: string): T | undefined {
  const exact = entries.find((e) => name(e) === wanted);
  if (exact !== undefined) return exact;
  const lower = wanted.toLowerCase();
  const loose = entries.filter((e) => name(e).toLowerCase() === lower);
  return loose.length === 1 ? loose[0] : undefined;
}

/** One of `names` matching `token` as byName does; else a LineIssue `code` listing them. */
function oneOf<T extends string>(
  names: readonly T[],
  token: string,
  code: ScriptIssueCode,
  what: string,
  listLabel: string,
): T {
  const found = byName(names, (x) => x, token);
  if (found === undefined)
    throw new LineIssue(code, `unknown ${what} ${quoted(token)} (${listLabel}: ${known(names)})`);
  return found;
}

/**
 * A variable the operator may set: a status or data variable GEM does not maintain itself, or an
 * equipment constant (E30 lets the operator change ECs at the tool; GemEquipment.set checks the value
 * against the EC's limits when the line runs, reports ConstantChanged and persists it).
 */
export function settableVariable(model: EquipmentModel, token: string): VariableDef | ConstantDef {
  const constants = new Set<VariableDef | ConstantDef>(model.equipmentConstants);
  const all = [...model.statusVariables, ...model.dataVariables, ...model.equipmentConstants];
  const computed = (d: VariableDef | ConstantDef): boolean => !constants.has(d) && d.builtin !== undefined;
  const v = INTEGER.test(token) ? all.find((d) => d.id === Number(token)) : byName(all, (d) => d.name, token);
  if (v === undefined) {
    const names = all.filter((d) => !computed(d)).map((d) => d.name);
    throw new LineIssue('unknown-variable', `unknown variable ${quoted(token)} (settable: ${known(names)})`);
  }
  if (computed(v))
    throw new LineIssue(
      'not-settable',
      `${v.name} is maintained by GEM (builtin ${v.builtin}); it cannot be set`,
    );
  return v;
}

/** A collection event by name or CEID. */
export function collectionEvent(model: EquipmentModel, token: string): EventDef {
  const e = INTEGER.test(token)
    ? model.events.find((d) => d.id === Number(token))
    : byName(model.events, (d) => d.name, token);
  if (e === undefined)
    throw new LineIssue(
      'unknown-event',
      `unknown collection event ${quoted(token)} (events: ${known(model.events.map((d) => d.name))})`,
    );
  return e;
}

/** Alarms by ALIDs (`1 3`) or by their text (quoted or not). */
export function alarms(model: EquipmentModel, tokens: readonly string[]): AlarmDef[] {
  const ids = model.alarms.map((a) => String(a.id));
  if (tokens.length > 0 && tokens.every((t) => INTEGER.test(t)))
    return tokens.map((t) => {
      const a = model.alarms.find((d) => d.id === Number(t));
      if (a === undefined) throw new LineIssue('unknown-alarm', `unknown alarm ${t} (ALIDs: ${known(ids)})`);
      return a;
    });
  const text = tokens.join(' ');
  const a = byName(model.alarms, (d) => d.text, text);
  if (a === undefined)
    throw new LineIssue(
      'unknown-alarm',
      `unknown alarm ${quoted(text)} (give an ALID: ${known(ids)}, or its text)`,
    );
  return [a];
}

/** A processing-state event (a transition's `on`) declared by the model. */
export function processingEvent(model: EquipmentModel, token: string): string {
  const events = [...new Set(model.processing.transitions.map((t) => t.on))];
  return oneOf(events, token, 'unknown-processing-event', 'processing event', 'events');
}

/** A processing state declared by the model. */
export function processingState(model: EquipmentModel, token: string): string {
  return oneOf(model.processing.states, token, 'unknown-state', 'processing state', 'states');
}

/** An E30 control state, or `online` / `offline` for either substate. */
export function controlState(token: string): ControlState | 'online' | 'offline' {
  return oneOf(CONTROL_STATES, token, 'unknown-state', 'control state', 'states');
}
