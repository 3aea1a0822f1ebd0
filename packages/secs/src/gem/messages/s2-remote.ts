// Stream 2 remote commands: S2F41/S2F42 (host command send) and S2F49/S2F50 (enhanced).

import { A, L } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readItem } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { ack, dataIdItem, message, readAck, readDataId } from './message-helpers.js';

export interface CommandParam {
  name: string;
  value: Item;
}
export interface RemoteCommand {
  rcmd: string;
  params: CommandParam[];
}
/** S2F49 adds a DATAID and an object specifier. */
export interface EnhancedRemoteCommand extends RemoteCommand {
  dataId: number | string;
  objspec: string;
}
/** The reply: HCACK and, for refused parameters, their CPACK. */
export interface CommandReply {
  hcack: number;
  params: { name: string; cpack: number }[];
}

const params = (ps: readonly CommandParam[]): Item => L.from(ps.map((p) => L(A(p.name), p.value)));
const readParams = (r: ReturnType<typeof readItem>): CommandParam[] =>
  r.list().map((p) => {
    const [n, v] = p.list(2);
    return { name: n!.ascii(), value: v!.present() };
  });

/** S2F41 W: L[RCMD, L of L[CPNAME, CPVAL]]. */
export const s2f41 = (c: RemoteCommand): SecsMessage => message(2, 41, true, L(A(c.rcmd), params(c.params)));
export function parseS2f41(body: Item | undefined): RemoteCommand {
  const [r, p] = readItem(body).list(2);
  return { rcmd: r!.ascii(), params: readParams(p!) };
}
/** S2F49 W: L[DATAID, OBJSPEC, RCMD, L of L[CPNAME, CPVAL]]. */
export const s2f49 = (c: EnhancedRemoteCommand): SecsMessage =>
  message(2, 49, true, L(dataIdItem(c.dataId), A(c.objspec), A(c.rcmd), params(c.params)));
export function parseS2f49(body: Item | undefined): EnhancedRemoteCommand {
  const [d, o, r, p] = readItem(body).list(4);
  return { dataId: readDataId(d!), objspec: o!.ascii(), rcmd: r!.ascii(), params: readParams(p!) };
}

const reply = (fn: number, r: CommandReply): SecsMessage =>
  message(2, fn, false, L(ack(r.hcack), L.from(r.params.map((p) => L(A(p.name), ack(p.cpack))))));
/** S2F42: L[HCACK, L of L[CPNAME, CPACK]]. */
export const s2f42 = (r: CommandReply): SecsMessage => reply(42, r);
/** S2F50: same layout as S2F42. */
export const s2f50 = (r: CommandReply): SecsMessage => reply(50, r);
export function parseCommandReply(body: Item | undefined): CommandReply {
  const [h, p] = readItem(body).list(2);
  return {
    hcack: readAck(h!),
    params: p!.list().map((e) => {
      const [n, c] = e.list(2);
      return { name: n!.ascii(), cpack: readAck(c!) };
    }),
  };
}
