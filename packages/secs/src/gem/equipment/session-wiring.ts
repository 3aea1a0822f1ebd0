// How the equipment listens to its HSMS session: the host's primaries go to the handler tables, link
// changes drive communication establishment and the spool, and transport-level faults the host must
// hear about (stranger device id, over-size message) become S9 messages. The equipment writes each
// reply itself, then sends what the handler raised (see reply-first.ts).

import type { HsmsMessage } from '../../hsms/transactions.js';
import { S9, s9 } from '../messages/s9-errors.js';
import type { EquipmentParts } from './equipment-parts.js';
import { GemEquipmentError } from './gem-equipment-error.js';
import { isLinkGone } from './link-gone.js';
import { type DispatchPort, dispatchPrimary } from './primary-dispatch.js';

/** Attach to the parts' session; returns the function that detaches again. */
export function attachToSession(p: EquipmentParts): () => void {
  // An S9 that cannot go out (the link dropped: see below) is dropped; anything else is reported.
  const sendS9 = (fn: number, header: Uint8Array): void =>
    void p.sendPrimary(s9(fn, header)).catch((e: unknown) => {
      if (!isLinkGone(e)) p.fail(e);
    });
  const port: DispatchPort = {
    ctx: p.ctx,
    communicationState: () => p.comm.state,
    crReceived: () => p.comm.crReceived(),
    controlState: () => p.control.state,
    sendS9,
    handlerFailed: (e) => p.fail(new GemEquipmentError('handler-failed', e.message, { cause: e.cause ?? e })),
    maxBodyBytes: () => p.maxBodyBytes(),
  };
  p.session.onMessage((msg) => answer(p, port, msg));
  const offs = [
    p.session.on('state', (s) => {
      if (s.to === 'selected') p.comm.linkUp();
      else if (s.from === 'selected') {
        p.comm.linkDown();
        p.spoolLink?.linkLost();
        // Sent before anything held: what waited for a reply is spooled first, then what was held.
        p.out.linkLost();
        p.order.linkLost();
      }
    }),
    // Like every S9, it may be held behind a reply and find the link gone: dropped quietly (sendS9).
    p.session.on('unknown-device', ({ header }) => sendS9(S9.unrecognizedDeviceId, header)),
    // The HSMS layer skips an over-size body without buffering it; E5 wants S9F11 with its header.
    p.session.on('message-too-large', ({ header }) => sendS9(S9.dataTooLong, header)),
  ];
  return () => {
    for (const off of offs) off();
    p.session.onMessage(undefined);
  };
}

/**
 * Handle one host primary and write its reply here rather than through the session, so that the
 * primaries its handler raised (events, alarms, S9) are released right after the reply (E30 order).
 * A reply that acknowledges a change goes out only once the change is on disk: the persisted state
 * saved since the primary arrived is awaited first; if that write failed the host gets SxF0 instead
 * (the failure is reported as an `error` event), never an acknowledgement of what is not durable.
 */
async function answer(p: EquipmentParts, port: DispatchPort, msg: HsmsMessage): Promise<undefined> {
  const key = `S${msg.stream}F${msg.function}`;
  const handling = p.order.begin(key);
  const saved = p.persistence.mark();
  try {
    let reply = await dispatchPrimary(port, msg);
    if (p.persistence.mark() !== saved && !(await p.persistence.durableSince(saved))) {
      p.fail(new Error(`${key}: its change could not be saved, answered S${msg.stream}F0`));
      reply = reply == null ? reply : { stream: msg.stream, function: 0 };
    }
    // A reply for a transaction of a connection that closed meanwhile is not written on the next one.
    if (reply != null && msg.wBit && p.session.state === 'selected' && p.order.sameLink(handling))
      p.session.reply(msg, reply);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    p.fail(
      new GemEquipmentError('handler-failed', `S${msg.stream}F${msg.function} not answered: ${text}`, {
        cause: err,
      }),
    );
  } finally {
    p.order.replied(handling);
  }
  return undefined;
}
