// Stream 7 process programs: S7F1..S7F6, S7F17..S7F20. PPBODY is sent as binary (B).

import { A, B, L, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { type ItemReader, ItemShapeError, readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { ack, message, readId } from './message-helpers.js';

/**
 * A PPID in a request: its text, or undefined for a binary one (E5 allows format 10, B), which names
 * no program here (Bondline's programs have text names) and is answered as an unknown PPID.
 */
function readPpid(r: ItemReader): string | undefined {
  return r.is('B') ? undefined : r.ascii();
}

/** S7F1 W: process program load inquire, L[PPID, LENGTH (bytes)]. */
export const s7f1 = (ppid: string, lengthBytes: number): SecsMessage =>
  message(7, 1, true, L(A(ppid), U4(lengthBytes)));
export function parseS7f1(body: Item | undefined): { ppid: string | undefined; lengthBytes: number } {
  const [p, n] = readItem(body).list(2);
  const lengthBytes = readId(n!);
  // LENGTH is a byte count: a signed item may carry it, a negative value is illegal data (S9F7).
  if (lengthBytes < 0) throw new ItemShapeError(n!.path, 'LENGTH >= 0', String(lengthBytes));
  return { ppid: readPpid(p!), lengthBytes };
}
/** S7F2: PPGNT. */
export const s7f2 = (ppgnt: number): SecsMessage => message(7, 2, false, ack(ppgnt));

/** S7F3 W: process program send, L[PPID, PPBODY]. */
export const s7f3 = (ppid: string, body: Uint8Array): SecsMessage => message(7, 3, true, L(A(ppid), B(body)));
/** PPBODY: B, or A taken byte for byte. */
function readPpbody(r: ItemReader): Uint8Array {
  const it = r.present();
  return new Uint8Array(it.format === 'A' ? Buffer.from(it.value, 'latin1') : r.binary());
}

/** Read L[PPID, PPBODY] (S7F3, S7F6); PPBODY may be B or A. */
export function parseProgram(body: Item | undefined): { ppid: string; body: Uint8Array } {
  const [p, b] = readItem(body).list(2);
  return { ppid: p!.ascii(), body: readPpbody(b!) };
}
/** S7F3 as the equipment reads it: a binary PPID reads as undefined (see `readPpid`). */
export function parseS7f3(body: Item | undefined): { ppid: string | undefined; body: Uint8Array } {
  const [p, b] = readItem(body).list(2);
  return { ppid: readPpid(p!), body: readPpbody(b!) };
}
/** S7F4: ACKC7. */
export const s7f4 = (ackc7: number): SecsMessage => message(7, 4, false, ack(ackc7));

/** S7F5 W: process program request. */
export const s7f5 = (ppid: string): SecsMessage => message(7, 5, true, A(ppid));
export const parsePpid = (body: Item | undefined): string | undefined => readPpid(readItem(body));
/** S7F6: L[PPID, PPBODY], or L[0] when the program cannot be sent (E5). */
export const s7f6 = (p: { ppid: string; body: Uint8Array } | undefined): SecsMessage =>
  message(7, 6, false, p === undefined ? L() : L(A(p.ppid), B(p.body)));
export function parseS7f6(body: Item | undefined): { ppid: string; body: Uint8Array } | undefined {
  return readItem(body).list().length === 0 ? undefined : parseProgram(body);
}

/** S7F17 W: delete process programs, L of PPID; an empty list deletes all. */
export const s7f17 = (ppids: readonly string[]): SecsMessage =>
  message(7, 17, true, L.from(ppids.map((p) => A(p))));
export const parsePpidList = (body: Item | undefined): string[] =>
  readItem(body)
    .list()
    .map((r) => r.ascii());
/** The PPIDs of an S7F17 (a binary one reads as undefined, see `readPpid`). */
export const parseS7f17 = (body: Item | undefined): (string | undefined)[] =>
  readItem(body).list().map(readPpid);
/** S7F18: ACKC7. */
export const s7f18 = (ackc7: number): SecsMessage => message(7, 18, false, ack(ackc7));
/** S7F19 W: current process program directory request. */
export const s7f19 = (): SecsMessage => message(7, 19, true);
/** S7F20: L of PPID. */
export const s7f20 = (ppids: readonly string[]): SecsMessage =>
  message(7, 20, false, L.from(ppids.map((p) => A(p))));
