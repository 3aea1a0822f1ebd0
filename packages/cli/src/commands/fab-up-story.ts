// `bondline fab up --demo N --story` (docs/fab.md §11.9): the fault loop shown end to end. Every demo
// bonder starts as delivered (immature profile) on the story clock; the fab opens tickets from what
// it sees, the scripted maker answers them and ships releases that the tools take, the fab's scripted
// engineer verifies and closes; the yield learning curve climbs. This file wires the scripted agents
// to the running line and prints the progress and the closing summary.
import { formatIssues, type Issue } from '@bondline/core';
import {
  DEFAULT_TICKET_SETTINGS,
  type FabConfig,
  type FabStore,
  parseWorkCalendar,
  type TicketSettings,
  type ToolStatusBoard,
  ticketResponseSummary,
  type WorkCalendar,
  type YieldCurvePoint,
} from '@bondline/fab';
import { type FixRecord, loadProfile, MAX_SPEED, type Pacing } from '@bondline/tool';
import { numberArg } from '../args.js';
import { CliError } from '../cli-error.js';
import type { DemoLine } from './demo-line.js';
import type { RunningTickets } from './fab-tickets.js';
import { StoryAgents } from './story-agents.js';
import { StoryClock, storyEpoch } from './story-clock.js';

/** The help of `--story` (the help's column layout). */
export const STORY_HELP = `  --story            with --demo: the fault loop shown (docs/fab.md §11.9). Every demo bonder starts
                     immature; the fab opens tickets; a scripted maker acknowledges each within
                     working hours and ships a release of the mature profile's fix records up to
                     the first that fixes the ticket's fault point (its twin names the points of an
                     SPC or FDC ticket), which the bonder takes; the fab verifies and closes. Yield
                     climbs from about 10% to over 90% within the first tool day, a minute or two.
                     Tool time from a Monday morning; bonders wait for the fab, so --speed max works;
                     no R2R unless configured; a summary when stopped`;

/** How often the scripted agents look at the clock, real ms (a tool minute or two at the story's speed). */
const TICK_MS = 100;

/**
 * The story's pacing: `max` or a factor of real time, 1 to 1000 (default 1000). `max` is safe here,
 * unlike a plain demo's: the bonders wait for the fab (demo-flow-control.ts), and the story's clock
 * is tool time, so the fab's pace sets how long the story takes, not what happens in it.
 */
export function storySpeedArg(raw: string | undefined): Pacing {
  if (raw === 'max') return MAX_SPEED;
  return { mode: 'factor', factor: numberArg('speed', raw, { min: 1, max: 1000 }) ?? 1000 };
}

export interface StorySetup {
  readonly clock: StoryClock;
  readonly settings: TicketSettings;
  readonly calendar: WorkCalendar;
}

/** The story's clock, on the configuration's working calendar, before the line starts. */
export function storySetup(config: FabConfig): StorySetup {
  const settings = config.tickets ?? DEFAULT_TICKET_SETTINGS;
  const calendar = parseWorkCalendar(settings.calendar);
  // The configuration was validated on load, its calendar with it.
  if (!calendar.ok) throw new CliError(`tickets.calendar: ${formatIssues(calendar.issues)}`);
  return {
    clock: new StoryClock(storyEpoch(calendar.value, Date.now())),
    settings,
    calendar: calendar.value,
  };
}

/**
 * Start the held line's lots once the collector has set up every demo tool (its link
 * `communicating`), or after `deadlineMs` whatever the links say (the collector logs why).
 */
