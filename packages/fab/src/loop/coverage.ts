// Fault-point coverage of a tool's catalogue (FAB.md, "Fault-point coverage"; docs/fab.md §11.8): for
// every point of the catalogue its maker ships, whether the fab has seen it (its alarm set on the tool,
// how often, when last) and where its ticket stands: open, fix deployed, verified. A point that raises
// no alarm (a silent one) is seen only through the tickets that name it in their data (a yield
// excursion's pairs, an alarm's fault point), so its coverage is what the loop found of it.
import type { Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';
import type { JsonValue } from '../store/json-value.js';
import type { TicketListItem } from '../store/ticket-records.js';
import type { TicketState } from './ticket-workflow.js';

/** One point of a tool's catalogue, as the fab needs it. */
export interface CataloguePoint {
  readonly id: string;
  /** The module kind it belongs to (plasma, aligner-bonder, ...). */
  readonly module: string;
  readonly name: string;
  readonly severity: string;
  /** Its alarm; absent for a silent point. */
  readonly alid?: number;
}

export type CoverageStatus = 'not-seen' | 'occurred' | 'open' | 'fixed' | 'verified' | 'rejected';

export interface PointCoverage extends CataloguePoint {
  /** Times its alarm was set on the tool. */
  readonly occurrences: number;
  readonly lastMs?: number;
  readonly status: CoverageStatus;
  /** The newest ticket on it. */
  readonly ticket?: { readonly id: string; readonly state: TicketState; readonly occurrences: number };
}

export interface Coverage {
  readonly toolId: string;
  readonly points: readonly PointCoverage[];
  /** How many points are in each status, and of them how many are silent. */
  readonly totals: Readonly<Record<CoverageStatus, number>> & {
    readonly points: number;
    readonly silent: number;
  };
}

type R<T> = Result<T, StoreIssueCode>;

const STATUS_OF: Readonly<Record<TicketState, CoverageStatus>> = {
  new: 'open',
  acknowledged: 'open',
  analysing: 'open',
  'fix-proposed': 'open',
  'fix-deployed': 'fixed',
  verified: 'verified',
  closed: 'verified',
  rejected: 'rejected',
  duplicate: 'rejected',
};

/** The coverage of `catalogue` on tool `toolId` from the store (alarms and tickets). */
export async function faultPointCoverage(
  store: FabStore,
  toolId: string,
  catalogue: readonly CataloguePoint[],
): Promise<R<Coverage>> {
  const tool = await store.getTool(toolId);
  if (!tool.ok) return tool;
  const counts = await store.alarmCounts(toolId);
  if (!counts.ok) return counts;
  const byAlid = new Map(counts.value.map((c) => [c.alid, c]));
  // The newest ticket of each fault point: an alarm's by its ALID, else one whose data names the point.
  const tickets = await toolTickets(store, toolId);
  if (!tickets.ok) return tickets;
  const pointOfAlid = new Map(
    catalogue.flatMap((p) => (p.alid === undefined ? [] : [[p.alid, p.id] as const])),
  );
  const ticketOf = new Map<string, TicketListItem>();
  const others: TicketListItem[] = [];
  for (const t of tickets.value) {
    const alid = /^alarm:(\d+)$/.exec(t.faultKey)?.[1];
    if (alid === undefined) others.push(t);
    const point = alid === undefined ? undefined : pointOfAlid.get(Number(alid));
    if (point !== undefined) ticketOf.set(point, t);
  }
  // Only the points no alarm ticket covers are looked for in the other tickets' data.
  const known = new Set(catalogue.map((p) => p.id).filter((id) => !ticketOf.has(id)));
  for (const t of others) {
    const full = await store.getTicket(t.id);
    if (!full.ok) return full;
    for (const id of pointIds(full.value.data)) if (known.has(id)) ticketOf.set(id, t);
  }

  const totals = {
    points: catalogue.length,
    silent: 0,
    'not-seen': 0,
    occurred: 0,
    open: 0,
    fixed: 0,
    verified: 0,
    rejected: 0,
  };
  const points = catalogue.map((p): PointCoverage => {
    const seen = p.alid === undefined ? undefined : byAlid.get(p.alid);
    const t = ticketOf.get(p.id);
    const status: CoverageStatus =
      t !== undefined ? STATUS_OF[t.state] : seen !== undefined && seen.count > 0 ? 'occurred' : 'not-seen';
    totals[status]++;
    if (p.alid === undefined) totals.silent++;
    return {
      ...p,
      occurrences: seen?.count ?? 0,
      ...(seen === undefined ? {} : { lastMs: seen.lastMs }),
      status,
      ...(t === undefined ? {} : { ticket: { id: t.id, state: t.state, occurrences: t.occurrences } }),
    };
  });
  return { ok: true, value: { toolId, points, totals } };
}

/** Every ticket of a tool, oldest first. */
async function toolTickets(store: FabStore, toolId: string): Promise<R<TicketListItem[]>> {
  const out: TicketListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listTickets({
      toolId,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    if (!page.ok) return page;
    out.push(...page.value.items);
    cursor = page.value.nextCursor;
  } while (cursor !== undefined);
  return { ok: true, value: out };
}

function pointIds(data: { readonly [k: string]: JsonValue }): string[] {
  const ids: string[] = [];
  if (typeof data.faultPoint === 'string') ids.push(data.faultPoint);
  const list = data.faultPoints;
  if (Array.isArray(list))
    for (const e of list) {
      if (typeof e === 'string') ids.push(e);
      else if (typeof e === 'object' && e !== null && !Array.isArray(e) && typeof e.id === 'string')
        ids.push(e.id);
    }
  return ids;
}
