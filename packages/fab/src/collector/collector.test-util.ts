// Helpers of the collector tests: a status board in memory, a sink over a store that a test can take
// down, a simulated Bondline bonder (its GEM equipment on a TCP port), and a configuration for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issue } from '@bondline/core';
import {
  openSimulatedTool,
  type SimulatedTool,
  startToolEquipment,
  type ToolEquipment,
} from '@bondline/tool';
import type { FabConfig, FabTool } from '../config/fab-config.js';
import { loadFabConfig } from '../config/fab-config.js';
import type { RecordSink, ToolStatus, ToolStatusBoard } from '../pipeline/seams.js';
import type { FabStore } from '../store/fab-store.js';
import type { FabRecord } from '../store/records.js';

/** A status board in memory that keeps every status put, in order. */
export function memoryBoard(): ToolStatusBoard & { readonly history: readonly ToolStatus[] } {
  const m = new Map<string, ToolStatus>();
  const history: ToolStatus[] = [];
  return {
    history,
    put: async (s) => {
      history.push(s);
      m.set(s.toolId, s);
    },
    get: async (id) => m.get(id),
    list: async () => [...m.values()],
  };
}

/** A sink writing to `store`; `down` makes it answer sink-unavailable (the store gone a while). */
export interface TestSink extends RecordSink {
  down: boolean;
  /** Writes answered while down. */
  refusedWhileDown: number;
  /** Every record written, in order (what the store was given). */
  readonly written: FabRecord[];
}

export function storeSink(store: FabStore): TestSink {
  const sink: TestSink = {
    down: false,
    refusedWhileDown: 0,
    written: [],
    async write(records) {
      if (sink.down) {
        sink.refusedWhileDown++;
        return { ok: false, issues: [issue('sink-unavailable', 'the test took the store down')] };
      }
      const r = await store.writeBatch(records);
      if (r.ok) {
        sink.written.push(...records);
        return { ok: true, value: undefined };
      }
      const code = r.issues[0]?.code;
      const gone = code === 'store-unavailable' || code === 'store-busy';
      return {
        ok: false,
        issues: r.issues.map((i) => issue(gone ? 'sink-unavailable' : 'sink-rejected', i.message, i.path)),
      };
    },
  };
  return sink;
}

/**
 * A simulated bonder whose GEM equipment listens on `port` (0: any), in `stateDir` (kept across
 * restarts); its fault profile the configuration's unless `profile` names one.
 */
export interface TestTool {
  readonly tool: SimulatedTool;
  readonly gem: ToolEquipment;
  readonly port: number;
  close(): Promise<void>;
}

export async function startTestTool(
  stateDir: string,
  port = 0,
  seed = 7,
  profile?: 'immature' | 'mature',
): Promise<TestTool> {
  const opened = await openSimulatedTool({ stateDir, seed, ...(profile === undefined ? {} : { profile }) });
  if (!opened.ok) throw new Error(opened.issues.map((i) => i.message).join('; '));
  const tool = opened.value;
  const started = await startToolEquipment(tool, { port });
  if (!started.ok) {
    await tool.close();
    throw new Error(started.issues.map((i) => i.message).join('; '));
  }
  const gem = started.value;
  return {
    tool,
    gem,
    port: gem.port,
    close: async () => {
      await gem.close();
      await tool.close();
    },
  };
}

const EXAMPLE = join(import.meta.dirname, '../../../../examples/fab/fab.yaml');

/** The example configuration (examples/fab/fab.yaml) with its first tool at `port`, the others left out. */
export async function exampleConfig(
  port: number,
  overrides: { collector?: Partial<FabConfig['collector']>; tool?: Partial<FabTool> } = {},
): Promise<FabConfig> {
  const r = await loadFabConfig(EXAMPLE);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  const first = r.value.tools[0];
  if (first === undefined) throw new Error('the example has no tool');
  return {
    ...r.value,
    collector: { ...r.value.collector, ...overrides.collector },
    tools: [{ ...first, port, timers: { t3Ms: 45_000, t5Ms: 1000 }, ...overrides.tool }],
  };
}

/** A temporary directory removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
