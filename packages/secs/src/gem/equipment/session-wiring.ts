// How the equipment listens to its HSMS session: the host's primaries go to the handler tables, link
// changes drive communication establishment and the spool, and transport-level faults the host must
// hear about (stranger device id, over-size message) become S9 messages.

import { S9, s9 } from '../messages/s9-errors.js';
import type { EquipmentParts } from './equipment-parts.js';
import { dispatchPrimary } from './primary-dispatch.js';

/** Attach to the parts' session; returns the function that detaches again. */
export function attachToSession(p: EquipmentParts): () => void {
  const sendS9 = (fn: number, header: Uint8Array): void => void p.sendPrimary(s9(fn, header)).catch(() => {});
  p.session.onMessage((msg) =>
    dispatchPrimary(
      {
        ctx: p.ctx,
        communicationState: () => p.comm.state,
        crReceived: () => p.comm.crReceived(),
        controlState: () => p.control.state,
        sendS9,
        handlerFailed: (e) => p.fail(e),
      },
      msg,
    ),
  );
  const offs = [
    p.session.on('state', (s) => {
      if (s.to === 'selected') p.comm.linkUp();
      else if (s.from === 'selected') {
        p.comm.linkDown();
        p.spoolLink?.linkLost();
      }
    }),
    p.session.on('unknown-device', ({ header }) => {
      void p.sendPrimary(s9(S9.unrecognizedDeviceId, header));
    }),
    // The HSMS layer skips an over-size body without buffering it; E5 wants S9F11 with its header.
    p.session.on('message-too-large', ({ header }) => sendS9(S9.dataTooLong, header)),
  ];
  return () => {
    for (const off of offs) off();
    p.session.onMessage(undefined);
  };
}
