/** Every expected HSMS failure, by literal code. */
export type HsmsErrorCode =
  | 'invalid-config' // a timer or limit outside its allowed range
  | 't3-timeout' // no reply to a data message within T3
  | 't6-timeout' // no response to a control message within T6
  | 't7-timeout' // connection not selected within T7
  | 't8-timeout' // a frame stalled between bytes for longer than T8
  | 'not-selected' // tried to send data outside the SELECTED state
  | 'not-connected' // tried to send with no connection
  | 'connection-closed' // the connection closed while the transaction was open
  | 'rejected' // the peer answered with Reject.req
  | 'select-refused' // Select.rsp with a non-zero status
  | 'deselect-refused' // Deselect.rsp with a non-zero status
  | 'message-too-large' // a frame over the configured limit (ours or the peer's)
  | 'protocol-error' // malformed stream (length below 10) or unexpected message
  | 'handler-error' // the message handler threw or rejected
  | 'transport-error' // the socket reported an error
  | 'send-overflow' // the peer does not read: a frame would take the unsent bytes past maxOutboundBytes
  | 'send-stalled' // the peer took none of the unsent bytes above the high-water mark for outboundStallMs
  | 'transaction-overflow'; // the peer left maxOpenTransactions of our primaries unanswered

/** An expected HSMS failure: a typed error with a literal `code` and, where useful, details. */
export class HsmsError extends Error {
  override readonly name = 'HsmsError';
  readonly code: HsmsErrorCode;
  /** Reject.req reason, Select.rsp/Deselect.rsp status, when the code is about one. */
  readonly reason: number | undefined;
  /** The 10 header bytes of the message concerned (for `t3-timeout`: the MHEAD that GEM's S9F9 carries). */
  readonly header: Uint8Array | undefined;

  constructor(
    code: HsmsErrorCode,
    message: string,
    options: { reason?: number; header?: Uint8Array; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = options.reason;
    this.header = options.header;
  }
}
