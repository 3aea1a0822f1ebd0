// The computed parts of the fault loop read from the store (docs/fab.md §11.6): the verification check
// of a ticket whose fix is deployed, and the response-time summary over the stored tickets.
import { fail, issue, ok, type Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';
import type { TicketListItem, TicketQuery } from '../store/ticket-records.js';
import { type ResponseSummary, responseSummary, type TicketTimes } from './response-times.js';
import type { TicketSettings } from './ticket-settings.js';
import { type VerificationCheck, verificationCheck } from './verification.js';
import type { WorkCalendar } from './work-calendar.js';

type R<T> = Result<T, StoreIssueCode | 'not-fix-deployed'>;

const HOUR_MS = 3_600_000;

/**
 * The check of ticket `id` (its state must be fix-deployed): analysed pairs of the tool started since
 * the fix, recurrences since (history), and the tool's yield since the fix against the
 * `baselineHours` before the ticket opened. Pair times are the tool's clock, taken as the fab's.
 */
export async function ticketVerification(
  store: FabStore,
  id: string,
  settings: TicketSettings['verification'],
): Promise<R<VerificationCheck>> {
  const got = await store.getTicket(id);
  if (!got.ok) return got;
  const t = got.value;
  if (t.state !== 'fix-deployed' || t.fixDeployedMs === undefined)
    return fail(issue('not-fix-deployed', `ticket ${id} is '${t.state}': only a deployed fix is checked`));
  const since = t.fixDeployedMs;
  const [history, after, before] = await Promise.all([
    store.ticketHistory(id),
    store.yieldSummary({ toolId: t.toolId, fromMs: since, by: 'tool' }),
    store.yieldSummary({
      toolId: t.toolId,
      fromMs: Math.round(t.reportedMs - settings.baselineHours * HOUR_MS),
      toMs: t.reportedMs,
      by: 'tool',
    }),
  ]);
  if (!history.ok) return history;
  if (!after.ok) return after;
  if (!before.ok) return before;
  const recurrences = history.value.filter((h) => h.action.kind === 'recur' && h.action.atMs >= since).length;
  const b = before.value.total.yield;
  const a = after.value.total.yield;
  return ok(
    verificationCheck({
      pairsSinceFix: after.value.total.pairs,
      requiredPairs: settings.pairs,
      recurrencesSinceFix: recurrences,
      ...(b === null
        ? {}
        : {
            figure: {
              name: 'die yield',
              before: b,
              after: a ?? Number.NaN,
              higherIsBetter: true,
              tolerance: settings.yieldTolerance,
            },
          }),
    }),
  );
}

/** Every stored ticket matching `query` (paged through), then `responseSummary` on `calendar`. */
export async function ticketResponseSummary(
  store: FabStore,
  calendar: WorkCalendar,
  query: Omit<TicketQuery, 'cursor' | 'limit' | 'order'> = {},
): Promise<Result<ResponseSummary, StoreIssueCode>> {
  const times: TicketTimes[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listTickets({
      ...query,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    if (!page.ok) return page;
    for (const t of page.value.items) times.push(timesOf(t));
    cursor = page.value.nextCursor;
  } while (cursor !== undefined);
  return ok(responseSummary(times, calendar));
}

function timesOf(t: TicketListItem): TicketTimes {
  return {
    makerId: t.makerId,
    reportedMs: t.reportedMs,
    ...(t.acknowledgedMs === undefined ? {} : { acknowledgedMs: t.acknowledgedMs }),
    ...(t.fixDeployedMs === undefined ? {} : { fixDeployedMs: t.fixDeployedMs }),
    ...(t.verifiedMs === undefined ? {} : { verifiedMs: t.verifiedMs }),
  };
}
