// The HSMS frame on the wire (SEMI E37): a 4-byte big-endian length, a 10-byte header, the body.
// Pure: no sockets, no clock. The session layer owns those.

/** Bytes in the length prefix. */
export const LENGTH_BYTES = 4;
/** Bytes in the message header. */
export const HEADER_BYTES = 10;
/** Default cap on the declared length (header + body), bytes: 16 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** SType values (header byte 5). */
export const SType = {
  data: 0,
  selectReq: 1,
  selectRsp: 2,
  deselectReq: 3,
  deselectRsp: 4,
  linktestReq: 5,
  linktestRsp: 6,
  rejectReq: 7,
  separateReq: 9,
} as const;
export type STypeCode = (typeof SType)[keyof typeof SType];

/**
 * A decoded HSMS header. For data messages (`sType` 0) `stream` is bits 0-6 of byte 2 and `wBit`
 * its top bit. For control messages `stream` is the whole of byte 2 (in Reject.req the rejected
 * SType/PType, which may exceed 127) and `wBit` is false; `function` is byte 3 (status/reason).
 */
export interface HsmsHeader {
  /** Session (device) id, 0..0xFFFF. */
  sessionId: number;
  stream: number;
  function: number;
  wBit: boolean;
  /** Presentation type, 0 = SECS-II. */
  pType: number;
  sType: number;
  /** Transaction id, uint32. */
  systemBytes: number;
}

/** A whole frame: header plus body (the SECS-II item bytes; empty for header-only messages). */
export interface HsmsFrame {
  header: HsmsHeader;
  body: Uint8Array;
}

function checkUint(name: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max)
    throw new RangeError(`HSMS header ${name} ${v} is not in 0..${max}`);
}

/** Write a 10-byte header into `out` at `offset`. Throws RangeError on out-of-range fields (programmer error). */
export function writeHeader(h: HsmsHeader, out: Uint8Array, offset = 0): void {
  checkUint('sessionId', h.sessionId, 0xffff);
  checkUint('stream', h.stream, h.wBit ? 0x7f : 0xff);
  checkUint('function', h.function, 0xff);
  checkUint('pType', h.pType, 0xff);
  checkUint('sType', h.sType, 0xff);
  checkUint('systemBytes', h.systemBytes, 0xffffffff);
  out[offset] = h.sessionId >>> 8;
  out[offset + 1] = h.sessionId & 0xff;
  out[offset + 2] = (h.wBit ? 0x80 : 0) | h.stream;
  out[offset + 3] = h.function;
  out[offset + 4] = h.pType;
  out[offset + 5] = h.sType;
  out[offset + 6] = h.systemBytes >>> 24;
  out[offset + 7] = (h.systemBytes >>> 16) & 0xff;
  out[offset + 8] = (h.systemBytes >>> 8) & 0xff;
  out[offset + 9] = h.systemBytes & 0xff;
}

/** Encode a header alone (10 bytes). */
export function encodeHeader(h: HsmsHeader): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES);
  writeHeader(h, out, 0);
  return out;
}

/** Decode the 10 header bytes at `offset` of `b` (caller guarantees they are there). */
export function decodeHeader(b: Uint8Array, offset = 0): HsmsHeader {
  const byte2 = b[offset + 2]!;
  const sType = b[offset + 5]!;
  const isData = sType === SType.data;
  return {
    sessionId: (b[offset]! << 8) | b[offset + 1]!,
    stream: isData ? byte2 & 0x7f : byte2,
    function: b[offset + 3]!,
    wBit: isData && (byte2 & 0x80) !== 0,
    pType: b[offset + 4]!,
    sType,
    systemBytes:
      (b[offset + 6]! * 0x1000000 + ((b[offset + 7]! << 16) | (b[offset + 8]! << 8) | b[offset + 9]!)) >>> 0,
  };
}

/**
 * Encode a whole frame (length + header + body) into one buffer, so that a socket can send it
 * with a single write.
 */
export function encodeFrame(header: HsmsHeader, body: Uint8Array = EMPTY): Buffer {
  const out = Buffer.allocUnsafe(LENGTH_BYTES + HEADER_BYTES + body.length);
  out.writeUInt32BE(HEADER_BYTES + body.length, 0);
  writeHeader(header, out, LENGTH_BYTES);
  out.set(body, LENGTH_BYTES + HEADER_BYTES);
  return out;
}

/**
 * Encode a data frame (SType 0, PType 0) from its fields: the per-message path of a session, which
 * skips building and checking a header object. Same bytes as `encodeFrame`; RangeError on
 * out-of-range fields (programmer error).
 */
export function encodeDataFrame(
  sessionId: number,
  stream: number,
  fn: number,
  wBit: boolean,
  systemBytes: number,
  body: Uint8Array,
): Buffer {
  // One combined check; the fields are integers in range exactly when masking leaves them unchanged.
  if (
    (sessionId & 0xffff) !== sessionId ||
    (stream & 0x7f) !== stream ||
    (fn & 0xff) !== fn ||
    systemBytes >>> 0 !== systemBytes
  ) {
    throw new RangeError(
      `HSMS data header S${stream}F${fn} session ${sessionId} system ${systemBytes} out of range`,
    );
  }
  const n = body.length;
  const out = Buffer.allocUnsafe(LENGTH_BYTES + HEADER_BYTES + n);
  out.writeUInt32BE(HEADER_BYTES + n, 0);
  out[4] = sessionId >>> 8;
  out[5] = sessionId & 0xff;
  out[6] = wBit ? 0x80 | stream : stream;
  out[7] = fn;
  out[8] = 0;
  out[9] = 0;
  out.writeUInt32BE(systemBytes, 10);
  if (n > 0) out.set(body, LENGTH_BYTES + HEADER_BYTES);
  return out;
}

const EMPTY = new Uint8Array(0);
