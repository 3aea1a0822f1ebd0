// The fault loop's tickets on the fab side (docs/fab.md §11.5): follows the committed records and
// opens a ticket from a tool alarm the settings name, with the data captured at opening; a recurrence
// of the same (tool, fault key) attaches to the open ticket (counted), reopens a verified or closed
// one, and opens a new one after a rejected or duplicate one. Engineers report tickets by hand; SPC,
// FDC and yield open them through `openFromViolation`. Users' actions go through `act`, which applies
// the workflow (ticket-workflow.ts) and stores the change under the version it read.
import { fail, type Issue, issue, ok, type Result } from '@bondline/core';
import type { AnalysedPair } from '../analytics/pair/pair-analyser.js';
import type { LiveFeed } from '../pipeline/seams.js';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';
import type { JsonObject } from '../store/json-value.js';
import type { AlarmRecord, FabRecord } from '../store/records.js';
import type { NewTicket, StoredTicket, TicketSource } from '../store/ticket-records.js';
import { captureAlarm } from './ticket-capture.js';
import { alarmOpensTicket, type TicketSettings } from './ticket-settings.js';
import { violationTicket } from './ticket-violations.js';
import {
  type Actor,
  applyTicketAction,
  recurrenceOpensNew,
  type TicketAction,
  type WorkflowIssueCode,
} from './ticket-workflow.js';
import { YieldExcursions } from './yield-excursion.js';

/** The fab's own services acting on tickets (openings, recurrences). */
export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

/** A ticket opened or changed: what the live stream shows. */
export interface TicketEvent {
  readonly kind: 'opened' | 'changed';
  readonly ticket: StoredTicket;
  /** The action of a change (absent on an opening). */
  readonly action?: TicketAction;
}

export type TicketServiceCode = StoreIssueCode | WorkflowIssueCode;

export interface TicketServiceOptions {
  readonly store: FabStore;
  readonly settings: TicketSettings;
  /** Wall clock, ms since the epoch (default Date.now). */
  readonly clock?: () => number;
  /** Failures of the background work (a store that refuses, an unknown tool). */
  readonly log?: (i: Issue) => void;
}

/** What an occurrence did: opened a ticket, or recurred on one (`reopened` when it was verified or closed). */
export interface Occurrence {
  readonly outcome: 'opened' | 'recurred' | 'reopened';
  readonly ticket: StoredTicket;
}

/** A violation of SPC, FDC or yield that opens (or recurs on) a ticket. */
export interface Violation {
  readonly toolId: string;
  /** `spc:<chart>`, `fdc:<recipe>/<step>`, `yield:<...>`. */
  readonly faultKey: string;
  readonly title: string;
  readonly data: JsonObject;
  readonly module?: string;
}

export interface Report {
  readonly toolId: string;
  readonly title: string;
  readonly text: string;
  readonly module?: string;
}

type R<T> = Result<T, TicketServiceCode>;

/** How often a change is tried again when another writer changed the ticket in between. */
const STALE_RETRIES = 3;

export class TicketService {
  private readonly clock: () => number;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly listeners = new Set<(e: TicketEvent) => void>();
  private readonly counted = { opened: 0, recurrences: 0 };
  private readonly excursions: YieldExcursions;

  constructor(private readonly o: TicketServiceOptions) {
    this.clock = o.clock ?? Date.now;
    this.excursions = new YieldExcursions(o.settings.yieldExcursion);
  }

