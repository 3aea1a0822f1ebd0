// What an equipment maker's user may read of the store (docs/fab.md §14.4): the tools of their own
// organisation and what hangs on them (lots, pairs and their analyses, events, alarms, trace, constant
// changes, yield figures, tickets with their history and files), nothing else. Lists are narrowed in
// SQL (`toolIds`, the tickets' maker); one object of another organisation is `not-found`, as if it did
// not exist. The view fails closed: a store method it does not list throws, so a route that reaches
// for more than the view offers is a bug the route-by-role test finds, never a leak.
import { issue, type Result } from '@bondline/core';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';

type R<T> = Result<T, StoreIssueCode>;

const hidden = <T>(what: string, id: string | number): R<T> => ({
  ok: false,
  issues: [issue('not-found', `no ${what} '${String(id)}' is stored`, 'id')],
});

/** The ids of the tools of organisation `organisationId`, every page. */
export async function toolsOf(store: FabStore, organisationId: string): Promise<R<string[]>> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listTools({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) return page;
    for (const t of page.value.items) if (t.organisationId === organisationId) ids.push(t.id);
    cursor = page.value.nextCursor;
  } while (cursor !== undefined);
  return { ok: true, value: ids };
}

/** The store as a user of maker `organisationId`, who may see the tools `toolIds`, reads it. */
export function makerView(store: FabStore, organisationId: string, toolIds: readonly string[]): FabStore {
  const visible = new Set(toolIds);
  const scope = { toolIds };
  const ticketVisible = async (id: string): Promise<R<true>> => {
    const t = await store.getTicket(id);
    if (!t.ok) return t;
    return t.value.makerId === organisationId ? { ok: true, value: true } : hidden('ticket', id);
  };
  const pairVisible = async (id: string): Promise<R<true>> => {
    const p = await store.getPair(id);
    if (!p.ok) return p;
    return visible.has(p.value.pair.toolId) ? { ok: true, value: true } : hidden('pair', id);
  };
  const view: Partial<FabStore> = {
    kind: store.kind,
    listTools: (q = {}) => store.listTools({ ...q, ...scope }),
    getTool: async (id) => (visible.has(id) ? store.getTool(id) : hidden('tool', id)),
    listLots: (q = {}) => store.listLots({ ...q, ...scope }),
    getLot: async (id) => {
      const r = await store.getLot(id);
      return !r.ok || visible.has(r.value.lot.toolId) ? r : hidden('lot', id);
    },
    listPairs: (q = {}) => store.listPairs({ ...q, ...scope }),
    getPair: async (id) => {
      const r = await store.getPair(id);
      return !r.ok || visible.has(r.value.pair.toolId) ? r : hidden('pair', id);
    },
    getPairAnalysis: async (id) => {
      const seen = await pairVisible(id);
      return seen.ok ? store.getPairAnalysis(id) : seen;
    },
    listEvents: (q = {}) => store.listEvents({ ...q, ...scope }),
    listAlarms: (q = {}) => store.listAlarms({ ...q, ...scope }),
    alarmCounts: async (toolId) => (visible.has(toolId) ? store.alarmCounts(toolId) : hidden('tool', toolId)),
    listTrace: (q = {}) => store.listTrace({ ...q, ...scope }),
    listEcChanges: (q = {}) => store.listEcChanges({ ...q, ...scope }),
    yieldSummary: (q = {}) => store.yieldSummary({ ...q, ...scope }),
    yieldPareto: (q = {}) => store.yieldPareto({ ...q, ...scope }),
    yieldCurve: (q = {}) => store.yieldCurve({ ...q, ...scope }),
    // A maker's own tickets: another maker's filter gives nothing, not theirs.
    listTickets: async (q = {}) =>
      q.makerId !== undefined && q.makerId !== organisationId
        ? { ok: true, value: { items: [] } }
        : store.listTickets({ ...q, makerId: organisationId }),
    getTicket: async (id) => {
      const r = await store.getTicket(id);
      return !r.ok || r.value.makerId === organisationId ? r : hidden('ticket', id);
    },
    ticketHistory: async (id) => {
      const seen = await ticketVisible(id);
      return seen.ok ? store.ticketHistory(id) : seen;
    },
    listTicketAttachments: async (id) => {
      const seen = await ticketVisible(id);
      return seen.ok ? store.listTicketAttachments(id) : seen;
    },
    getTicketAttachment: async (id, n) => {
      const seen = await ticketVisible(id);
      return seen.ok ? store.getTicketAttachment(id, n) : seen;
    },
    addTicketAttachment: async (a) => {
      const seen = await ticketVisible(a.ticketId);
      return seen.ok ? store.addTicketAttachment(a) : seen;
    },
  };
  return new Proxy(view as FabStore, {
    get(target, key, receiver) {
      // `then` is asked by await and by test matchers of any value: a store is not a promise.
      if (key === 'then') return undefined;
      if (typeof key === 'string' && !(key in target))
        throw new TypeError(`store.${key} is not part of a maker's view (accounts/maker-view.ts)`);
      return Reflect.get(target, key, receiver);
    },
  });
}
