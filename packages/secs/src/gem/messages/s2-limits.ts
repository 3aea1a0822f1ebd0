// Limits monitoring: S2F45/S2F46 (define variable limit attributes), S2F47/S2F48 (request them).

import { A, B, F8, L } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { type ItemReader, readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import {
  ack,
  type IdRef,
  id,
  idItem,
  message,
  readAck,
  readId,
  readWireId,
  readWireIds,
  type WireId,
} from './message-helpers.js';

// E5 gives LIMITID format 10: one byte of B (secsgem's data item table agrees), not an integer item.
// Sent as B [1]; read from B [1] or, to be lenient with hosts that send it so, from any integer item.
// A value that is not a byte (only possible when echoing a lenient host's integer in S2F46) keeps U4.
const limitIdItem = (n: IdRef): Item =>
  typeof n !== 'number' ? n : Number.isInteger(n) && n >= 0 && n <= 255 ? B([n]) : id(n);
function readLimitId(r: ItemReader): number {
  if (r.is('B')) {
    const b = r.binary();
    if (b.length === 1) return b[0]!;
  }
  return readId(r);
}
/** A LIMITID in a request, as received (see WireId): B [1], or leniently any one integer. */
function readWireLimitId(r: ItemReader): WireId {
  const it = r.present();
  if (it.format === 'B' && it.value.length === 1) return { item: it, value: it.value[0]! };
  return readWireId(r, false);
}

/** One limit: a deadband to set, or undefined to delete that LIMITID. */
interface LimitDef {
  limitId: number;
  deadband?: { upper: number | string; lower: number | string };
}
export interface VariableLimits {
  vid: number;
  /** Empty: delete every limit of the variable. */
  limits: LimitDef[];
}
export interface LimitsReply<I extends IdRef = number> {
  vlaack: number;
  /** The equipment echoes an unknown VID or LIMITID as received. */
  rejections: { vid: I; lvack: number; limits: { limitId: I; limitack: number }[] }[];
}
/** S2F48 data for one variable; `attributes` undefined = unknown variable or no limits capability (L,0). */
export interface LimitAttributesEntry<I extends IdRef = number> {
  /** The equipment echoes an unknown VID as received. */
  vid: I;
  attributes?: {
    units: string;
    limitMin: number;
    limitMax: number;
    limits: { limitId: number; upper: number; lower: number }[];
  };
}

const num = (v: number | string): Item => (typeof v === 'number' ? F8(v) : A(v));
// UPPERDB/LOWERDB may be any numeric format or ASCII holding a number (E5); unknown formats stay raw.
function readNum(r: ItemReader): unknown {
  const it = r.present();
  if (it.format === 'A') return it.value;
  if (it.format === 'L' || it.format === 'B' || it.format === 'BOOLEAN' || it.format === 'J') return it;
  const v = it.value[0];
  return it.value.length === 1 ? Number(v) : it;
}

/** S2F45 W: L[DATAID, L of L[VID, L of L[LIMITID, L[UPPERDB, LOWERDB] or L[0]]]]. */
export const s2f45 = (dataId: number, vars: readonly VariableLimits[]): SecsMessage =>
  message(
    2,
    45,
    true,
    L(
      id(dataId),
      L.from(
        vars.map((v) =>
          L(
            id(v.vid),
            L.from(
              v.limits.map((l) =>
                L(
                  limitIdItem(l.limitId),
                  l.deadband === undefined ? L() : L(num(l.deadband.upper), num(l.deadband.lower)),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
/** S2F45 as received: VIDs and LIMITIDs may name nothing here (see WireId). */
export function parseS2f45(
  body: Item | undefined,
): { vid: WireId; limits: { limitId: WireId; deadband?: { upper: unknown; lower: unknown } }[] }[] {
  const [, vars] = readItem(body).list(2);
  return vars!.list().map((v) => {
    const [vid, limits] = v.list(2);
    return {
      vid: readWireId(vid!),
      limits: limits!.list().map((l) => {
        const [lid, db] = l.list(2);
        const parts = db!.list();
        if (parts.length === 0) return { limitId: readWireLimitId(lid!) };
        const [u, lo] = db!.list(2);
        return { limitId: readWireLimitId(lid!), deadband: { upper: readNum(u!), lower: readNum(lo!) } };
      }),
    };
  });
}
/** S2F46: L[VLAACK, L of L[VID, LVACK, L[LIMITID, LIMITACK] or L[0]]]. */
export const s2f46 = (r: LimitsReply<IdRef>): SecsMessage =>
  message(
    2,
    46,
    false,
    L(
      ack(r.vlaack),
      L.from(
        r.rejections.map((x) => {
          const first = x.limits[0];
          return L(
            idItem(x.vid),
            ack(x.lvack),
            first === undefined ? L() : L(limitIdItem(first.limitId), ack(first.limitack)),
          );
        }),
      ),
    ),
  );
export function parseS2f46(body: Item | undefined): LimitsReply {
  const [a, list] = readItem(body).list(2);
  return {
    vlaack: readAck(a!),
    rejections: list!.list().map((r) => {
      const [v, lv, l] = r.list(3);
      const parts = l!.list();
      return {
        vid: readId(v!),
        lvack: readAck(lv!),
        limits:
          parts.length === 0 ? [] : [{ limitId: readLimitId(parts[0]!), limitack: readAck(l!.list(2)[1]!) }],
      };
    }),
  };
}

/** S2F47 W: L of VID (empty = all limit-capable variables). */
export const s2f47 = (vids: readonly number[]): SecsMessage => message(2, 47, true, L.from(vids.map(id)));
/** The VIDs of an S2F47 as received (see WireId). */
export const parseS2f47 = (body: Item | undefined): WireId[] => readWireIds(readItem(body));
/** S2F48: L of L[VID, L[UNITS, LIMITMIN, LIMITMAX, L of L[LIMITID, UPPERDB, LOWERDB]] or L[0]]. */
export const s2f48 = (entries: readonly LimitAttributesEntry<IdRef>[]): SecsMessage =>
  message(
    2,
    48,
    false,
    L.from(
      entries.map((e) =>
        L(
          idItem(e.vid),
          e.attributes === undefined
            ? L()
            : L(
                A(e.attributes.units),
                F8(e.attributes.limitMin),
                F8(e.attributes.limitMax),
                L.from(e.attributes.limits.map((l) => L(limitIdItem(l.limitId), F8(l.upper), F8(l.lower)))),
              ),
        ),
      ),
    ),
  );
export function parseS2f48(body: Item | undefined): LimitAttributesEntry[] {
  return readItem(body)
    .list()
    .map((r) => {
      const [v, a] = r.list(2);
      const parts = a!.list();
      if (parts.length === 0) return { vid: readId(v!) };
      const [u, mn, mx, ls] = a!.list(4);
      return {
        vid: readId(v!),
        attributes: {
          units: u!.ascii(),
          limitMin: mn!.float(),
          limitMax: mx!.float(),
          limits: ls!.list().map((l) => {
            const [i, up, lo] = l.list(3);
            return { limitId: readLimitId(i!), upper: up!.float(), lower: lo!.float() };
          }),
        },
      };
    });
}
