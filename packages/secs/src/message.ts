// A SECS-II data message without transport fields: HSMS adds session id and system bytes.

import type { Item } from './item/item.js';

/** A SECS-II data message: stream (0..127), function (0..255), W bit, optional body item. */
export interface SecsMessage {
  stream: number;
  function: number;
  /** Reply wanted. */
  wBit: boolean;
  /** The body; absent for a header-only message such as `S1F1 W.` */
  body?: Item;
}
