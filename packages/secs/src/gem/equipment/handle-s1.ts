// Stream 1 handlers of the equipment. Ids arrive in any format E5 allows (see WireId); one that names
// nothing here is answered as unknown: a zero-length item in S1F4, empty names in S1F12/S1F22/S1F24,
// echoing the id as received.

import type { Item } from '../../item/item.js';
import { COMMACK, OFLACK, ONLACK } from '../messages/acks.js';
import type { IdRef } from '../messages/message-helpers.js';
import * as s1 from '../messages/s1.js';
import { isOnline } from '../state/control-state.js';
import type { EquipmentHandler } from './equipment-context.js';
import { RequestIds } from './request-ids.js';

const EMPTY_LIST: Item = { format: 'L', value: [] };

/** Name entries for the requested ids (all of `all` when none), unknown ones empty. */
function nameEntries(
  body: Item | undefined,
  all: readonly { id: number; name: string; unit: string }[],
): s1.NameEntry<IdRef>[] {
  const req = new RequestIds();
  const ids = req.all(s1.parseS1f11(body));
  if (ids.length === 0) return all.map((d) => ({ id: d.id, name: d.name, unit: d.unit }));
  const byId = new Map(all.map((d) => [d.id, d]));
  return ids.map((id) => {
    const d = byId.get(id);
    return { id: req.echo(id), name: d?.name ?? '', unit: d?.unit ?? '' };
  });
}

export const S1_HANDLERS: Record<string, EquipmentHandler> = {
  S1F1: (ctx) => s1.s1f2(ctx.identity()),
  S1F3: (ctx, body) => {
    const ids = new RequestIds().all(s1.parseS1f3(body));
    const vars = ctx.vars;
    if (ids.length === 0) return s1.s1f4(ctx.model.statusVariables.map((v) => vars.item(v.id)));
    // A DV or EC id in S1F3 is unknown as an SVID: zero-length item (E5).
    const items = new Array<Item>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      items[i] = vars.kind(id) === 'sv' ? vars.item(id) : EMPTY_LIST;
    }
    return s1.s1f4(items);
  },
  S1F11: (ctx, body) => s1.s1f12(nameEntries(body, ctx.model.statusVariables)),
  S1F13: (ctx) => s1.s1f14(COMMACK.accepted, ctx.identity()),
  S1F15: (ctx) => {
    const r = ctx.control.hostOffline();
    if (r.ok) ctx.controlMoved(r);
    // E30: S1F15 while already offline is still acknowledged.
    return s1.s1f16(OFLACK.acknowledged);
  },
  S1F17: (ctx) => {
    if (isOnline(ctx.control.state)) return s1.s1f18(ONLACK.alreadyOnline);
    const r = ctx.control.hostOnline();
    if (!r.ok) return s1.s1f18(ONLACK.notAllowed);
    ctx.controlMoved(r);
    return s1.s1f18(ONLACK.accepted);
  },
  S1F21: (ctx, body) => s1.s1f22(nameEntries(body, ctx.model.dataVariables)),
  S1F23: (ctx, body) => {
    const req = new RequestIds();
    const ids = req.all(s1.parseS1f23(body));
    const all = ctx.model.events;
    const byId = new Map(all.map((e) => [e.id, e]));
    return s1.s1f24(
      (ids.length === 0 ? all.map((e) => e.id) : ids).map((ceid) => {
        const e = byId.get(ceid);
        return { ceid: req.echo(ceid), name: e?.name ?? '', vids: e?.data ?? [] };
      }),
    );
  },
};
