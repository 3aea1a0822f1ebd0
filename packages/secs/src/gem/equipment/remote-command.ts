// Validation of a remote command against the model: E5 HCACK for the command, CPACK per parameter.

import { CPACK, HCACK } from '../messages/acks.js';
import type { CommandReply, RemoteCommand } from '../messages/s2-remote.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import { itemToValue, type Value } from '../model/value.js';

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
export function commandValues(model: EquipmentModel, cmd: RemoteCommand): Record<string, Value> {
  const def = model.remoteCommands.find((c) => c.name === cmd.rcmd);
  const out: Record<string, Value> = {};
  for (const p of cmd.params) {
    const pd = def?.params.find((x) => x.name === p.name);
    const v = pd === undefined ? undefined : itemToValue(pd.type, p.value);
    if (v?.ok) out[p.name] = v.value;
  }
  return out;
}
