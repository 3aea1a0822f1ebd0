// How the equipment's parts use the spool (E30 6.5): the spool link with its spooling activated /
// deactivated notices, which primaries are spooled ahead of the send queue, spooling a primary that
// cannot go out now (behind those held for a reply), and the spool access the S2F43 / S6F23 handlers
// get, whose purge raises spooling deactivated. Each function reads the parts when it runs, not when
// it is wired, so it may be wired before the parts it names are built.

import type { SecsMessage } from '../../message.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Spool } from '../spool/spool.js';
import type { EventSender } from './event-sender.js';
import type { GemConstants } from './gem-constants.js';
import type { SpoolPort } from './handle-spool.js';
import type { Outbound } from './outbound.js';
import type { ReplyFirst } from './reply-first.js';
import type { ReportTable } from './report-table.js';
import { SpoolLink, type SpoolNotice } from './spool-link.js';

/** The parts of the equipment (equipment-parts.ts) that spooling reads. */
export interface SpoolingParts {
  readonly model: EquipmentModel;
  readonly reports: ReportTable;
  readonly events: EventSender;
  readonly spool: Spool | undefined;
  readonly spoolLink: SpoolLink | undefined;
  readonly gemConstants: GemConstants;
  readonly order: ReplyFirst;
  readonly out: Outbound;
  fail(err: unknown): void;
}

/** The link that delivers the spool after S6F23, or undefined when the equipment has no spool. */
export function newSpoolLink(p: SpoolingParts, spool: Spool | undefined): SpoolLink | undefined {
  if (spool === undefined) return undefined;
  return new SpoolLink(
    spool,
    // Through Outbound: after the S6F24 it answers, and a T3 is answered with S9F9 (E5).
    (out) => p.out.transmit(out),
    (e) => p.fail(e),
    spoolNotice(p),
  );
}

/** Whether a primary of this stream and function goes into the spool rather than out now. */
export function spoolsFirst(p: SpoolingParts, stream: number, fn: number): boolean {
  return (
    p.spool !== undefined &&
    p.gemConstants.spoolingEnabled &&
    p.spool.stateName !== 'inactive' &&
    // A failed spool takes nothing more: with the link up messages go to the host.
    p.spool.failed === undefined &&
    p.spool.isSpoolable(stream, fn)
  );
}

/**
 * E30 6.5 spooling of a primary that cannot go out now, unless the EnableSpooling EC is false.
 * Behind primaries still held for a reply (reply-first.ts), which are spooled when their turn comes
 * if the link dropped meanwhile, so the spool keeps the order of raising. Resolves once the message
 * is on disk (or was not spooled; failures are reported, never thrown).
 */
export function spoolIfDown(p: SpoolingParts, msg: SecsMessage): Promise<void> {
  if (p.order.heldCount === 0) return spoolNow(p, msg);
  return p.order.submit(() => spoolNow(p, msg)).catch((e: unknown) => p.fail(e));
}

/** Spool a primary now if the link is down and the EnableSpooling EC allows it; resolves once durable. */
export function spoolNow(p: SpoolingParts, msg: SecsMessage): Promise<void> {
  return p.gemConstants.spoolingEnabled ? p.out.spoolIfDown(msg) : Promise.resolve();
}

/** S2F43 / S6F23 access to the spool; a purge that empties it raises spooling deactivated. */
export function spoolPort(p: SpoolingParts): SpoolPort | undefined {
  if (p.spool === undefined) return undefined;
  const port = p.gemConstants.spoolPort(p.spool);
  return {
    ...port,
    purge: () => {
      const held = p.spool?.countActual ?? 0;
      const rsda = port.purge();
      // Emptied at the call (the disk follows): deactivated is raised now, before anything raised
      // while the purge is written.
      if (held > 0 && p.spool?.stateName === 'inactive') p.spoolLink?.emptied();
      return rsda;
    },
  };
}

/** The spooling activated / deactivated events of the model (E30 6.5). */
function spoolNotice(p: SpoolingParts): SpoolNotice {
  const { activatedCeid, deactivatedCeid } = p.model.spool;
  return {
    activated: () => {
      if (activatedCeid !== undefined) void p.events.sendEvent(activatedCeid, false);
    },
    deactivated: () => {
      if (deactivatedCeid !== undefined) void p.events.sendEvent(deactivatedCeid, false);
    },
  };
}
