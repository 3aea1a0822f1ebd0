// The simulated line of `bondline fab up --demo N`: N simulated bonders (@bondline/tool), each as GEM
// equipment on a free loopback port, each running lots one after another as an operator at the tool
// would start them, until closed. Half run the immature fault profile (alarms, yield loss), half the
// mature one, so the line shows both. The fab's collector connects to them like to any tool.
import { join } from 'node:path';
import { formatIssues, makeDir } from '@bondline/core';
import {
  type Pacing,
  runToolLot,
  type SimulatedTool,
  startToolEquipment,
  type ToolEquipment,
} from '@bondline/tool';
import { CliError } from '../cli-error.js';
import { openToolOrFail } from './tool-options.js';

export interface DemoTool {
  /** The fab's id of the tool (DEMO-1, ...). */
  readonly id: string;
  readonly makerId: string;
  readonly port: number;
  readonly deviceId: number;
  readonly profile: 'immature' | 'mature';
}

export interface DemoLine {
  readonly tools: readonly DemoTool[];
  /** Lots ended so far, every tool. */
  lotsEnded(): number;
  /** Stop starting lots, abort the lots running, close every tool. */
  close(): Promise<void>;
}

export interface DemoLineOptions {
  readonly count: number;
  /** Each tool's state goes in `<dir>/<id>`. */
  readonly dir: string;
  /** Default: as fast as the computation allows. */
  readonly pacing?: Pacing;
  readonly pairsPerLot: number;
  /** Seed of the first tool; the others take the next ones. */
  readonly seed: number;
  /** Problems of a tool's equipment (a message not acknowledged in time, a lot refused). */
  readonly onIssue: (toolId: string, message: string) => void;
}

/** The two makers the demo tools belong to, alternately. */
export const DEMO_MAKERS = [
  { id: 'maker-a', name: 'Maker A Bonders' },
  { id: 'maker-b', name: 'Maker B Systems' },
] as const;

/** Start the line; on a refusal the tools already started are closed. */
export async function startDemoLine(o: DemoLineOptions): Promise<DemoLine> {
  const started: { tool: SimulatedTool; gem: ToolEquipment; demo: DemoTool }[] = [];
  const closeAll = async (): Promise<void> => {
    for (const s of started.splice(0).reverse()) {
      await s.gem.close();
      await s.tool.close();
    }
  };
  try {
    for (let i = 0; i < o.count; i++) {
      const id = `DEMO-${i + 1}`;
      const profile = i % 2 === 0 ? 'immature' : 'mature';
      const stateDir = join(o.dir, id);
      await makeDir(stateDir).catch((err: unknown) => {
        throw new CliError(`cannot make ${stateDir}: ${String(err)}`, { cause: err });
      });
      const tool = await openToolOrFail(stateDir, o.seed + i, { profile }, o.pacing);
      const gem = await startToolEquipment(tool, {
        port: 0,
        onIssue: (issue) => o.onIssue(id, issue.message),
      });
      if (!gem.ok) {
        await tool.close();
        throw new CliError(`${id}: ${formatIssues(gem.issues)}`, { exitCode: 1 });
      }
      const maker = DEMO_MAKERS[i % DEMO_MAKERS.length] ?? DEMO_MAKERS[0];
      started.push({
        tool,
        gem: gem.value,
        demo: { id, makerId: maker.id, port: gem.value.port, deviceId: tool.config.gem.deviceId, profile },
      });
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  let stopping = false;
  let ended = 0;
  // Each tool runs lots back to back; lot ids carry the tool and the start time, so a line started
  // again on the same store never reuses one.
  const loops = started.map(async ({ tool, demo }) => {
    let n = 0;
    while (!stopping) {
      n += 1;
      const lotId = `${demo.id}-${Date.now().toString(36).toUpperCase()}-${n}`;
      const r = await runToolLot(tool, { pairs: o.pairsPerLot, lotId });
      if (!r.ok) {
        if (!stopping) o.onIssue(demo.id, `lot ${lotId} refused: ${formatIssues(r.issues)}`);
        return;
      }
      ended += 1;
    }
  });
  return {
    tools: started.map((s) => s.demo),
    lotsEnded: () => ended,
    async close() {
      stopping = true;
      // Abort the running lots (refused by an idle tool: nothing to abort) so the line stops at once.
      for (const { tool } of started) tool.controller.abort();
      await Promise.allSettled(loops);
      await closeAll();
    },
  };
}
