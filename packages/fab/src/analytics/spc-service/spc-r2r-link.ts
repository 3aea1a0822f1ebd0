// SPC holds R2R (docs/fab.md §8.6, §10): while a context has an open violation on one of its overlay
// charts, its run-to-run loop is held (pairs still measured, nothing sent); when the last one is
// closed, it is released. The link follows the committed `spc-violation` records (a new one opens,
// one written again with `closedMs` closes), so it works wherever the violation was found or closed:
// this process, or another one over JetStream. At start it reads the open violations from the store.
import { type Issue, issue } from '@bondline/core';
import type { LiveFeed } from '../../pipeline/seams.js';
import type { FabStore } from '../../store/fab-store.js';
import type { FabRecord, SpcViolationRecord } from '../../store/records.js';
import type { R2rService } from '../r2r/r2r-service.js';
import { OVERLAY_SPC_PARAMETERS } from './spc-settings.js';

export interface SpcR2rLinkOptions {
  readonly store: FabStore;
  readonly r2r: Pick<R2rService, 'hold' | 'release'>;
  readonly feed: LiveFeed;
  readonly log?: (i: Issue) => void;
}

const MAX_CLOSED_REMEMBERED = 10_000;

/** The violation's identity: its key in the store. */
function keyOf(v: SpcViolationRecord): string {
  return JSON.stringify([v.chartId, v.part, v.rule, v.pointIndex]);
}

function describe(v: SpcViolationRecord): string {
  return `SPC violation ${v.rule} on ${v.parameter} (chart ${v.chartId}, point ${v.pointIndex}${v.pairId === undefined ? '' : `, pair ${v.pairId}`})`;
}

export class SpcR2rLink {
  /** Per context, the open overlay violations. */
  private readonly open = new Map<string, Set<string>>();
  private readonly closed = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private readonly log: (i: Issue) => void;
  private detach: (() => void) | undefined;

  constructor(private readonly o: SpcR2rLinkOptions) {
    this.log = o.log ?? (() => {});
  }

  /** Hold the contexts with open overlay violations in the store, then follow the feed. */
  async start(): Promise<void> {
    this.detach = this.o.feed.subscribe((records) => this.ingest(records));
    let cursor: string | undefined;
    do {
      const page = await this.o.store.listSpcViolations({
        state: 'open',
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (!page.ok) {
        for (const i of page.issues) this.log(i);
        return;
      }
      this.ingest(page.value.items.map(({ seq: _seq, ...v }) => v));
      cursor = page.value.nextCursor;
    } while (cursor !== undefined);
  }

  stop(): void {
    this.detach?.();
  }

  /** Resolves once every hold and release asked so far is done. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** The contexts held by SPC and the violations holding each. */
  holding(): Map<string, readonly string[]> {
    return new Map([...this.open].map(([c, s]) => [c, [...s]]));
  }

  ingest(records: readonly FabRecord[]): void {
    for (const r of records) {
      if (r.type !== 'spc-violation' || !OVERLAY_SPC_PARAMETERS.includes(r.parameter)) continue;
      const key = keyOf(r);
      const set = this.open.get(r.context) ?? new Set<string>();
      if (r.closedMs !== undefined) {
        this.closed.add(key);
        // Remembered so a late redelivery does not reopen it; the oldest forgotten past the bound.
        if (this.closed.size > MAX_CLOSED_REMEMBERED) {
          const oldest = this.closed.values().next().value;
          if (oldest !== undefined) this.closed.delete(oldest);
        }
        if (!set.delete(key)) continue;
        if (set.size === 0) {
          this.open.delete(r.context);
          const reason = `${describe(r)} closed${r.closeReason === undefined ? '' : `: ${r.closeReason}`}`;
          this.queue(() => this.o.r2r.release(r.context, reason), r.context);
        }
        continue;
      }
      // A violation announced again after its close (a redelivery) does not reopen it.
      if (this.closed.has(key) || set.has(key)) continue;
      set.add(key);
      this.open.set(r.context, set);
      if (set.size === 1) this.queue(() => this.o.r2r.hold(r.context, describe(r)), r.context);
    }
  }

  private queue(work: () => Promise<{ ok: boolean; issues?: readonly Issue[] }>, context: string): void {
    this.chain = this.chain.then(async () => {
      const r = await work();
      if (!r.ok)
        this.log(
          issue('spc-r2r', `R2R of ${context} not changed for SPC: ${r.issues?.[0]?.message ?? 'refused'}`),
        );
    });
  }
}
