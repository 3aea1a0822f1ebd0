// The simulated tool as GEM equipment (docs/tool.md §7): a GemEquipment built from the tool's model
// (toolEquipmentModel), the state directory's recipes as its process programs, its constants,
// reports and enables persisted in the state directory and a spool there, bound to the controller
// (bindTool), listening as the passive HSMS side. What `bondline tool` and `bondline demo` run.
import { dirname, join } from 'node:path';
import { type Issue, issue, type Result } from '@bondline/core';
import {
  type EquipmentModel,
  GemEquipment,
  HsmsPassiveEndpoint,
  HsmsSession,
  isProgrammerError,
  jsonStateStore,
  Spool,
} from '@bondline/secs';
import { bindTool } from '../gem/bind-tool.js';
import { toolEquipmentModel } from '../gem/tool-equipment-model.js';
import { gemRecipeStore } from '../recipe/gem-recipe-store.js';
import type { SimulatedTool } from './simulated-tool.js';

export interface ToolEquipmentOptions {
  /** TCP port to listen on; 0 picks a free one (the bound port is in the result). */
  port: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** HSMS device id; default the configuration's gem.deviceId. */
  deviceId?: number;
  /** Problems of the binding and of the equipment (an unacknowledged event, a failed state write...). */
  onIssue?: (i: Issue) => void;
  /**
   * The equipment's wall clock, epoch ms (its `Clock` variable, event and alarm times); default
   * Date.now. `fab up --story` gives the line's story clock, so the fab sees tool time.
   */
  wallClock?: () => number;
}

export interface ToolEquipment {
  equipment: GemEquipment;
  /** The port it listens on. */
  port: number;
  /** Unbind, let the open transactions end (at most T3), write the state out, stop listening (Separate if a host is selected), close the spool. */
  close(): Promise<void>;
}

/** Start the tool's GEM equipment in the tool's state directory; refused when the model, the state or the port cannot be had. */
export async function startToolEquipment(
  tool: SimulatedTool,
  o: ToolEquipmentOptions,
): Promise<Result<ToolEquipment>> {
  const built = toolEquipmentModel(tool.config, tool.catalogue.points);
  if (!built.ok) return built;
  const model: EquipmentModel = { ...built.value, deviceId: o.deviceId ?? tool.config.gem.deviceId };
  const onIssue = o.onIssue ?? (() => {});
  // The recipe store is the state directory's `recipes` folder (openRecipeStore).
  const stateDir = dirname(tool.recipes.dir);
  let spool: Spool | undefined;
  let equipment: GemEquipment | undefined;
  try {
    spool = await Spool.open({
      dir: join(stateDir, 'spool'),
      maxMessages: model.spool.maxMessages,
      maxBytes: model.spool.maxBytes,
      policy: overwriteDefault(model) ? 'overwrite' : 'stop',
    });
    const session = new HsmsSession({ sessionId: model.deviceId });
    equipment = new GemEquipment({
      model,
      session,
      recipes: gemRecipeStore(tool.recipes, {
        refused: (ppid, issues) =>
          onIssue(
            issue(
              'recipe-refused',
              `process program ${ppid} refused: ${issues.map((i) => i.message).join('; ')}`,
            ),
          ),
      }),
      store: jsonStateStore(stateDir),
      spool,
      ...(o.wallClock === undefined ? {} : { wallClock: o.wallClock }),
    });
    equipment.on('error', (e) => onIssue(issue(e.code, e.message)));
    session.on('error', (e) => onIssue(issue('hsms-error', e.message)));
    await equipment.start();
    const binding = bindTool(equipment, tool.controller, {
      config: tool.config,
      catalogue: tool.catalogue.points,
      onIssue,
    });
    const endpoint = new HsmsPassiveEndpoint(session, { port: o.port, host: o.host ?? '127.0.0.1' });
    let port: number;
    try {
      ({ port } = await endpoint.listen());
    } catch (err) {
      binding.unbind();
      throw err;
    }
    const eq = equipment;
    const sp = spool;
    return {
      ok: true,
      value: {
        equipment: eq,
        port,
        async close() {
          binding.unbind();
          // Reports already sent get their answer (at most T3) before the link is separated.
          const deadline = Date.now() + session.config.t3Ms;
          while (session.openTransactions > 0 && Date.now() < deadline) await delay(10);
          await eq.flush();
          eq.stop();
          await endpoint.close();
          await sp.close();
        },
      },
    };
  } catch (err) {
    // A bug keeps its stack; a state file, spool or port that cannot be had is the user's to fix.
    if (isProgrammerError(err)) throw err;
    equipment?.stop();
    await spool?.close();
    return {
      ok: false,
      issues: [
        issue('equipment-start-failed', `cannot start the tool's GEM equipment: ${(err as Error).message}`),
      ],
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** E30's OverWriteSpool default of the model: a full spool overwrites its oldest messages unless it says stop. */
function overwriteDefault(model: EquipmentModel): boolean {
  return model.equipmentConstants.find((c) => c.builtin === 'overwrite-spool')?.default !== false;
}
