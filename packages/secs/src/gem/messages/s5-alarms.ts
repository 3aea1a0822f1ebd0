// Stream 5 alarms: S5F1..S5F8.

import { A, B, L, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { ALCD_SET } from './acks.js';
import {
  ack,
  id,
  message,
  readAck,
  readId,
  readWireId,
  readWireIds,
  type WireId,
} from './message-helpers.js';

/** An alarm report: ALCD (bit 8 set = alarm on, bits 1-7 category), ALID, ALTX (<= 120 chars). */
export interface AlarmReport {
  alcd: number;
  alid: number;
  altx: string;
}
/**
 * ALCD of an alarm: bit 8 set while the alarm is on, the category (E5: 1 personal safety .. 8 data
 * integrity, 9..63 other categories) in bits 1..7. A category that does not fit seven bits would
 * change the on/off bit, so it is a RangeError.
 */
export function alarmCode(set: boolean, category: number): number {
  if (!Number.isInteger(category) || category < 0 || category > 0x7f)
    throw new RangeError(`alarm category ${category} does not fit ALCD bits 1..7 (0..127)`);
  return (set ? ALCD_SET : 0) | category;
}

const alarm = (a: AlarmReport): Item => L(B([a.alcd]), id(a.alid), A(a.altx));
const readAlarm = (r: ReturnType<typeof readItem>): AlarmReport => {
  const [c, i, t] = r.list(3);
  return { alcd: readAck(c!), alid: readId(i!), altx: t!.ascii() };
};

/** S5F1 W: alarm report send. */
export const s5f1 = (a: AlarmReport): SecsMessage => message(5, 1, true, alarm(a));
export const parseS5f1 = (body: Item | undefined): AlarmReport => readAlarm(readItem(body));
/** S5F2: ACKC5. */
export const s5f2 = (ackc5: number): SecsMessage => message(5, 2, false, ack(ackc5));

/** S5F3 W: L[ALED, ALID]; ALED bit 8 = enable; an ALID of zero length means all alarms. */
export const s5f3 = (enable: boolean, alid?: number): SecsMessage =>
  message(5, 3, true, L(B([enable ? 0x80 : 0]), alid === undefined ? U4([]) : id(alid)));
/** ALID undefined: all alarms; otherwise as received (see WireId: E5 ALIDs are integers only). */
export function parseS5f3(body: Item | undefined): { enable: boolean; alid: WireId | undefined } {
  const [e, i] = readItem(body).list(2);
  const ep = e!.present();
  // ALED is B[1] (bit 8); BOOLEAN is accepted from hosts that send it.
  const enable = ep.format === 'BOOLEAN' ? e!.boolean() : (readAck(e!) & 0x80) !== 0;
  const ip = i!.present();
  return { enable, alid: ip.format !== 'L' && ip.value.length === 0 ? undefined : readWireId(i!, false) };
}
/** S5F4: ACKC5. */
export const s5f4 = (ackc5: number): SecsMessage => message(5, 4, false, ack(ackc5));

/** S5F5 W: list alarms; an empty list (or zero-length ALID) means all. */
export const s5f5 = (alids: readonly number[]): SecsMessage =>
  message(5, 5, true, alids.length === 1 ? id(alids[0]!) : U4(alids.slice()));
/**
 * The ALIDs of an S5F5: a list of ids or one integer item of any length (empty = all alarms). An
 * ALID that can name no alarm here (negative, above 2^32 - 1) reads as undefined.
 */
export function parseS5f5(body: Item | undefined): (number | undefined)[] {
  const r = readItem(body);
  const it = r.present();
  if (it.format === 'L') return readWireIds(r, false).map((w) => w.value);
  if (INTEGER_ARRAYS.has(it.format))
    return Array.from(it.value as ArrayLike<number | bigint>, (v) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
    });
  return [readWireId(r, false).value];
}
const INTEGER_ARRAYS: ReadonlySet<string> = new Set(['U1', 'U2', 'U4', 'U8', 'I1', 'I2', 'I4', 'I8']);
/** S5F6 / S5F8: L of L[ALCD, ALID, ALTX]. */
export const s5f6 = (alarms: readonly AlarmReport[]): SecsMessage =>
  message(5, 6, false, L.from(alarms.map(alarm)));
export const parseAlarmList = (body: Item | undefined): AlarmReport[] => readItem(body).list().map(readAlarm);
/** S5F7 W: list enabled alarms. */
export const s5f7 = (): SecsMessage => message(5, 7, true);
export const s5f8 = (alarms: readonly AlarmReport[]): SecsMessage =>
  message(5, 8, false, L.from(alarms.map(alarm)));
