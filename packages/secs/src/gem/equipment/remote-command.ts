// Validation of a remote command against the model: E5 HCACK for the command, CPACK per parameter.

import { CPACK, HCACK } from '../messages/acks.js';
import type { CommandReply, RemoteCommand } from '../messages/s2-remote.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import { itemToValue, type Value } from '../model/value.js';
import type { ProcessingStateMachine } from '../state/processing-state.js';
import type { VariableStore } from './variable-store.js';

/** HCACK 0 with no parameter errors, or the refusal to send back. */
export function checkCommand(model: EquipmentModel, cmd: RemoteCommand): CommandReply {
  const def = model.remoteCommands.find((c) => c.name === cmd.rcmd);
  if (def === undefined) return { hcack: HCACK.invalidCommand, params: [] };
  const bad: { name: string; cpack: number }[] = [];
  const given = new Set<string>();
  for (const p of cmd.params) {
    given.add(p.name);
    const pd = def.params.find((x) => x.name === p.name);
    if (pd === undefined) bad.push({ name: p.name, cpack: CPACK.unknownName });
    else if (!itemToValue(pd.type, p.value).ok) bad.push({ name: p.name, cpack: CPACK.illegalFormat });
  }
  // A missing required parameter has no CPNAME of its own to refuse; E5 leaves only HCACK 3.
  const missing = def.params.some((p) => p.required !== false && !given.has(p.name));
  return bad.length > 0 || missing
    ? { hcack: HCACK.invalidParameter, params: bad }
    : { hcack: HCACK.ok, params: [] };
}

/** The parameters of a checked command as plain values keyed by name. */
function commandValues(model: EquipmentModel, cmd: RemoteCommand): Record<string, Value> {
  const def = model.remoteCommands.find((c) => c.name === cmd.rcmd);
  const out: Record<string, Value> = {};
  for (const p of cmd.params) {
    const pd = def?.params.find((x) => x.name === p.name);
    const v = pd === undefined ? undefined : itemToValue(pd.type, p.value);
    if (v?.ok) out[p.name] = v.value;
  }
  return out;
}

/**
 * Carries out a remote command: returns HCACK (0 done, 4 will finish later, 2 cannot now...), or the
 * whole reply when the tool refuses parameter values the model's types cannot (HCACK 3 with CPACK 2
 * "illegal value" for an unknown recipe, a lot size out of range...). Events and alarms it raises go
 * out after its S2F42 (reply-first.ts), so it must not await them: an awaited `triggerEvent` would
 * wait for a reply that waits for it (released only after T3, with an error).
 */
export type CommandRunner = (
  name: string,
  params: Record<string, Value>,
) => number | CommandReply | Promise<number | CommandReply>;

/** What running a validated command needs from the equipment. */
export interface CommandPort {
  readonly model: EquipmentModel;
  readonly commands: ReadonlyMap<string, CommandRunner>;
  readonly vars: VariableStore;
  readonly processing: ProcessingStateMachine;
  /** Take a processing-state transition (reports its collection event). */
  processingEvent(event: string): void;
}

/**
 * Run a command `checkCommand` accepted: the tool's runner if registered, else the model's processing
 * transition (HCACK 2 when the processing state does not allow it), recording PPID in `Recipe`.
 */
export async function runCommand(p: CommandPort, cmd: RemoteCommand): Promise<CommandReply> {
  const def = p.model.remoteCommands.find((c) => c.name === cmd.rcmd)!;
  const custom = p.commands.get(cmd.rcmd);
  if (custom !== undefined) {
    const r = await custom(cmd.rcmd, commandValues(p.model, cmd));
    return typeof r === 'number' ? { hcack: r, params: [] } : r;
  }
  if (def.processingEvent === undefined) return { hcack: HCACK.ok, params: [] };
  if (!p.processing.can(def.processingEvent)) return { hcack: HCACK.cannotPerformNow, params: [] };
  const ppid = commandValues(p.model, cmd).PPID;
  const recipeVid = p.vars.resolve('Recipe');
  if (typeof ppid === 'string' && recipeVid !== undefined && p.vars.kind(recipeVid) !== 'ec')
    p.vars.set(recipeVid, ppid);
  p.processingEvent(def.processingEvent);
  return { hcack: HCACK.ok, params: [] };
}
