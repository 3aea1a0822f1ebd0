// Stream 10 terminal services: S10F1..S10F6.

import { A, L } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { ack, message, readAck } from './message-helpers.js';

/** Terminal ids are B[1] (E5 TID). */
const tid = (n: number): Item => ack(n);

/** S10F1 W: terminal request (equipment to host), L[TID, TEXT]. */
export const s10f1 = (terminal: number, text: string): SecsMessage =>
  message(10, 1, true, L(tid(terminal), A(text)));
/** S10F3 W: terminal display, single (host to equipment), L[TID, TEXT]. */
export const s10f3 = (terminal: number, text: string): SecsMessage =>
  message(10, 3, true, L(tid(terminal), A(text)));
export function parseTerminalText(body: Item | undefined): { terminal: number; text: string } {
  const [t, x] = readItem(body).list(2);
  return { terminal: readAck(t!), text: x!.ascii() };
}
/** S10F5 W: terminal display, multi-block, L[TID, L of TEXT]. */
export const s10f5 = (terminal: number, lines: readonly string[]): SecsMessage =>
  message(10, 5, true, L(tid(terminal), L.from(lines.map((l) => A(l)))));
export function parseS10f5(body: Item | undefined): { terminal: number; lines: string[] } {
  const [t, x] = readItem(body).list(2);
  return { terminal: readAck(t!), lines: x!.list().map((r) => r.ascii()) };
}
/** S10F2 / S10F4 / S10F6: ACKC10. */
export const s10Ack = (fn: 2 | 4 | 6, ackc10: number): SecsMessage => message(10, fn, false, ack(ackc10));
