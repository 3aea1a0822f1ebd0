// Spooling handlers: S2F43 selects what is spooled, S6F23 delivers (RSDC 0) or purges (RSDC 1).

import type { IdRef } from '../messages/message-helpers.js';
import { parseS2f43, parseS6f23, type SpoolReply, s2f44, s6f24 } from '../messages/s2-s6-spool.js';
import { RSDA } from '../spool/spool.js';
import { checkSpoolStreams, type KnownMessages, RSPACK, STRACK } from '../spool/spool-streams.js';
import type { EquipmentContext, EquipmentHandler } from './equipment-context.js';

/**
 * Spool access the handlers need; absent when the equipment runs without a spool. `setStreams` and
 * `purge` resolve once the change is on disk: the reply acknowledging it waits for that.
 */
export interface SpoolPort {
  setStreams(
    req: { stream: number; functions: number[] }[],
  ): Promise<
    { ok: true } | { ok: false; rejections: { stream: number; strack: number; functions: number[] }[] }
  >;
  startTransmit(): number;
  purge(): Promise<number>;
}

const spoolOf = (ctx: EquipmentContext): SpoolPort | undefined => ctx.spool;
const isU1 = (v: number | undefined): v is number => v !== undefined && v <= 0xff;

// The primaries this equipment sends that may be spooled: alarms (S5F1), trace data (S6F1), event
// reports (S6F11) and terminal requests (S10F1). E5 STRACK 2/3 refuse any other stream or function.
const SPOOLABLE = new Map<number, ReadonlySet<number>>([
  [5, new Set([1])],
  [6, new Set([1, 11])],
  [10, new Set([1])],
]);
const equipmentSends: KnownMessages = (stream, fn) =>
  fn === undefined ? SPOOLABLE.has(stream) : SPOOLABLE.get(stream)?.has(fn) === true;

export const SPOOL_HANDLERS: Record<string, EquipmentHandler> = {
  S2F43: async (ctx, body) => {
    const wire = parseS2f43(body);
    const spool = spoolOf(ctx);
    if (spool === undefined)
      return s2f44({
        rspack: RSPACK.rejected,
        rejections: wire.map((r) => ({ stream: r.stream.item, strack: STRACK.notAllowed, functions: [] })),
      });
    // A STRID or FCNID that is not a U1 value names no stream or function: STRACK 2 / 3, echoed as
    // received (all or nothing, like every other refusal).
    const unknown: SpoolReply<IdRef>['rejections'] = [];
    for (const r of wire) {
      const fns = r.functions.filter((f) => !isU1(f.value)).map((f) => f.item);
      if (!isU1(r.stream.value))
        unknown.push({ stream: r.stream.item, strack: STRACK.unknownStream, functions: [] });
      else if (fns.length > 0)
        unknown.push({ stream: r.stream.item, strack: STRACK.unknownFunction, functions: fns });
    }
    if (unknown.length > 0) return s2f44({ rspack: RSPACK.rejected, rejections: unknown });
    const req = wire.map((r) => ({ stream: r.stream.value!, functions: r.functions.map((f) => f.value!) }));
    const known = checkSpoolStreams(req, equipmentSends);
    const r = known.ok ? await spool.setStreams(req) : known;
    return s2f44(
      r.ok ? { rspack: RSPACK.ok, rejections: [] } : { rspack: RSPACK.rejected, rejections: r.rejections },
    );
  },
  S6F23: async (ctx, body) => {
    const rsdc = parseS6f23(body);
    const spool = spoolOf(ctx);
    if (spool === undefined) return s6f24(RSDA.noData);
    if (rsdc === 1) return s6f24(await spool.purge());
    const rsda = spool.startTransmit();
    // The reply goes out first; delivery starts on the next turn so S6F24 precedes the first spooled message.
    if (rsda === RSDA.ok) setImmediate(() => ctx.deliverSpool());
    return s6f24(rsda);
  },
};