  /** Each opening and change, once stored (the live stream's `ticket` events); returns the unsubscriber. */
  subscribe(listener: (e: TicketEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tickets this service opened and recurrences it counted since it started (a status line). */
  counts(): { readonly opened: number; readonly recurrences: number } {
    return { ...this.counted };
  }

  /** Follow `feed`; returns the unsubscriber. */
  attach(feed: LiveFeed): () => void {
    return feed.subscribe((records) => this.ingest(records));
  }

  /**
   * Take committed records in commit order; alarms, SPC violations and FDC faults that open tickets
   * are handled one at a time.
   */
  ingest(records: readonly FabRecord[]): void {
    if (!this.o.settings.enabled) return;
    for (const r of records) {
      const v = violationTicket(this.o.settings, r);
      if (v !== undefined) {
        this.queue(async () => {
          const done = await this.violated(v.source, v.violation);
          if (!done.ok) for (const i of done.issues) this.o.log?.(i);
        });
        continue;
      }
      if (r.type !== 'alarm' || r.state !== 'set') continue;
      if (!alarmOpensTicket(this.o.settings, r.category, r.alid)) continue;
      this.queue(async () => {
        const done = await this.fromAlarm(r);
        if (!done.ok) for (const i of done.issues) this.o.log?.(i);
      });
    }
  }

  /** A stored pair analysis (the analyser's `onAnalysed`): a yield excursion it completes opens a ticket. */
  analysed(a: AnalysedPair): void {
    if (!this.o.settings.enabled) return;
    const v = this.excursions.observe(a);
    if (v === undefined) return;
    this.queue(async () => {
      const done = await this.violated('yield', v);
      if (!done.ok) for (const i of done.issues) this.o.log?.(i);
    });
  }

  /** Resolves once the alarms taken so far are handled (tests, benches, shutdown). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.chain;
  }

  /** An alarm's ticket: opened with its data, or the recurrence counted on the current one. */
  async fromAlarm(alarm: AlarmRecord): Promise<R<Occurrence>> {
    return this.occurred(alarm.toolId, `alarm:${alarm.alid}`, alarm.receivedTimeMs, async () => {
      const c = await captureAlarm(this.o.store, alarm, this.o.settings.capture);
      return {
        toolId: alarm.toolId,
        ...(c.module === undefined ? {} : { module: c.module }),
        faultKey: `alarm:${alarm.alid}`,
        source: 'alarm',
        title: c.title,
        reportedMs: alarm.receivedTimeMs,
        data: c.data,
        actor: SYSTEM_ACTOR,
      };
    });
  }

  /** SPC, FDC or yield: a violation opens a ticket, or recurs on the current one of its fault key. */
  openFromViolation(source: Exclude<TicketSource, 'alarm' | 'report'>, v: Violation): Promise<R<Occurrence>> {
    return this.run(() => this.violated(source, v));
  }

  private violated(source: Exclude<TicketSource, 'alarm' | 'report'>, v: Violation): Promise<R<Occurrence>> {
    const atMs = this.clock();
    return this.occurred(v.toolId, v.faultKey, atMs, async () => ({
      toolId: v.toolId,
      ...(v.module === undefined ? {} : { module: v.module }),
      faultKey: v.faultKey,
      source,
      title: v.title,
      reportedMs: atMs,
      data: v.data,
      actor: SYSTEM_ACTOR,
    }));
  }

  /** An engineer's report: always a new ticket (its fault key is its own). */
  async report(r: Report, actor: Actor): Promise<R<StoredTicket>> {
    if (actor.role === 'viewer' || actor.role === 'maker-engineer')
      return fail(issue('not-permitted', `a ${actor.role} may not report a ticket`));
    const atMs = this.clock();
    // Reports never recur: no lookup uses this key, it only says where the ticket came from.
    const key = `report:${actor.id}@${atMs}`;
    const created = await this.o.store.createTicket({
      toolId: r.toolId,
      ...(r.module === undefined ? {} : { module: r.module }),
      faultKey: key,
      source: 'report',
      title: r.title,
      reportedMs: atMs,
      data: { toolId: r.toolId, text: r.text, reportedBy: actor.id },
      actor,
    });
    if (created.ok) {
      this.counted.opened++;
      this.emit({ kind: 'opened', ticket: created.value });
    }
    return created;
  }

  /**
   * A user's action on ticket `id`. With `version`, refused (`stale-version`) unless the ticket is
   * still at it; without, applied to the ticket as it is now.
   */
  async act(id: string, action: TicketAction, actor: Actor, version?: number): Promise<R<StoredTicket>> {
    const now = await this.o.store.getTicket(id);
    if (!now.ok) return now;
    if (version !== undefined && now.value.version !== version)
      return fail(
        issue('stale-version', `ticket ${id} is at version ${now.value.version}, not ${version}`, 'version'),
      );
    return this.change(now.value, action, actor, version === undefined ? STALE_RETRIES : 0);
  }

  private async change(
    t: StoredTicket,
    action: TicketAction,
    actor: Actor,
    retries: number,
  ): Promise<R<StoredTicket>> {
    const applied = applyTicketAction(t, action, actor, this.clock());
    if (!applied.ok) return applied;
    const stored = await this.o.store.changeTicket(
      t.id,
      t.version,
      applied.value.ticket,
      applied.value.change,
    );
    if (!stored.ok && retries > 0 && stored.issues[0]?.code === 'stale-version') {
      const again = await this.o.store.getTicket(t.id);
      if (!again.ok) return again;
      return this.change(again.value, action, actor, retries - 1);
    }
    if (stored.ok) this.emit({ kind: 'changed', ticket: stored.value, action });
    return stored;
  }

  private async occurred(
    toolId: string,
    faultKey: string,
    atMs: number,
    open: () => Promise<NewTicket>,
  ): Promise<R<Occurrence>> {
    const current = await this.o.store.currentTicket(toolId, faultKey);
    if (!current.ok) return current;
    const t = current.value;
    if (t !== null && !recurrenceOpensNew(t.state)) {
      const reopening = t.state === 'verified' || t.state === 'closed';
      const changed = await this.change(t, { kind: 'recur', atMs }, SYSTEM_ACTOR, STALE_RETRIES);
      if (!changed.ok) return changed;
      this.counted.recurrences++;
      return ok({ outcome: reopening ? 'reopened' : 'recurred', ticket: changed.value });
    }
    const created = await this.o.store.createTicket(await open());
    if (!created.ok) return created;
    this.counted.opened++;
    this.emit({ kind: 'opened', ticket: created.value });
    return ok({ outcome: 'opened', ticket: created.value });
  }

  /** Run `work` after the work queued before it (one (tool, fault key) is never handled twice at once). */
  private run<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.chain.then(work);
    this.chain = result.then(
      () => {
        this.pending--;
      },
      () => {
        this.pending--;
      },
    );
    return result;
  }

  private emit(e: TicketEvent): void {
    for (const l of this.listeners) l(e);
  }

  private queue(work: () => Promise<void>): void {
    void this.run(work).catch((e: unknown) =>
      this.o.log?.(
        issue(
          'ticket-failed',
          `a ticket could not be handled: ${e instanceof Error ? e.message : String(e)}`,
        ),
      ),
    );
  }
}
