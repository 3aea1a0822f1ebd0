// Stream 2 equipment constants and clock: S2F13..S2F18, S2F29..S2F32.

import { A, L } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import {
  ack,
  type IdRef,
  id,
  idItem,
  message,
  readId,
  readWireId,
  readWireIds,
  type WireId,
} from './message-helpers.js';

/** S2F13 W: equipment constant request (empty = all). */
export const s2f13 = (ecids: readonly number[]): SecsMessage => message(2, 13, true, L.from(ecids.map(id)));
/** The ECIDs of an S2F13 (also S2F29), each as received (see WireId). */
export const parseS2f13 = (body: Item | undefined): WireId[] => readWireIds(readItem(body));
/** S2F14: L of ECV (zero-length item for an unknown ECID). */
export const s2f14 = (values: readonly Item[]): SecsMessage => message(2, 14, false, L.from(values));
export const parseS2f14 = (body: Item | undefined): Item[] =>
  readItem(body)
    .list()
    .map((r) => r.present());

/** S2F15 W: new equipment constants, L of L[ECID, ECV]. */
export const s2f15 = (pairs: readonly { ecid: number; value: Item }[]): SecsMessage =>
  message(2, 15, true, L.from(pairs.map((p) => L(id(p.ecid), p.value))));
export function parseS2f15(body: Item | undefined): { ecid: WireId; value: Item }[] {
  return readItem(body)
    .list()
    .map((r) => {
      const [e, v] = r.list(2);
      return { ecid: readWireId(e!), value: v!.present() };
    });
}
/** S2F16: EAC. */
export const s2f16 = (eac: number): SecsMessage => message(2, 16, false, ack(eac));

/** S2F17 W: date and time request. */
export const s2f17 = (): SecsMessage => message(2, 17, true);
/** S2F18: TIME, A[16] YYYYMMDDhhmmsscc. */
export const s2f18 = (time: string): SecsMessage => message(2, 18, false, A(time));
export const parseTime = (body: Item | undefined): string => readItem(body).ascii();

/** S2F29 W: equipment constant namelist request (empty = all). */
export const s2f29 = (ecids: readonly number[]): SecsMessage => message(2, 29, true, L.from(ecids.map(id)));
export const parseS2f29 = parseS2f13;
/** One S2F30 entry: limits and default as items of the constant's type (A "" when absent). */
export interface ConstantNameEntry<I extends IdRef = number> {
  ecid: I;
  name: string;
  min: Item;
  max: Item;
  def: Item;
  unit: string;
}
/** S2F30: L of L[ECID, ECNAME, ECMIN, ECMAX, ECDEF, UNITS]. */
export const s2f30 = (entries: readonly ConstantNameEntry<IdRef>[]): SecsMessage =>
  message(
    2,
    30,
    false,
    L.from(entries.map((e) => L(idItem(e.ecid), A(e.name), e.min, e.max, e.def, A(e.unit)))),
  );
export function parseS2f30(body: Item | undefined): ConstantNameEntry[] {
  return readItem(body)
    .list()
    .map((r) => {
      const [e, n, mn, mx, d, u] = r.list(6);
      return {
        ecid: readId(e!),
        name: n!.ascii(),
        min: mn!.present(),
        max: mx!.present(),
        def: d!.present(),
        unit: u!.ascii(),
      };
    });
}

/** S2F31 W: date and time set. */
export const s2f31 = (time: string): SecsMessage => message(2, 31, true, A(time));
/** S2F32: TIACK. */
export const s2f32 = (tiack: number): SecsMessage => message(2, 32, false, ack(tiack));
