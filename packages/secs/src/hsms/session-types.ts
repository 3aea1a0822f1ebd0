import type { Clock } from './clock.js';
import type { CommLog } from './comm-log.js';
import type { HsmsConfigInput } from './config.js';
import type { HsmsState } from './connection-state.js';
import type { HsmsError } from './errors.js';
import type { HsmsMessage } from './transactions.js';

/** A data message to send. `wBit` defaults to false; `body` to empty. */
export interface OutgoingMessage {
  stream: number;
  function: number;
  wBit?: boolean;
  body?: Uint8Array;
}

/** Which side of the connection this session plays (E37: the active side sends Select.req). */
export type HsmsRole = 'active' | 'passive';

export interface HsmsEvents {
  /** A state transition. */
  state: { from: HsmsState; to: HsmsState };
  /** A data message for another session id. GEM answers it with S9F1 (its body is `header`). */
  'unknown-device': { message: HsmsMessage; header: Uint8Array };
  /**
   * A data message over `maxMessageBytes` arrived while selected. Its body was discarded unread
   * (`message.body` is empty) and the link stays up; GEM answers with S9F11 (its body is `header`).
   * A reply of this kind also fails the transaction it answers with `message-too-large`.
   */
  'message-too-large': { message: HsmsMessage; header: Uint8Array; declaredLength: number };
  /** The peer sent Reject.req for one of our messages. */
  rejected: { systemBytes: number; reason: number; rejectedType: number };
  /** A failure not tied to a promise: timeouts that close the link, bad frames, handler failures. */
  error: HsmsError;
}

export interface HsmsSessionOptions extends HsmsConfigInput {
  clock?: Clock;
  log?: CommLog;
}
