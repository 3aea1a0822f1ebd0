// What a GemEquipment reports on its `error` event: failures no caller is waiting for (an event
// report the host never acknowledged, a state write that failed, a handler that threw), each with a
// kebab-case code a program can switch on and the original error as `cause`.

import { HsmsError } from '../../hsms/errors.js';
import { StoreError } from '../store/store-error.js';
import { StateFileError } from './state-store.js';

/**
 * - `send-failed`: a primary the equipment sent (event report, alarm, trace, spooled message) got no
 *   reply or could not be written; `cause` is the HsmsError (`t3-timeout`, `not-connected`, ...).
 * - `not-spooled`: the spool refused a primary (full with OverWriteSpool false, its writes behind, or
 *   too large), or overwrote some before they reached the disk because its writes fell behind.
 * - `storage-failed`: persisting the equipment's state or spooling failed (StoreError, StateFileError,
 *   a file system error). A spool that failed refuses everything until the equipment restarts.
 * - `handler-failed`: answering a host primary failed (a handler or command runner threw, or the
 *   reply could not be written).
 * - `reply-overdue`: a handler still ran after T3; the primaries it raised went out before its reply.
 * - `internal-error`: anything else (a bug).
 */
export type GemEquipmentErrorCode =
  | 'send-failed'
  | 'not-spooled'
  | 'storage-failed'
  | 'handler-failed'
  | 'reply-overdue'
  | 'internal-error';

/** A failure of the equipment not tied to a caller, with its code and the original error as `cause`. */
export class GemEquipmentError extends Error {
  override readonly name = 'GemEquipmentError';
  constructor(
    readonly code: GemEquipmentErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** `err` as the equipment emits it: a GemEquipmentError as it is, other errors classified by kind. */
export function equipmentError(err: unknown): GemEquipmentError {
  if (err instanceof GemEquipmentError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new GemEquipmentError(codeOf(err), message, { cause: err });
}

function codeOf(err: unknown): GemEquipmentErrorCode {
  if (err instanceof HsmsError) return 'send-failed';
  if (err instanceof StoreError || err instanceof StateFileError) return 'storage-failed';
  // Node's file system errors carry the system call that failed.
  if (err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string')
    return 'storage-failed';
  return 'internal-error';
}
