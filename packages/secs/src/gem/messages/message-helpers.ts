// Small pieces shared by the GEM message layouts: building a SecsMessage, the one-byte B acknowledge,
// and reading IDs, which hosts send in whatever unsigned/signed integer width they like.

import { A, B, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { type ItemReader, ItemShapeError } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';

/** A message with or without a body. */
export function message(stream: number, fn: number, wBit: boolean, body?: Item): SecsMessage {
  return body === undefined ? { stream, function: fn, wBit } : { stream, function: fn, wBit, body };
}

/** One-byte binary acknowledge (E5 acknowledge codes are `B[1]`). */
export const ack = (code: number): Item => B([code]);

/** Read a one-byte acknowledge; U1 is accepted too (some hosts send it). */
export function readAck(r: ItemReader): number {
  const it = r.present();
  if ((it.format === 'B' || it.format === 'U1') && it.value.length === 1) return it.value[0]!;
  throw new ItemShapeError(r.path, 'B [1]', it.format);
}

/** An ID item (E5 leaves the format open; Bondline sends U4). */
export const id = (n: number): Item => U4(n);

/** Read an ID of any integer width up to 32 bits (U4 ids above 2^31 included). */
export function readId(r: ItemReader): number {
  return r.integer(['U1', 'U2', 'U4', 'I1', 'I2', 'I4', 'U8', 'I8']);
}

/** DATAID: E5 allows text or any integer; Bondline sends U4. */
export const dataIdItem = (d: number | string): Item => (typeof d === 'number' ? id(d) : A(d));

/** Read a DATAID, text or integer (hosts that send `<A "...">` are within E5). */
export function readDataId(r: ItemReader): number | string {
  return r.is('A') ? r.ascii() : readId(r);
}

/** A list of IDs, each its own item, as S1F3 / S2F13 / S5F5 lists carry them. */
export function readIds(r: ItemReader): number[] {
  return r.list().map(readId);
}

/** Largest id a model declares (ids are U4). */
const MAX_ID = 0xffffffff;
const INTEGER_FORMATS: ReadonlySet<string> = new Set(['U1', 'U2', 'U4', 'U8', 'I1', 'I2', 'I4', 'I8']);

/**
 * An id as a host sent it in a request: the item (echoed as received where the reply names the id)
 * and `value`, the number it names here, or undefined when it cannot name anything here (text, a
 * negative number, one above 2^32 - 1): an unknown id, answered with the E5 acknowledgement for that
 * message, never with SxF0.
 */
export interface WireId {
  readonly item: Item;
  readonly value: number | undefined;
}

/**
 * Read an id of any format E5 allows for it: one integer of any width, signed or not, or (`text`,
 * the default; E5 gives SVID, VID, ECID, CEID, RPTID, TRID format 20 as well) A. Anything else is not
 * an id (ItemShapeError, answered with S9F7).
 */
export function readWireId(r: ItemReader, text = true): WireId {
  const it = r.present();
  if (text && it.format === 'A') return { item: it, value: undefined };
  if (INTEGER_FORMATS.has(it.format) && it.value.length === 1) {
    const v = Number((it.value as ArrayLike<number | bigint>)[0]);
    return { item: it, value: Number.isInteger(v) && v >= 0 && v <= MAX_ID ? v : undefined };
  }
  throw new ItemShapeError(r.path, text ? 'an id (one integer, or A)' : 'an id (one integer)', it.format);
}

/** A list of ids as `readWireId` reads them. */
export function readWireIds(r: ItemReader, text = true): WireId[] {
  return r.list().map((m) => readWireId(m, text));
}

/** An id in a reply: a number (sent as U4), or the item a request carried, echoed as received. */
export type IdRef = number | Item;
export const idItem = (x: IdRef): Item => (typeof x === 'number' ? id(x) : x);

/**
 * Thrown by an equipment handler that failed for a reason of its own (a store's I/O error...) but has
 * an E5 answer for it: the dispatcher sends `reply` and reports `cause` to the tool.
 */
export class AnsweredFailure extends Error {
  constructor(
    readonly reply: SecsMessage,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'AnsweredFailure';
  }
}
