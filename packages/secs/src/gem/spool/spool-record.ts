// Spool segment records: `u32 payload length | u32 CRC-32 of payload | payload`, payload =
// `u64 sequence | u8 stream | u8 function | u8 flags (bit 0 = W) | body bytes (encoded SECS-II item)`.
// All big-endian. A record whose length runs past the end of the file or whose CRC does not match is
// where a crash tore the last append; the scan stops there.

import { crc32 } from 'node:zlib';

/** A spooled primary message, body already encoded as SECS-II item bytes (empty = header only). */
export interface SpoolMessage {
  stream: number;
  function: number;
  wBit: boolean;
  body: Uint8Array;
}

/** A record found by `scanRecords`. */
export interface ScannedRecord {
  /** Byte offset of the record header in the segment. */
  offset: number;
  /** Total bytes including the 8-byte header. */
  size: number;
  seq: number;
}

const RECORD_HEADER = 8;
const PAYLOAD_FIXED = 11;

/** Encode one record (header + payload). */
export function encodeRecord(seq: number, m: SpoolMessage): Buffer {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`sequence ${seq} is not a safe integer`);
  const payloadLen = PAYLOAD_FIXED + m.body.length;
  const buf = Buffer.allocUnsafe(RECORD_HEADER + payloadLen);
  buf.writeUInt32BE(payloadLen, 0);
  buf.writeBigUInt64BE(BigInt(seq), 8);
  buf.writeUInt8(m.stream, 16);
  buf.writeUInt8(m.function, 17);
  buf.writeUInt8(m.wBit ? 1 : 0, 18);
  buf.set(m.body, 19);
  buf.writeUInt32BE(crc32(buf.subarray(RECORD_HEADER)), 4);
  return buf;
}

/** Decode the record that starts at `offset` of `buf` (which must hold the whole record). */
export function decodeRecord(buf: Uint8Array, offset = 0): { seq: number; message: SpoolMessage } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const p = offset + RECORD_HEADER;
  const len = b.readUInt32BE(offset);
  return {
    seq: Number(b.readBigUInt64BE(p)),
    message: {
      stream: b.readUInt8(p + 8),
      function: b.readUInt8(p + 9),
      wBit: (b.readUInt8(p + 10) & 1) === 1,
      body: new Uint8Array(b.subarray(p + PAYLOAD_FIXED, p + len)), // plain copy, not a Buffer view
    },
  };
}

/**
 * Walk the records of a segment from `from`; stops at the end or at the first torn or damaged record.
 * `validEnd` is where the good records end: everything after it is debris of an interrupted append.
 */
export function scanRecords(buf: Uint8Array, from = 0): { records: ScannedRecord[]; validEnd: number } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: ScannedRecord[] = [];
  let off = from;
  while (off + RECORD_HEADER <= b.length) {
    const len = b.readUInt32BE(off);
    if (len < PAYLOAD_FIXED || off + RECORD_HEADER + len > b.length) break;
    const payload = b.subarray(off + RECORD_HEADER, off + RECORD_HEADER + len);
    if (crc32(payload) !== b.readUInt32BE(off + 4)) break;
    records.push({ offset: off, size: RECORD_HEADER + len, seq: Number(payload.readBigUInt64BE(0)) });
    off += RECORD_HEADER + len;
  }
  return { records, validEnd: off };
}
