// The fixes the fab verified (docs/fab.md §11.6), for the yield learning curve's annotations: every
// ticket that reached `verified` (and those closed after it), with the fix the maker deployed and
// when it was verified, oldest verification first.
import type { Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';
import type { TicketListItem } from '../store/ticket-records.js';
import type { DeployedFix } from './ticket-workflow.js';

export interface VerifiedFix {
  readonly ticketId: string;
  readonly toolId: string;
  readonly makerId: string;
  readonly faultKey: string;
  readonly title: string;
  readonly fix?: DeployedFix;
  readonly fixDeployedMs?: number;
  readonly verifiedMs: number;
}

/** Verified fixes listed at most (the oldest kept first; `truncated` says more matched). */
const MAX_FIXES = 1000;

export async function verifiedFixes(
  store: FabStore,
  q: { readonly toolId?: string },
): Promise<Result<{ readonly fixes: readonly VerifiedFix[]; readonly truncated: boolean }, StoreIssueCode>> {
  const out: VerifiedFix[] = [];
  for (const state of ['verified', 'closed'] as const) {
    let cursor: string | undefined;
    do {
      const page = await store.listTickets({
        state,
        ...(q.toolId === undefined ? {} : { toolId: q.toolId }),
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (!page.ok) return page;
      for (const t of page.value.items) {
        const f = fixOf(t);
        if (f !== undefined) out.push(f);
      }
      cursor = out.length > MAX_FIXES ? undefined : page.value.nextCursor;
    } while (cursor !== undefined);
  }
  out.sort((a, b) => a.verifiedMs - b.verifiedMs || (a.ticketId < b.ticketId ? -1 : 1));
  return { ok: true, value: { fixes: out.slice(0, MAX_FIXES), truncated: out.length > MAX_FIXES } };
}

function fixOf(t: TicketListItem): VerifiedFix | undefined {
  if (t.verifiedMs === undefined) return undefined;
  return {
    ticketId: t.id,
    toolId: t.toolId,
    makerId: t.makerId,
    faultKey: t.faultKey,
    title: t.title,
    ...(t.fix === undefined ? {} : { fix: t.fix }),
    ...(t.fixDeployedMs === undefined ? {} : { fixDeployedMs: t.fixDeployedMs }),
    verifiedMs: t.verifiedMs,
  };
}
