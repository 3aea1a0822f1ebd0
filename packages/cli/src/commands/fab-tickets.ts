// The ticket service beside `fab up`'s commits (docs/fab.md §11.5) and, when the configuration names
// webhook targets, the forwarding of every ticket opened or changed to its maker's systems (§13.3).
import type { Issue } from '@bondline/core';
import {
  DEFAULT_TICKET_SETTINGS,
  type FabConfig,
  type FabStore,
  forwardTicketEvents,
  type LiveFeed,
  TicketService,
  type TicketSettings,
  WebhookDispatcher,
} from '@bondline/fab';

export interface RunningTickets {
  readonly service: TicketService;
  readonly settings: TicketSettings;
  /** The makers' webhooks, when the configuration names targets. */
  readonly webhooks?: WebhookDispatcher;
  /** Stop following the feed, finish the tickets in hand, stop the webhooks. */
  close(): Promise<void>;
}

export function startTickets(
  store: FabStore,
  commits: LiveFeed,
  config: FabConfig,
  write: (line: string) => void,
  /** The tickets' clock, epoch ms (default Date.now; `--story` gives its story clock). */
  clock?: () => number,
): RunningTickets {
  const settings = config.tickets ?? DEFAULT_TICKET_SETTINGS;
  const service = new TicketService({
    store,
    settings,
    ...(clock === undefined ? {} : { clock }),
    log: (i: Issue) => write(`fab up: tickets: ${i.message}`),
  });
  const detach = service.attach(commits);
  const hooks =
    settings.webhooks.length === 0
      ? undefined
      : new WebhookDispatcher({
          targets: settings.webhooks,
          onDeadLetter: (l) => {
            write(`fab up: webhook ${l.targetId}: ${l.type} ${l.deliveryId} not delivered (${l.lastError})`);
            // Kept in the store, so it outlives a restart and an admin can send it again (docs/fab.md §13.2).
            void store.saveDeadLetter(l).then((r) => {
              if (!r.ok)
                write(
                  `fab up: webhook dead letter ${l.deliveryId} not stored: ${r.issues[0]?.message ?? ''}`,
                );
            });
          },
        });
  const stopHooks = hooks === undefined ? undefined : forwardTicketEvents(service, hooks);
  return {
    service,
    settings,
    ...(hooks === undefined ? {} : { webhooks: hooks }),
    async close() {
      detach();
      await service.idle();
      stopHooks?.();
      hooks?.close();
      await hooks?.idle();
    },
  };
}

/** The start-up line of the tickets. */
export function ticketsStartLine(s: TicketSettings): string {
  return s.enabled
    ? `tickets: on, from alarms of ALCD ${s.alarms.categories.join(', ')}; at /api/tickets${s.webhooks.length === 0 ? '' : `; webhooks to ${s.webhooks.map((w) => w.id).join(', ')}`}`
    : 'tickets: off (tickets.enabled is false); reports at /api/tickets';
}

/** One progress line of the ticket counters. */
export function ticketsLine(t: RunningTickets): string {
  const c = t.service.counts();
  return `${c.opened} ticket${c.opened === 1 ? '' : 's'} opened, ${c.recurrences} recurrence${c.recurrences === 1 ? '' : 's'}`;
}
