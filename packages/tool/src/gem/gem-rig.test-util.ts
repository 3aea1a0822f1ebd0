// A loopback rig for the GEM binding: the tool's GemEquipment (passive, 127.0.0.1, an ephemeral port)
// bound to a FakeTool, and a Bondline GemHost (active) that has established communications.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '@bondline/core';

export { until } from '@bondline/core/testing';

import {
  type Clock,
  type EquipmentModel,
  GemEquipment,
  GemHost,
  type GemHostEvents,
  HsmsActiveEndpoint,
  HsmsPassiveEndpoint,
  HsmsSession,
  recipeDirectory,
} from '@bondline/secs';
import { testToolConfig } from '../config/tool-config.test-util.js';
import { bindTool, type ToolBinding } from './bind-tool.js';
import { FakeTool } from './fake-tool.test-util.js';
import { testCatalogue } from './gem-fixtures.test-util.js';
import type { BindingIssueCode } from './gem-port.js';
import { toolEquipmentModel } from './tool-equipment-model.js';

export interface GemRig {
  model: EquipmentModel;
  equipment: GemEquipment;
  tool: FakeTool;
  binding: ToolBinding;
  host: GemHost;
  hostSession: HsmsSession;
  toolSession: HsmsSession;
  /** Where the process programs are (a recipe directory). */
  recipesDir: string;
  issues: Issue<BindingIssueCode>[];
  close(): Promise<void>;
}

/** The model of the test configuration and catalogue. */
export function testModel(): EquipmentModel {
  const r = toolEquipmentModel(testToolConfig(), testCatalogue());
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

/** Start the rig; resolves once the equipment's S1F13 was accepted (the host is not online yet). */
export async function startGemRig(
  opts: { clock?: Clock; prepare?: (tool: FakeTool) => void } = {},
): Promise<GemRig> {
  const config = testToolConfig();
  const catalogue = testCatalogue();
  const model = testModel();
  const dir = mkdtempSync(join(tmpdir(), 'tool-gem-'));
  const recipesDir = join(dir, 'recipes');
  const toolSession = new HsmsSession({ sessionId: model.deviceId });
  const hostSession = new HsmsSession({ sessionId: model.deviceId, t5Ms: 1000 });
  const equipment = new GemEquipment({
    model,
    session: toolSession,
    recipes: recipeDirectory(recipesDir, { sync: false }),
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
  });
  await equipment.start();
  const tool = new FakeTool(config.modules);
  opts.prepare?.(tool);
  const issues: Issue<BindingIssueCode>[] = [];
  const binding = bindTool(equipment, tool, { config, catalogue, onIssue: (i) => issues.push(i) });
  // The host answers the equipment's S1F13 once connected: it must listen before the link comes up.
  const host = new GemHost(hostSession);
  const passive = new HsmsPassiveEndpoint(toolSession, { host: '127.0.0.1', port: 0 });
  const { port } = await passive.listen();
  const communicating = new Promise<void>((resolve) => {
    const off = equipment.on('communication-state', (s) => {
      if (s.to !== 'communicating') return;
      off();
      resolve();
    });
  });
  const active = new HsmsActiveEndpoint(hostSession, { host: '127.0.0.1', port });
  active.start();
  await communicating;
  return {
    model,
    equipment,
    tool,
    binding,
    host,
    hostSession,
    toolSession,
    recipesDir,
    issues,
    async close() {
      binding.unbind();
      equipment.stop();
      active.dispose();
      await passive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Start the rig and take the host ONLINE REMOTE with the model's names learned (closes it on failure). */
export async function startOnlineRig(opts: Parameters<typeof startGemRig>[0] = {}): Promise<GemRig> {
  const rig = await startGemRig(opts);
  try {
    const ack = await rig.host.requestOnline();
    if (ack !== 0) throw new Error(`S1F17 refused: ONLACK ${ack}`);
    await rig.host.learnNames();
    return rig;
  } catch (e) {
    await rig.close();
    throw e;
  }
}

/** Records every `name` event of the host. */
export function record<E extends 'event' | 'alarm' | 'trace'>(host: GemHost, name: E): GemHostEvents[E][] {
  const seen: GemHostEvents[E][] = [];
  host.on(name, (e) => seen.push(e));
  return seen;
}
