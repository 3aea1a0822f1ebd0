// Stream 2 handlers of the equipment: constants, clock, report set-up, remote commands. Ids arrive in
// any format E5 allows (see WireId); one that names nothing here gets the E5 answer for an unknown id
// (zero-length item, EAC 1, DRACK 4, LRACK 4/5, ERACK 1), echoed as received where the reply names it.

import { A, L } from '../../item/constructors.js';
import { EAC, HCACK, TIACK } from '../messages/acks.js';
import * as s2c from '../messages/s2-constants.js';
import * as s2x from '../messages/s2-remote.js';
import * as s2r from '../messages/s2-reports.js';
import { valueToItem } from '../model/value.js';
import type { EquipmentContext, EquipmentHandler } from './equipment-context.js';
import { parseGemTime } from './gem-time.js';
import { checkCommand } from './remote-command.js';
import { RequestIds } from './request-ids.js';

async function command(ctx: EquipmentContext, cmd: s2x.RemoteCommand): Promise<s2x.CommandReply> {
  const checked = checkCommand(ctx.model, cmd);
  if (checked.hcack !== HCACK.ok) return checked;
  // E30 4.3: remote control only in ONLINE REMOTE.
  if (ctx.control.state !== 'online-remote') return { hcack: HCACK.cannotPerformNow, params: [] };
  return ctx.runCommand(cmd);
}

export const S2_HANDLERS: Record<string, EquipmentHandler> = {
  S2F13: (ctx, body) => {
    const ids = new RequestIds().all(s2c.parseS2f13(body));
    return s2c.s2f14(
      (ids.length === 0 ? ctx.vars.constantIds() : ids).map((id) =>
        ctx.vars.constant(id) === undefined ? L() : ctx.vars.item(id),
      ),
    );
  },
  S2F15: (ctx, body) => {
    const req = new RequestIds();
    const pairs = s2c.parseS2f15(body).map((p) => ({ ecid: req.of(p.ecid), value: p.value }));
    const checked = ctx.vars.checkConstants(pairs);
    if (!checked.ok) return s2c.s2f16(checked.refusal.eac);
    // An empty list changes nothing, so there is no change to report.
    if (checked.values.size > 0) ctx.constantsChanged(checked.values);
    return s2c.s2f16(EAC.ok);
  },
  S2F17: (ctx) => s2c.s2f18(ctx.clockText()),
  S2F29: (ctx, body) => {
    const req = new RequestIds();
    const ids = req.all(s2c.parseS2f29(body));
    return s2c.s2f30(
      (ids.length === 0 ? ctx.vars.constantIds() : ids).map((ecid) => {
        const c = ctx.vars.constant(ecid);
        if (c === undefined)
          return { ecid: req.echo(ecid), name: '', min: A(), max: A(), def: A(), unit: '' };
        const lim = (v: number | undefined) =>
          v === undefined ? A() : valueToItem(c.type === 'A' || c.type === 'BOOLEAN' ? 'F8' : c.type, v);
        return {
          ecid,
          name: c.name,
          min: lim(c.min),
          max: lim(c.max),
          def: valueToItem(c.type, c.default),
          unit: c.unit,
        };
      }),
    );
  },
  S2F31: (ctx, body) => {
    const ms = parseGemTime(s2c.parseTime(body));
    if (ms === undefined) return s2c.s2f32(TIACK.notDone);
    ctx.setTime(ms);
    return s2c.s2f32(TIACK.ok);
  },
  S2F33: (ctx, body) => {
    const req = new RequestIds();
    const defs = s2r.parseS2f33(body).reports.map((r) => ({ rptid: req.of(r.id), vids: req.all(r.ids) }));
    const drack = ctx.reports.define(defs);
    if (drack === 0) ctx.reportsChanged();
    return s2r.s2f34(drack);
  },
  S2F35: (ctx, body) => {
    const req = new RequestIds();
    const links = s2r.parseS2f35(body).links.map((k) => ({ ceid: req.of(k.id), rptids: req.all(k.ids) }));
    const lrack = ctx.reports.link(links);
    if (lrack === 0) ctx.reportsChanged();
    return s2r.s2f36(lrack);
  },
  S2F37: (ctx, body) => {
    const { enable, ceids } = s2r.parseS2f37(body);
    const erack = ctx.reports.enable(enable, new RequestIds().all(ceids));
    if (erack === 0) ctx.reportsChanged();
    return s2r.s2f38(erack);
  },
  S2F41: async (ctx, body) => s2x.s2f42(await command(ctx, s2x.parseS2f41(body))),
  S2F49: async (ctx, body) => s2x.s2f50(await command(ctx, s2x.parseS2f49(body))),
};
