// Limits monitoring handlers: S2F45 defines deadbands (all or nothing), S2F47 reads them back. A VID or
// LIMITID that names nothing here is refused as unknown (LVACK 1, LIMITACK 1) or answered with L[0],
// echoed as received.

import { parseS2f45, parseS2f47, s2f46, s2f48 } from '../messages/s2-limits.js';
import type { EquipmentHandler } from './equipment-context.js';
import { RequestIds } from './request-ids.js';

export const LIMITS_HANDLERS: Record<string, EquipmentHandler> = {
  S2F45: (ctx, body) => {
    const req = new RequestIds();
    const r = ctx.limits.define(
      parseS2f45(body).map((v) => ({
        vid: req.of(v.vid),
        limits: v.limits.map((l) => ({ ...l, limitId: req.of(l.limitId) })),
      })),
    );
    if (r.vlaack === 0) ctx.reportsChanged();
    return s2f46({
      vlaack: r.vlaack,
      rejections: r.rejections.map((x) => ({
        vid: req.echo(x.vid),
        lvack: x.lvack,
        limits: x.limits.map((l) => ({ limitId: req.echo(l.limitId), limitack: l.limitack })),
      })),
    });
  },
  S2F47: (ctx, body) => {
    const req = new RequestIds();
    return s2f48(
      ctx.limits.attributes(req.all(parseS2f47(body))).map((e) => ({ ...e, vid: req.echo(e.vid) })),
    );
  },
};
