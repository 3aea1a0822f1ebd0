import type { OutgoingMessage } from './session-types.js';
import type { HsmsMessage } from './transactions.js';

/** A handler's answer: the reply to send, or nothing (it may call `reply` itself). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler written as statements returns void
export type HandlerResult = OutgoingMessage | undefined | void;

/** What to do with an incoming primary: return the reply (sent if the primary has W) or nothing. */
export type MessageHandler = (message: HsmsMessage) => HandlerResult | Promise<HandlerResult>;

/**
 * Call a handler, sync or async, routing its answer to `reply` and any throw or rejection to
 * `failed`, so that user code can never break the session's receive path.
 */
export function runHandler(
  handler: MessageHandler,
  message: HsmsMessage,
  out: { reply(r: HandlerResult): void; failed(err: unknown): void },
): void {
  let result: ReturnType<MessageHandler>;
  try {
    result = handler(message);
  } catch (err) {
    out.failed(err);
    return;
  }
  if (result instanceof Promise) result.then((r) => out.reply(r), out.failed);
  else out.reply(result);
}
