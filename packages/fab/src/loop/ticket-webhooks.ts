// The fault loop's notifications to the makers' own systems (docs/fab.md §13.3): every ticket opened
// or changed goes to the webhook targets of the ticket's maker as `ticket.opened` / `ticket.changed`,
// with the ticket's summary (its captured data stays behind the API: GET /api/tickets/{id}).
import type { JsonObject } from '../store/json-value.js';
import type { TicketEvent, TicketService } from './ticket-service.js';
import type { WebhookDispatcher } from './webhooks.js';

/** The body's `data` of a ticket notification. */
export function ticketNotificationData(e: TicketEvent): JsonObject {
  const t = e.ticket;
  return {
    id: t.id,
    toolId: t.toolId,
    makerId: t.makerId,
    ...(t.module === undefined ? {} : { module: t.module }),
    faultKey: t.faultKey,
    source: t.source,
    title: t.title,
    state: t.state,
    occurrences: t.occurrences,
    reopened: t.reopened,
    reportedMs: t.reportedMs,
    version: t.version,
    ...(e.action === undefined ? {} : { action: e.action.kind }),
  };
}

/** Send every opening and change of `service` through `dispatcher`; returns the unsubscriber. */
export function forwardTicketEvents(service: TicketService, dispatcher: WebhookDispatcher): () => void {
  return service.subscribe((e) => {
    dispatcher.notify({
      type: `ticket.${e.kind}`,
      organisationId: e.ticket.makerId,
      data: ticketNotificationData(e),
    });
  });
}
