// Stream 1 handlers of the equipment.

import type { Item } from '../../item/item.js';
import { COMMACK, OFLACK, ONLACK } from '../messages/acks.js';
import * as s1 from '../messages/s1.js';
import { isOnline } from '../state/control-state.js';
import type { EquipmentHandler } from './equipment-context.js';

const EMPTY_LIST: Item = { format: 'L', value: [] };
const names = (ids: number[], all: number[], entry: (id: number) => s1.NameEntry): s1.NameEntry[] =>
  (ids.length === 0 ? all : ids).map(entry);

export const S1_HANDLERS: Record<string, EquipmentHandler> = {
  S1F1: (ctx) => s1.s1f2(ctx.identity()),
  S1F3: (ctx, body) => {
    const ids = s1.parseS1f3(body);
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
  S1F11: (ctx, body) => {
    const all = ctx.model.statusVariables;
    return s1.s1f12(
      names(
        s1.parseS1f11(body),
        all.map((v) => v.id),
        (id) => {
          const d = all.find((v) => v.id === id);
          return { id, name: d?.name ?? '', unit: d?.unit ?? '' };
        },
      ),
    );
  },
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
  S1F21: (ctx, body) => {
    const all = ctx.model.dataVariables;
    return s1.s1f22(
      names(
        s1.parseS1f21(body),
        all.map((v) => v.id),
        (id) => {
          const d = all.find((v) => v.id === id);
          return { id, name: d?.name ?? '', unit: d?.unit ?? '' };
        },
      ),
    );
  },
  S1F23: (ctx, body) => {
    const ids = s1.parseS1f23(body);
    const all = ctx.model.events;
    return s1.s1f24(
      (ids.length === 0 ? all.map((e) => e.id) : ids).map((ceid) => {
        const e = all.find((x) => x.id === ceid);
        return { ceid, name: e?.name ?? '', vids: e?.data ?? [] };
      }),
    );
  },
};
