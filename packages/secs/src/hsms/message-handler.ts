import type { OutgoingMessage } from './session-types.js';
import type { HsmsMessage } from './transactions.js';

/** A handler's answer: the reply to send, or nothing (it may call `reply` itself). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler written as statements returns void
export type HandlerResult = OutgoingMessage | undefined | void;

/** What to do with an incoming primary: return the reply (sent if the primary has W) or nothing. */
export type MessageHandler = (message: HsmsMessage) => HandlerResult | Promise<HandlerResult>;
