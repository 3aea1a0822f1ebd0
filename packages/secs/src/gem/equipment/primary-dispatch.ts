// Routing of the host's primaries to the per-stream handler tables, with the E30/E5 gates in front:
// S9 for what cannot be decoded or is not implemented, SxF0 for what the current communication or
// control state does not allow.

import type { HandlerResult } from '../../hsms/message-handler.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import type { HsmsMessage } from '../../hsms/transactions.js';
import { ItemShapeError } from '../../item/reader.js';
import { isProgrammerError } from '../../programmer-error.js';
import { AnsweredFailure } from '../messages/message-helpers.js';
import { headerBytes, S9 } from '../messages/s9-errors.js';
import type { CommunicationState } from '../state/communication-state.js';
import { type ControlState, isOnline } from '../state/control-state.js';
import type { EquipmentContext, EquipmentHandler } from './equipment-context.js';
import { LIMITS_HANDLERS } from './handle-limits.js';
import { S1_HANDLERS } from './handle-s1.js';
import { S2_HANDLERS } from './handle-s2.js';
import { S5_S10_HANDLERS } from './handle-s5-s10.js';
import { SPOOL_HANDLERS } from './handle-spool.js';
import { TRACE_HANDLERS } from './handle-trace.js';

const HANDLERS: Record<string, EquipmentHandler> = {
  ...S1_HANDLERS,
  ...S2_HANDLERS,
  ...S5_S10_HANDLERS,
  ...SPOOL_HANDLERS,
  ...TRACE_HANDLERS,
  ...LIMITS_HANDLERS,
};
const STREAMS = new Set(Object.keys(HANDLERS).map((k) => Number(/^S(\d+)/.exec(k)![1])));
// Primaries the equipment answers while not ONLINE (E30 4.3.2: others get SxF0).
const OFFLINE_ALLOWED = new Set(['S1F13', 'S1F17']);

/** What the dispatcher needs from the equipment. */
export interface DispatchPort {
  readonly ctx: EquipmentContext;
  communicationState(): CommunicationState;
  /** An S1F13 arrived (the communication state model moves on it before the handler answers). */
  crReceived(): void;
  controlState(): ControlState;
  /** Send S9F`fn` carrying the 10-byte header of the offending message (errors are swallowed). */
  sendS9(fn: number, header: Uint8Array): void;
  /** A handler failed (not a malformed message); the host got SxF0 or the handler's E5 answer. */
  handlerFailed?(err: Error): void;
  /** Largest reply body (the session's maxMessageBytes less the header): a larger one is SxF0. */
  maxBodyBytes(): number;
}

/** Answer one primary: the reply to send, or undefined (no reply, or S9 sent instead). */
export async function dispatchPrimary(port: DispatchPort, m: HsmsMessage): Promise<HandlerResult> {
  const key = `S${m.stream}F${m.function}`;
  const abort = (): HandlerResult => (m.wBit ? { stream: m.stream, function: 0 } : undefined);
  const decoded = toSecsMessage(m);
  if (!decoded.ok) {
    const tooLarge = decoded.issues.some((i) => i.code === 'message-too-large');
    port.sendS9(tooLarge ? S9.dataTooLong : S9.illegalData, headerBytes(m));
    return undefined;
  }
  const handler = HANDLERS[key];
  if (handler === undefined) {
    port.sendS9(STREAMS.has(m.stream) ? S9.unrecognizedFunction : S9.unrecognizedStream, headerBytes(m));
    return undefined;
  }
  if (key === 'S1F13') port.crReceived();
  else if (!(await communicating(port))) return abort();
  if (!isOnline(port.controlState()) && !OFFLINE_ALLOWED.has(key)) return abort();
  try {
    const reply = await handler(port.ctx, decoded.value.body, m);
    return reply === undefined ? undefined : toOutgoing(reply, { maxBodyBytes: port.maxBodyBytes() });
  } catch (err) {
    if (err instanceof ItemShapeError) {
      port.sendS9(S9.illegalData, headerBytes(m));
      return undefined;
    }
    // A bug is not the host's business: no SxF0 or acknowledge code stands in for it; the caller
    // reports it and the host's transaction runs into T3.
    if (isProgrammerError(err)) throw err;
    // The host gets an answer either way (else it would wait out T3); the tool learns what failed.
    reportFailure(port, err instanceof AnsweredFailure ? err.cause : err, key);
    if (err instanceof AnsweredFailure) return m.wBit ? toOutgoing(err.reply) : undefined;
    return abort();
  }
}

/**
 * Whether primaries are served. In WAIT CRA our S1F13 is out: a host's S1F14 that arrived in the same
 * read as this primary has been parsed but its continuation (the move to COMMUNICATING) is still queued
 * as promise jobs, which all run before a setImmediate callback. Judging after that hop serves a
 * primary the host sent after its S1F14, as E30 wants, instead of aborting it.
 */
async function communicating(port: DispatchPort): Promise<boolean> {
  if (port.communicationState() === 'wait-cra') await new Promise((res) => setImmediate(res));
  return port.communicationState() === 'communicating';
}

function reportFailure(port: DispatchPort, cause: unknown, key: string): void {
  const text = cause instanceof Error ? cause.message : String(cause);
  const err = new Error(`handler for ${key} failed: ${text}`, { cause });
  if (port.handlerFailed !== undefined) port.handlerFailed(err);
  else process.emitWarning(err);
}
