// The scripted people of `fab up --story` (docs/fab.md §11.9): each tool's maker and the fab's
// engineer, acting on the tickets the fab opened through the ticket service, with their own actors,
// in tool time and in the working hours of the fab's calendar.
//
// - The maker acknowledges a new ticket 0.5 to 3.5 working hours after it was reported (a reopened
//   one after it sees it) and starts its analysis; 1 to 4 working hours later it proposes a release
//   (story-release.ts: the alarm's fault point, or the silent points its own twin shows active on
//   the ticket's module, or on the whole tool for an SPC chart or a yield excursion), and 0.5 to 2
//   working hours after that the release is installed on the tool (SimulatedTool.deployFixes) and
//   recorded as deployed. When it has nothing left to ship it
//   rejects the ticket, saying so.
// - The fab's engineer, during working hours, computes the verification check of each deployed fix
//   (ticketVerification) at most once a tool hour: verifies and closes it when it passes, sends it
//   back to analysis when the fault point recurred (or the yield has not recovered after three times
//   the pairs needed), and otherwise waits for more pairs. A verified fix changed the process, so the
//   engineer then recomputes the limits of the tool's SPC charts on the pairs since it (a new phase,
//   as a process engineer does after a change; the earlier phases kept), and the charts stop flagging
//   the better process against the limits of the worse one.
//
// Delays are drawn from the seed and the ticket, so a seed replays the same choices.
import type { Issue } from '@bondline/core';
import {
  type Actor,
  type FabStore,
  type StoredTicket,
  startNewPhase,
  type TicketAction,
  type TicketService,
  type TicketSettings,
  ticketVerification,
  type WorkCalendar,
  workingMs,
} from '@bondline/fab';
import type { FixRecord, SimulatedTool } from '@bondline/tool';
import { addWorkingHours, type StoryClock } from './story-clock.js';
import { releaseFor } from './story-release.js';

interface StoryTool {
  readonly id: string;
  readonly makerId: string;
  readonly tool: SimulatedTool;
}

export interface StoryAgentsOptions {
  readonly service: TicketService;
  readonly store: FabStore;
  readonly settings: TicketSettings;
  /** The settings' calendar, parsed. */
  readonly calendar: WorkCalendar;
  readonly clock: StoryClock;
  readonly tools: readonly StoryTool[];
  /** The maker's chain of fix records (the mature profile's, in order). */
  readonly chain: readonly FixRecord[];
  readonly seed: number;
  /** Refusals of a scripted move (a ticket changed in between): logged, the next event reschedules. */
  readonly log: (i: Issue) => void;
}

type Step = 'acknowledge' | 'propose' | 'deploy';

interface Plan {
  readonly step: Step;
  readonly dueMs: number;
}

/** Working-hour delays of each step: base + spread × a draw in [0, 1). */
const DELAYS: Readonly<Record<Step, { base: number; spread: number }>> = {
  acknowledge: { base: 0.5, spread: 3 },
  propose: { base: 1, spread: 3 },
  deploy: { base: 0.5, spread: 1.5 },
};
const HOUR_MS = 3_600_000;
/** The fab sends a fix back when the yield has not recovered after this many times the pairs needed. */
const FIGURE_PATIENCE = 3;

export class StoryAgents {
  private readonly tickets = new Map<string, StoredTicket>();
  private readonly plans = new Map<string, Plan>();
  /** The level each ticket's proposed release brings its tool to. */
  private readonly proposed = new Map<string, number>();
  private readonly lastCheck = new Map<string, { atMs: number; why: string }>();
  private readonly rejected = new Map<string, string>();
  private readonly levels = new Map<string, number>();
  private readonly draws = new Map<string, number>();
  private readonly fab: Actor = { id: 'fab/story-engineer', role: 'fab-engineer' };
  private readonly unsubscribe: () => void;
  private busy = false;

  constructor(private readonly o: StoryAgentsOptions) {
    for (const t of o.tools) this.levels.set(t.id, 0);
    this.unsubscribe = o.service.subscribe((e) => this.seen(e.ticket));
  }

  /** Stop following the tickets. */
  close(): void {
    this.unsubscribe();
  }

