// Trace initialize (S2F23): the trace engine samples status variables on its own timer and the
// equipment sends each group as S6F1.

import { parseS2f23, s2f24 } from '../messages/s2-s6-trace.js';
import type { EquipmentHandler } from './equipment-context.js';

export const TRACE_HANDLERS: Record<string, EquipmentHandler> = {
  S2F23: (ctx, body) => s2f24(ctx.trace.define(parseS2f23(body))),
};
