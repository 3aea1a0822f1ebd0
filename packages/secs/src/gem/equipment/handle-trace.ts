// Trace initialize (S2F23): the trace engine samples status variables on its own timer and the
// equipment sends each group as S6F1. An SVID that names nothing here (see WireId) is TIAACK 4.

import { parseS2f23, s2f24 } from '../messages/s2-s6-trace.js';
import type { EquipmentHandler } from './equipment-context.js';
import { RequestIds } from './request-ids.js';

export const TRACE_HANDLERS: Record<string, EquipmentHandler> = {
  S2F23: (ctx, body) => {
    const t = parseS2f23(body);
    return s2f24(ctx.trace.define({ ...t, svids: new RequestIds().all(t.svids) }));
  },
};
