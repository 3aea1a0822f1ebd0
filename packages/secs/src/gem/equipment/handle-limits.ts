// Limits monitoring handlers: S2F45 defines deadbands (all or nothing), S2F47 reads them back.

import { parseS2f45, parseS2f47, s2f46, s2f48 } from '../messages/s2-limits.js';
import type { EquipmentHandler } from './equipment-context.js';

export const LIMITS_HANDLERS: Record<string, EquipmentHandler> = {
  S2F45: (ctx, body) => {
    const r = ctx.limits.define(parseS2f45(body));
    if (r.vlaack === 0) ctx.reportsChanged();
    return s2f46(r);
  },
  S2F47: (ctx, body) => s2f48(ctx.limits.attributes(parseS2f47(body))),
};