async function releaseWhenCollected(
  line: DemoLine,
  board: ToolStatusBoard,
  deadlineMs = 30_000,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  const ids = new Set(line.tools.map((t) => t.id));
  while (Date.now() < until) {
    const up = (await board.list()).filter((s) => ids.has(s.toolId) && s.link === 'communicating');
    if (up.length === ids.size) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  line.release();
}

export interface RunningStory {
  readonly agents: StoryAgents;
  /** The progress line's story part. */
  line(): string;
  /** Stop the agents and the line (every lot ended or aborted), then the closing summary, a line each. */
  end(pairsPerLot: number): Promise<string[]>;
  close(): Promise<void>;
}

/** The maker's chain of fix records: the mature profile's, in order (read before the tickets start). */
export async function storyChain(line: DemoLine): Promise<readonly FixRecord[]> {
  const first = line.tools[0];
  if (first === undefined) throw new CliError('--story needs --demo <n> bonders');
  const mature = await loadProfile('mature', first.tool.catalogue);
  if (!mature.ok) throw new CliError(`--story: the maker's fix records: ${formatIssues(mature.issues)}`);
  return mature.value.fixes;
}

/** Start the scripted agents; call it right after the ticket service, so they see every ticket. */
export function startStory(o: {
  readonly setup: StorySetup;
  readonly chain: readonly FixRecord[];
  readonly store: FabStore;
  readonly tickets: RunningTickets;
  readonly line: DemoLine;
  readonly seed: number;
  readonly log: (i: Issue) => void;
  /** The collector's status board: the held line's lots start once it shows every tool set up. */
  readonly board: ToolStatusBoard;
}): RunningStory {
  const chain = o.chain;
  const agents = new StoryAgents({
    service: o.tickets.service,
    store: o.store,
    settings: o.setup.settings,
    calendar: o.setup.calendar,
    clock: o.setup.clock,
    tools: o.line.tools.map((t) => ({ id: t.id, makerId: t.makerId, tool: t.tool })),
    chain,
    seed: o.seed,
    log: o.log,
  });
  void releaseWhenCollected(o.line, o.board);
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = agents.tick().catch((e: unknown) => o.log({ code: 'story-failed', message: String(e) }));
  }, TICK_MS);
  const clock = o.setup.clock;
  return {
    agents,
    line() {
      const levels = o.line.tools.map((t) => `${t.id} ${agents.level(t.id)}/${chain.length}`).join(', ');
      return `story: ${fmtTime(clock.nowMs())} tool time, fixes ${levels}; bonders held for the fab ${o.line.holds()} times`;
    },
    async end(pairsPerLot) {
      // The agents stop acting but keep listening: tickets opened by the last records are listed too.
      clearInterval(timer);
      await running;
      await o.line.close();
      await o.tickets.close();
      const lines = await summary(o.store, o.setup, agents, o.line, chain.length, pairsPerLot);
      agents.close();
      return lines;
    },
    async close() {
      clearInterval(timer);
      await running;
      agents.close();
    },
  };
}

async function summary(
  store: FabStore,
  setup: StorySetup,
  agents: StoryAgents,
  line: DemoLine,
  chainLength: number,
  pairsPerLot: number,
): Promise<string[]> {
  const out: string[] = [];
  const hours = setup.clock.hours();
  out.push(`story: ${hours.toFixed(1)} tool hours from ${fmtTime(setup.clock.epochMs)} (UTC)`);
  for (const t of line.tools) {
    const curve = await store.yieldCurve({ toolId: t.id, limit: 1000 });
    if (!curve.ok) {
      out.push(`story: ${t.id}: ${formatIssues(curve.issues)}`);
      continue;
    }
    const lots = curve.value.points;
    const whole = lots.filter((p) => p.figures.pairs >= pairsPerLot);
    out.push(
      `story: ${t.id}: ${lots.length} lots, yield of the first ${pct(lots[0])}, of the last whole one ${pct(whole.at(-1))}; ${agents.level(t.id)} of ${chainLength} fix records deployed`,
    );
  }
  const all = await store.listTickets({ limit: 1000 });
  const notes = agents.notes();
  const open: string[] = [];
  if (all.ok) {
    const byState = new Map<string, number>();
    for (const t of all.value.items) {
      byState.set(t.state, (byState.get(t.state) ?? 0) + 1);
      if (t.state === 'closed') continue;
      const why = notes.get(t.id) ?? 'opened as the story stopped: no one acted on it yet';
      open.push(`story: ${t.id} ${t.state}: ${why} (${t.toolId}, ${t.faultKey})`);
    }
    const states = [...byState].map(([s, n]) => `${n} ${s}`).join(', ');
    out.push(
      `story: ${all.value.items.length} tickets${all.value.nextCursor === undefined ? '' : ' (first 1000)'}: ${states}`,
    );
  }
  const r = await ticketResponseSummary(store, setup.calendar);
  if (r.ok) {
    const m = r.value.total.response.median;
    out.push(
      `story: median response ${m === undefined ? '-' : m.toFixed(1)} working hours (target under ${r.value.targetHours}), median to a deployed fix ${fmtH(r.value.total.toFixDeployed.median)}, to verified ${fmtH(r.value.total.toVerified.median)}`,
    );
  }
  out.push(...open);
  return out;
}

const pct = (p: YieldCurvePoint | undefined): string => {
  const y = p?.figures.yield ?? p?.figures.toolYield;
  return y === undefined || y === null ? '-' : `${(100 * y).toFixed(1)}%`;
};
const fmtH = (h: number | undefined): string => (h === undefined ? '-' : `${h.toFixed(1)} h`);
const fmtTime = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
