// The simulated line of `bondline fab up --demo N`: N simulated bonders (@bondline/tool), each as GEM
// equipment on a free loopback port, each running lots one after another as an operator at the tool
// would start them, until closed. Half run the immature fault profile (alarms, yield loss), half the
// mature one, so the line shows both; for `--story` all start immature, on the story's clock. The
// fab's collector connects to them like to any tool.
import { join } from 'node:path';
import { formatIssues, makeDir } from '@bondline/core';
import { DEFAULT_PLAN, type FabConfig, type FabTool } from '@bondline/fab';
import {
  MAX_SPEED,
  type Pacing,
  runToolLot,
  type SimulatedTool,
  startToolEquipment,
  type ToolEquipment,
} from '@bondline/tool';
import { numberArg } from '../args.js';
import { CliError } from '../cli-error.js';
import { type FlowControl, HELD, startFlowControl } from './demo-flow-control.js';
import { openToolOrFail } from './tool-options.js';

export interface DemoTool {
  /** The fab's id of the tool (DEMO-1, ...). */
  readonly id: string;
  readonly makerId: string;
  readonly port: number;
  readonly deviceId: number;
  readonly profile: 'immature' | 'mature';
  /** The simulated bonder itself (the story's maker deploys its fixes there). */
  readonly tool: SimulatedTool;
}

export interface DemoLine {
  readonly tools: readonly DemoTool[];
  /** Lots ended so far, every tool. */
  lotsEnded(): number;
  /** Times a tool's clock was held for its host so far (demo-flow-control.ts), every tool. */
  holds(): number;
  /** Start the lots of a line opened `held` (no-op otherwise, or once started). */
  release(): void;
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
  /** `alternate` (default): immature, mature, immature, ...; `immature`: every tool as delivered. */
  readonly profiles?: 'alternate' | 'immature';
  /**
   * The tools' GEM wall clock (default Date.now); `follow` is given each tool's virtual clock as it
   * opens (the story clock, story-clock.ts).
   */
  readonly clock?: { readonly nowMs: () => number; follow(clock: { readonly nowS: number }): void };
  /**
   * The tools start no lot, and their clocks stand nearly still, until release(): at a high speed a
   * tool running before its host has set
   * it up sends more than the collector takes before setup (collector.maxPendingMessages).
   */
  readonly held?: boolean;
}

/** The two makers the demo tools belong to, alternately. */
export const DEMO_MAKERS = [
  { id: 'maker-a', name: 'Maker A Bonders' },
  { id: 'maker-b', name: 'Maker B Systems' },
] as const;

/** Start the line; on a refusal the tools already started are closed. */
export async function startDemoLine(o: DemoLineOptions): Promise<DemoLine> {
  const started: { tool: SimulatedTool; gem: ToolEquipment; flow: FlowControl; demo: DemoTool }[] = [];
  const closeAll = async (): Promise<void> => {
    for (const s of started.splice(0).reverse()) {
      s.flow.stop();
      await s.gem.close();
      await s.tool.close();
    }
  };
  try {
    for (let i = 0; i < o.count; i++) {
      const id = `DEMO-${i + 1}`;
      const profile = i % 2 === 0 || o.profiles === 'immature' ? 'immature' : 'mature';
      const stateDir = join(o.dir, id);
      await makeDir(stateDir).catch((err: unknown) => {
        throw new CliError(`cannot make ${stateDir}: ${String(err)}`, { cause: err });
      });
      const tool = await openToolOrFail(stateDir, o.seed + i, { profile }, o.held === true ? HELD : o.pacing);
      o.clock?.follow(tool.clock);
      const gem = await startToolEquipment(tool, {
        port: 0,
        onIssue: (issue) => o.onIssue(id, issue.message),
        ...(o.clock === undefined ? {} : { wallClock: o.clock.nowMs }),
      });
      if (!gem.ok) {
        await tool.close();
        throw new CliError(`${id}: ${formatIssues(gem.issues)}`, { exitCode: 1 });
      }
      const maker = DEMO_MAKERS[i % DEMO_MAKERS.length] ?? DEMO_MAKERS[0];
      started.push({
        tool,
        gem: gem.value,
        flow: startFlowControl(tool, gem.value, o.pacing ?? MAX_SPEED),
        demo: {
          id,
          makerId: maker.id,
          port: gem.value.port,
          deviceId: tool.config.gem.deviceId,
          profile,
          tool,
        },
      });
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  let stopping = false;
  let ended = 0;
  let release = (): void => {};
  let isReleased = false;
  const released =
    o.held === true
      ? new Promise<void>((resolve) => {
          release = resolve;
        })
      : Promise.resolve();
  // Each tool runs lots back to back; lot ids carry the tool and the start time, so a line started
  // again on the same store never reuses one.
  const loops = started.map(async ({ tool, demo }) => {
    await released;
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
    holds: () => started.reduce((n, s) => n + s.flow.holds(), 0),
    release() {
      if (o.held === true && !isReleased)
        for (const { tool } of started) tool.clock.setPacing(o.pacing ?? MAX_SPEED);
      isReleased = true;
      release();
    },
    async close() {
      stopping = true;
      release();
      // Abort the running lots (refused by an idle tool: nothing to abort) so the line stops at once.
      for (const { tool } of started) tool.controller.abort();
      await Promise.allSettled(loops);
      await closeAll();
    },
  };
}

/**
 * The demo bonders' pacing: a factor of real time up to 1000. Not `max`: a bonder at max speed sends
 * thousands of events a second, a firehose no real tool is, and the line would mostly wait for its
 * host (demo-flow-control.ts) instead of showing lots (docs/fab.md §6); `--story` allows it.
 */
export function demoSpeedArg(raw: string | undefined): Pacing {
  const factor = numberArg('speed', raw, { min: 1, max: 1000 }) ?? 60;
  return { mode: 'factor', factor };
}

/** The configuration with the demo bonders and their makers added. */
export function withDemoTools(config: FabConfig, tools: readonly DemoTool[]): FabConfig {
  const taken = new Set(config.tools.map((t) => t.id));
  const clash = tools.find((t) => taken.has(t.id));
  if (clash !== undefined) throw new CliError(`--demo: the configuration already has a tool ${clash.id}`);
  const known = new Set([config.fab.id, ...config.makers.map((m) => m.id)]);
  const makers = [...config.makers, ...DEMO_MAKERS.filter((m) => !known.has(m.id))];
  const added = tools.map(
    (t, i): FabTool => ({
      id: t.id,
      name: `Demo bonder ${i + 1}`,
      maker: t.makerId,
      address: '127.0.0.1',
      port: t.port,
      deviceId: t.deviceId,
      timers: {},
      onlineRemote: true,
      planName: 'default',
      plan: DEFAULT_PLAN,
    }),
  );
  return { ...config, makers, tools: [...config.tools, ...added] };
}
