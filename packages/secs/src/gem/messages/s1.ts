// Stream 1 (equipment status) layouts of E5: S1F1..S1F4, S1F11..S1F18, S1F21..S1F24.

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
  readAck,
  readId,
  readIds,
  readWireIds,
  type WireId,
} from './message-helpers.js';

/** Equipment identity carried by S1F2 and S1F14 (empty list on the host side). */
export interface Identity {
  mdln: string;
  softrev: string;
}

/** S1F1 W: are you there. */
export const s1f1 = (): SecsMessage => message(1, 1, true);
/** S1F2: equipment sends L[MDLN, SOFTREV]; a host sends L[0] (pass undefined). */
export const s1f2 = (who?: Identity): SecsMessage =>
  message(1, 2, false, who === undefined ? L() : L(A(who.mdln), A(who.softrev)));
/** Read S1F2 / the inner list of S1F14: the identity, or undefined for a host's empty list. */
export function parseIdentity(body: Item | undefined, path = 'body'): Identity | undefined {
  const items = readItem(body, path).list();
  if (items.length === 0) return undefined;
  const [m, s] = readItem(body, path).list(2);
  return { mdln: m!.ascii(), softrev: s!.ascii() };
}

/** S1F3 W: selected status values; an empty list asks for all. */
export const s1f3 = (svids: readonly number[]): SecsMessage => message(1, 3, true, L.from(svids.map(id)));
/** The SVIDs of an S1F3 (also S1F11, S1F21, S1F23), each as received (see WireId). */
export const parseS1f3 = (body: Item | undefined): WireId[] => readWireIds(readItem(body));
/** S1F4: one value per requested SVID, in order (zero-length item for an unknown SVID, E5). */
export const s1f4 = (values: readonly Item[]): SecsMessage => message(1, 4, false, L.from(values));
export const parseS1f4 = (body: Item | undefined): Item[] =>
  readItem(body)
    .list()
    .map((r) => r.present());

/** A name entry of S1F12 / S1F22: id, name, units. The equipment echoes an unknown id as received. */
export interface NameEntry<I extends IdRef = number> {
  id: I;
  name: string;
  unit: string;
}
const nameList = (fn: number, entries: readonly NameEntry<IdRef>[]): SecsMessage =>
  message(1, fn, false, L.from(entries.map((e) => L(idItem(e.id), A(e.name), A(e.unit)))));
const parseNameList = (body: Item | undefined): NameEntry[] =>
  readItem(body)
    .list()
    .map((r) => {
      const [i, n, u] = r.list(3);
      return { id: readId(i!), name: n!.ascii(), unit: u!.ascii() };
    });

/** S1F11 W: status variable namelist request (empty = all). */
export const s1f11 = (svids: readonly number[]): SecsMessage => message(1, 11, true, L.from(svids.map(id)));
export const parseS1f11 = parseS1f3;
/** S1F12: L of L[SVID, SVNAME, UNITS]; unknown SVIDs have empty name and units (E5). */
export const s1f12 = (entries: readonly NameEntry<IdRef>[]): SecsMessage => nameList(12, entries);
export const parseS1f12 = parseNameList;

/** S1F13 W: establish communications request; equipment sends its identity, a host L[0]. */
export const s1f13 = (who?: Identity): SecsMessage =>
  message(1, 13, true, who === undefined ? L() : L(A(who.mdln), A(who.softrev)));
/** S1F14: L[COMMACK, L[MDLN, SOFTREV] or L[0]]. */
export const s1f14 = (commack: number, who?: Identity): SecsMessage =>
  message(1, 14, false, L(ack(commack), who === undefined ? L() : L(A(who.mdln), A(who.softrev))));
export function parseS1f14(body: Item | undefined): { commack: number; identity: Identity | undefined } {
  const [a, w] = readItem(body).list(2);
  return { commack: readAck(a!), identity: parseIdentity(w!.item, w!.path) };
}

/** S1F15 W: request offline. */
export const s1f15 = (): SecsMessage => message(1, 15, true);
/** S1F16: OFLACK. */
export const s1f16 = (oflack: number): SecsMessage => message(1, 16, false, ack(oflack));
/** S1F17 W: request online. */
export const s1f17 = (): SecsMessage => message(1, 17, true);
/** S1F18: ONLACK. */
export const s1f18 = (onlack: number): SecsMessage => message(1, 18, false, ack(onlack));
/** Read a body that is a single acknowledge code (S1F16, S1F18, S2F16, ...). */
export const parseAck = (body: Item | undefined): number => readAck(readItem(body));

/** S1F21 W: data variable namelist request (empty = all). */
export const s1f21 = (vids: readonly number[]): SecsMessage => message(1, 21, true, L.from(vids.map(id)));
/** S1F22: L of L[VID, DVVALNAME, UNITS]. */
export const s1f22 = (entries: readonly NameEntry<IdRef>[]): SecsMessage => nameList(22, entries);
export const parseS1f22 = parseNameList;

/** A collection event namelist entry of S1F24. */
export interface EventNameEntry<I extends IdRef = number> {
  ceid: I;
  name: string;
  vids: number[];
}
/** S1F23 W: collection event namelist request (empty = all). */
export const s1f23 = (ceids: readonly number[]): SecsMessage => message(1, 23, true, L.from(ceids.map(id)));
export const parseS1f23 = parseS1f3;
/** S1F24: L of L[CEID, CENAME, L of VID]. */
export const s1f24 = (entries: readonly EventNameEntry<IdRef>[]): SecsMessage =>
  message(1, 24, false, L.from(entries.map((e) => L(idItem(e.ceid), A(e.name), L.from(e.vids.map(id))))));
export function parseS1f24(body: Item | undefined): EventNameEntry[] {
  return readItem(body)
    .list()
    .map((r) => {
      const [c, n, v] = r.list(3);
      return { ceid: readId(c!), name: n!.ascii(), vids: readIds(v!) };
    });
}
