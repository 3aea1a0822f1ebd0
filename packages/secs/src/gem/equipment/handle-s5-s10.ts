// Handlers for alarms (S5), event report requests (S6), process programs (S7) and terminal (S10).

import type { SecsMessage } from '../../message.js';
import { isProgrammerError } from '../../programmer-error.js';
import { ACKC5, ACKC7, ACKC10, PPGNT } from '../messages/acks.js';
import { AnsweredFailure } from '../messages/message-helpers.js';
import * as s5 from '../messages/s5-alarms.js';
import * as s6 from '../messages/s6-events.js';
import * as s7 from '../messages/s7-recipes.js';
import * as s10 from '../messages/s10-terminal.js';
import type { EquipmentContext, EquipmentHandler } from './equipment-context.js';
import { isStorablePpid } from './recipe-directory.js';
import { RecipeRefusedError } from './recipe-refused-error.js';

/**
 * The store's result, or an AnsweredFailure carrying `reply` when the store fails (its I/O); a bug in
 * it is not answered (see programmer-error.ts).
 */
async function answerOnFailure<T>(op: Promise<T>, reply: SecsMessage): Promise<T> {
  try {
    return await op;
  } catch (err) {
    if (isProgrammerError(err)) throw err;
    throw new AnsweredFailure(reply, err);
  }
}

/** The store's refusal of a program (RecipeRefusedError), or undefined once it is stored. */
async function refusalOf(op: Promise<void>): Promise<RecipeRefusedError | undefined> {
  try {
    await op;
    return undefined;
  } catch (err) {
    if (err instanceof RecipeRefusedError) return err;
    throw err;
  }
}

const alarmReport = (ctx: EquipmentContext, alid: number): s5.AlarmReport | undefined => {
  const a = ctx.model.alarms.find((x) => x.id === alid);
  if (a === undefined) return undefined;
  return { alcd: s5.alarmCode(ctx.alarmSet.has(alid), a.category), alid, altx: a.text };
};

export const S5_S10_HANDLERS: Record<string, EquipmentHandler> = {
  S5F3: (ctx, body) => {
    const { enable, alid: wire } = s5.parseS5f3(body);
    // An ALID that names no alarm (unknown, negative, too large) is ACKC5 1 (E5).
    const alid = wire === undefined ? undefined : wire.value;
    if (wire !== undefined && (alid === undefined || !ctx.model.alarms.some((a) => a.id === alid)))
      return s5.s5f4(ACKC5.error);
    const ids = alid === undefined ? ctx.model.alarms.map((a) => a.id) : [alid];
    for (const id of ids) {
      if (enable) ctx.alarmEnabled.add(id);
      else ctx.alarmEnabled.delete(id);
    }
    ctx.reportsChanged();
    return s5.s5f4(ACKC5.ok);
  },
  S5F5: (ctx, body) => {
    const ids = s5.parseS5f5(body);
    // Unknown ALIDs (undefined: they name no alarm here) are left out of S5F6.
    const list = (ids.length === 0 ? ctx.model.alarms.map((a) => a.id) : ids).map((id) =>
      id === undefined ? undefined : alarmReport(ctx, id),
    );
    return s5.s5f6(list.filter((a) => a !== undefined));
  },
  S5F7: (ctx) =>
    s5.s5f8(
      ctx.model.alarms
        .filter((a) => ctx.alarmEnabled.has(a.id))
        .map((a) => alarmReport(ctx, a.id))
        .filter((a) => a !== undefined),
    ),
  S6F15: (ctx, body) => {
    const { item, value: ceid } = s6.parseS6f15(body);
    // E5: an unknown CEID gets an empty report list, with the CEID echoed as received.
    if (ceid === undefined || !ctx.model.events.some((e) => e.id === ceid))
      return s6.s6f16({ dataId: 0, ceid: item, reports: [] });
    return s6.s6f16(ctx.eventReport(ceid));
  },
  S6F19: (ctx, body) => {
    const rptid = s6.parseS6f19(body).value;
    const vids = rptid === undefined ? undefined : ctx.reports.report(rptid);
    return s6.s6f20(vids === undefined ? [] : vids.map((v) => ctx.vars.item(v)));
  },
  S7F1: async (ctx, body) => {
    const { ppid, lengthBytes } = s7.parseS7f1(body);
    // A binary PPID (undefined) names no program here: refused like any unstorable PPID.
    if (ppid === undefined || !isStorablePpid(ppid)) return s7.s7f2(PPGNT.invalidPpid);
    if (lengthBytes > ctx.model.processPrograms.maxBytes) return s7.s7f2(PPGNT.noSpace);
    ctx.expectProgram(ppid);
    return s7.s7f2(PPGNT.ok);
  },
  S7F3: async (ctx, body) => {
    const p = s7.parseS7f3(body);
    // E5 has no ACKC7 for a bad PPID; 1 (permission not granted) refuses it (6 would mean "later").
    if (p.ppid === undefined) return s7.s7f4(ACKC7.permissionNotGranted);
    ctx.programArrived(p.ppid);
    if (!isStorablePpid(p.ppid)) return s7.s7f4(ACKC7.permissionNotGranted);
    if (p.body.length > ctx.model.processPrograms.maxBytes) return s7.s7f4(ACKC7.lengthError);
    const refused = await answerOnFailure(
      refusalOf(ctx.recipes.write(p.ppid, p.body)),
      s7.s7f4(ACKC7.permissionNotGranted),
    );
    return s7.s7f4(refused === undefined ? ACKC7.accepted : refused.ackc7);
  },
  S7F5: async (ctx, body) => {
    const ppid = s7.parsePpid(body);
    // E5: L[0] when the program cannot be sent (a binary PPID, undefined, names none here).
    if (ppid === undefined) return s7.s7f6(undefined);
    const data = await answerOnFailure(ctx.recipes.read(ppid), s7.s7f6(undefined));
    return s7.s7f6(data === undefined ? undefined : { ppid, body: data });
  },
  S7F17: async (ctx, body) => {
    const ids = s7.parseS7f17(body);
    const refused = s7.s7f18(ACKC7.permissionNotGranted);
    const have = await answerOnFailure(ctx.recipes.list(), refused);
    const targets = ids.length === 0 ? have : ids;
    // All or nothing: refuse before deleting anything when one PPID is unknown.
    const known = new Set(have);
    const found = targets.filter((p): p is string => p !== undefined && known.has(p));
    if (found.length < targets.length) return s7.s7f18(ACKC7.ppidNotFound);
    for (const p of found) await answerOnFailure(ctx.recipes.remove(p), refused);
    return s7.s7f18(ACKC7.accepted);
  },
  S7F19: async (ctx) => s7.s7f20(await ctx.recipes.list()),
  S10F3: (ctx, body) => {
    const t = s10.parseTerminalText(body);
    return s10.s10Ack(4, ctx.terminal(t.terminal, [t.text]));
  },
  S10F5: (ctx, body) => {
    const t = s10.parseS10f5(body);
    return s10.s10Ack(6, ctx.terminal(t.terminal, t.lines));
  },
};

/** ACKC10 for a terminal id: Bondline has one terminal, id 0. */
export const terminalAck = (terminal: number): number =>
  terminal === 0 ? ACKC10.accepted : ACKC10.terminalNotAvailable;