  /** The maker's release level of each tool (records of the chain deployed). */
  level(toolId: string): number {
    return this.levels.get(toolId) ?? 0;
  }

  /**
   * Take every step that is due (in due order), then the fab's checks. One call at a time: a call
   * while another runs returns at once.
   */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.o.clock.nowMs();
      const due = [...this.plans].filter(([, p]) => p.dueMs <= now).sort((a, b) => a[1].dueMs - b[1].dueMs);
      for (const [id, plan] of due) {
        if (this.plans.get(id) !== plan) continue;
        this.plans.delete(id);
        await this.take(id, plan.step);
      }
      if (this.atWork(now)) await this.verifyDeployed(now);
    } finally {
      this.busy = false;
    }
  }

  /** Why each ticket that is not closed is where it is (the summary's list). */
  notes(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [id, t] of this.tickets) {
      if (t.state === 'closed') continue;
      const plan = this.plans.get(id);
      const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
      const why =
        t.state === 'rejected'
          ? `rejected by the maker: ${this.rejected.get(id) ?? 'see its history'}`
          : plan !== undefined
            ? `the maker's '${plan.step}' is due at ${at(plan.dueMs)} (tool time)`
            : t.state === 'fix-deployed'
              ? `awaiting verification: ${this.lastCheck.get(id)?.why ?? 'not checked yet (checks run in working hours)'}`
              : t.state === 'verified'
                ? 'verified; the fab closes it at its next check'
                : 'no step planned (the story stopped in between)';
      out.set(id, why);
    }
    return out;
  }

  private seen(t: StoredTicket): void {
    const tool = this.o.tools.find((s) => s.id === t.toolId);
    if (tool === undefined) return;
    this.tickets.set(t.id, t);
    const planned = this.plans.get(t.id);
    const want: Step | undefined =
      t.state === 'new'
        ? 'acknowledge'
        : t.state === 'analysing'
          ? 'propose'
          : t.state === 'fix-proposed'
            ? 'deploy'
            : undefined;
    if (want === undefined) {
      this.plans.delete(t.id);
      return;
    }
    if (planned?.step === want) return;
    const hours = DELAYS[want].base + DELAYS[want].spread * this.draw(t.id, want);
    // A first report counts from when it was reported (the fab may have taken a while to open it);
    // a reopening and the later steps from now.
    const from = want === 'acknowledge' && t.reopened === 0 ? t.reportedMs : this.o.clock.nowMs();
    this.plans.set(t.id, { step: want, dueMs: addWorkingHours(this.o.calendar, from, hours) });
  }

  private async take(id: string, step: Step): Promise<void> {
    const t = this.tickets.get(id);
    const st = t === undefined ? undefined : this.o.tools.find((s) => s.id === t.toolId);
    if (t === undefined || st === undefined) return;
    const maker: Actor = { id: `${st.makerId}/story-engineer`, role: 'maker-engineer' };
    if (step === 'acknowledge') {
      if (await this.act(id, { kind: 'acknowledge' }, maker))
        await this.act(id, { kind: 'start-analysis' }, maker);
      return;
    }
    if (step === 'propose') {
      const release = releaseFor(this.o.chain, this.level(st.id), this.analyse(t, st.tool));
      if (
        release.fixes.length === 0 &&
        release.fixesNamed.length === 0 &&
        release.level === this.o.chain.length
      ) {
        const reason = `nothing left to ship: ${release.why}; what recurs is the tool's residual rate`;
        this.rejected.set(id, reason);
        await this.act(id, { kind: 'reject', reason }, maker);
        return;
      }
      this.proposed.set(id, release.level);
      await this.act(
        id,
        { kind: 'propose-fix', summary: `release to level ${release.level}: ${release.why}` },
        maker,
      );
      return;
    }
    // Deploy: what the tool lacks of the proposed release (another ticket's may have gone further).
    const from = this.level(st.id);
    const level = Math.max(from, this.proposed.get(id) ?? from);
    const deployed = st.tool.deployFixes(this.o.chain.slice(from, level));
    if (!deployed.ok) {
      for (const i of deployed.issues) this.o.log(i);
      return;
    }
    this.levels.set(st.id, level);
    const last = this.o.chain[level - 1];
    const fix =
      last === undefined
        ? ({ kind: 'software', version: 'as delivered' } as const)
        : last.kind === 'software'
          ? ({ kind: 'software', version: `${last.revision} (records 1-${level})` } as const)
          : ({
              kind: 'hardware',
              change: `${last.revision}: ${last.change} (records 1-${level})`,
            } as const);
    await this.act(id, { kind: 'deploy-fix', fix }, maker);
  }

  /** The maker's analysis: the points the ticket names (an alarm's), else those its twin shows active. */
  private analyse(t: StoredTicket, tool: SimulatedTool): string[] {
    if (t.faultKey.startsWith('alarm:')) {
      const alid = Number(t.faultKey.slice('alarm:'.length));
      return tool.catalogue.points.filter((p) => p.alarm?.alid === alid).map((p) => p.id);
    }
    const active = tool.activeSilentFaults();
    const modules = t.module === undefined ? [...active.keys()] : [t.module];
    return [...new Set(modules.flatMap((m) => active.get(m) ?? []))];
  }

  private async verifyDeployed(now: number): Promise<void> {
    const s = this.o.settings.verification;
    // The tools whose process a verified fix changed in this pass, with one of the tickets.
    const changed = new Map<string, string>();
    for (const [id, t] of [...this.tickets]) {
      if (t.state !== 'fix-deployed') continue;
      const last = this.lastCheck.get(id);
      if (last !== undefined && now - last.atMs < HOUR_MS) continue;
      const check = await ticketVerification(this.o.store, id, s);
      if (!check.ok) {
        for (const i of check.issues) this.o.log(i);
        continue;
      }
      const c = check.value;
      this.lastCheck.set(id, { atMs: now, why: c.reasons.join('; ') || 'the check passed' });
      if (c.passed) {
        if (await this.act(id, { kind: 'verify', check: c }, this.fab)) {
          await this.act(id, { kind: 'close' }, this.fab);
          changed.set(t.toolId, id);
        }
      } else if (c.recurrencesSinceFix > 0 || c.pairsSinceFix >= FIGURE_PATIENCE * s.pairs) {
        await this.act(id, { kind: 'fix-failed', reason: c.reasons.join('; ') }, this.fab);
      }
    }
    for (const [toolId, ticketId] of changed) await this.newSpcPhases(toolId, ticketId, s.pairs, now);
  }

  /** New limits on the tool's SPC charts from the last `pairs` points: those since the verified fix. */
  private async newSpcPhases(toolId: string, ticketId: string, pairs: number, now: number): Promise<void> {
    const charts = await this.o.store.listSpcCharts({ toolId, limit: 1000 });
    if (!charts.ok) return this.o.log(charts.issues[0] ?? { code: 'spc', message: 'no charts' });
    for (const c of charts.value.items) {
      if (c.chart.phases.length === 0) continue;
      const r = await startNewPhase(
        this.o.store,
        c.id,
        { reason: `the process changed: ${ticketId} verified`, lastPoints: pairs },
        now,
      );
      // No point since the chart's last phase (a fix verified in the same tool hour): nothing to redo.
      if (!r.ok) for (const i of r.issues) if (i.path !== 'appliesFrom') this.o.log(i);
    }
  }

  private atWork(now: number): boolean {
    const w = workingMs(this.o.calendar, now - 60_000, now);
    return w.ok && w.value > 0;
  }

  private async act(id: string, action: TicketAction, actor: Actor): Promise<boolean> {
    const r = await this.o.service.act(id, action, actor);
    if (!r.ok)
      for (const i of r.issues) this.o.log({ ...i, message: `story: ${id} ${action.kind}: ${i.message}` });
    return r.ok;
  }

  /** A draw in [0, 1) from the seed, the ticket, the step and how often that step was drawn for it. */
  private draw(id: string, step: Step): number {
    const key = `${id}:${step}`;
    const n = (this.draws.get(key) ?? 0) + 1;
    this.draws.set(key, n);
    let h = 0x811c9dc5 ^ this.o.seed;
    for (const ch of `${key}:${n}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
    return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
  }
}
