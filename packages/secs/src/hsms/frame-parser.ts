// Streaming HSMS frame parser: socket chunks in, whole frames out. Pure: no sockets, no clock.
import type { Issue } from '@bondline/core';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  decodeHeader,
  HEADER_BYTES,
  type HsmsFrame,
  type HsmsHeader,
  LENGTH_BYTES,
} from './frame.js';

/**
 * Why the byte stream cannot be parsed further. The connection must be closed after any of these.
 * `message-too-large` only occurs when the parser has no `onOversize` callback (it then cannot skip).
 */
export type FrameIssueCode = 'length-too-short' | 'message-too-large';

/** A protocol error found in the byte stream; `offset` counts bytes from the start of the stream. */
export interface FrameIssue extends Issue<FrameIssueCode> {
  /** Byte offset of the offending length field in the whole stream. */
  readonly offset: number;
  readonly declaredLength: number;
}

/** A frame whose declared length exceeds the limit: its header was read, its body is being discarded. */
export interface OversizeFrame {
  header: HsmsHeader;
  /** The 10 header bytes as received (the MHEAD that an S9F11 reply carries). */
  headerBytes: Uint8Array;
  /** Declared length (header + body), bytes. */
  declaredLength: number;
  /** Byte offset of the frame's length field in the whole stream. */
  offset: number;
}

export interface FrameParserOptions {
  /** Largest accepted declared length (header + body), bytes. Default 16 MiB. */
  maxMessageBytes?: number;
  /**
   * With this callback an oversized frame is not fatal: once its header has arrived the callback
   * gets it, and the body is discarded as it arrives (never buffered), after which parsing goes on.
   * Without it an oversized length is a `message-too-large` FrameIssue.
   */
  onOversize?: (frame: OversizeFrame) => void;
}

const INITIAL_CAPACITY = 64 * 1024;
const SHRINK_ABOVE = 1024 * 1024;

/**
 * Streaming HSMS frame parser. Feed it socket chunks of any size with `push`; every whole frame is
 * passed to `onFrame` in order. Partial data is kept in one growing buffer with a read cursor
 * (compacted when the buffer is full), never re-concatenated per chunk. Declared lengths are
 * checked against `maxMessageBytes` before any buffer grows for them; an oversized frame is either
 * skipped (see `onOversize`) or an error. After a protocol error the parser is dead: `push` returns
 * the same error and ignores the bytes.
 *
 * Bodies of frames that arrive whole inside one chunk are views into that chunk (no copy); bodies
 * assembled across chunks are fresh copies. Either way they stay valid after `push` returns.
 */
export class FrameParser {
  readonly maxMessageBytes: number;
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  private streamOffset = 0; // stream offset of buf[start]
  private failed: FrameIssue | undefined;
  private skipRemaining = 0; // body bytes of an oversized frame still to discard
  private readonly onOversize: ((frame: OversizeFrame) => void) | undefined;

  constructor(
    private readonly onFrame: (frame: HsmsFrame) => void,
    options: FrameParserOptions = {},
  ) {
    this.onOversize = options.onOversize;
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!Number.isInteger(max) || max < HEADER_BYTES || max > 0xffffffff) {
      throw new RangeError(`maxMessageBytes ${max} is not an integer in ${HEADER_BYTES}..${0xffffffff}`);
    }
    this.maxMessageBytes = max;
  }

  /** Bytes received but not yet part of a whole frame. */
  get pending(): number {
    return this.end - this.start;
  }

  /** Body bytes of an oversized frame still to be discarded. */
  get skipping(): number {
    return this.skipRemaining;
  }

  /** True between the first and the last byte of a frame (buffered or being skipped): T8 applies. */
  get midFrame(): boolean {
    return this.end > this.start || this.skipRemaining > 0;
  }

  /** The protocol error that stopped the parser, if any. */
  get error(): FrameIssue | undefined {
    return this.failed;
  }

  /** Consume a chunk. Returns a FrameIssue when the stream is broken, otherwise undefined. */
  push(input: Uint8Array): FrameIssue | undefined {
    if (this.failed !== undefined) return this.failed;
    let chunk = input;
    if (this.skipRemaining > 0) {
      // Discard without copying; what follows the skipped body is parsed as usual.
      const n = Math.min(this.skipRemaining, chunk.length);
      this.skipRemaining -= n;
      this.streamOffset += n;
      chunk = chunk.subarray(n);
    }
    if (chunk.length === 0) return undefined;
    if (this.start === this.end) {
      // Fast path: nothing buffered, parse straight from the chunk and keep only the tail.
      const used = this.parse(chunk, 0, chunk.length, false);
      if (this.failed !== undefined) return this.failed;
      if (used < chunk.length) this.append(chunk, used);
      return undefined;
    }
    this.append(chunk, 0);
    const used = this.parse(this.buf, this.start, this.end, true);
    if (this.failed !== undefined) return this.failed;
    this.start = used;
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
      // Do not hold on to the memory of one huge frame for the life of the connection.
      if (this.buf.length > SHRINK_ABOVE) this.buf = Buffer.alloc(0);
    }
    return undefined;
  }

  // Parse whole frames from src[from..to); returns the index of the first unconsumed byte.
  // `onFrame` is expected not to throw (the session catches its own handler errors).
  private parse(src: Uint8Array, from: number, to: number, copyBodies: boolean): number {
    let i = from;
    while (to - i >= LENGTH_BYTES) {
      const length = ((src[i]! << 24) | (src[i + 1]! << 16) | (src[i + 2]! << 8) | src[i + 3]!) >>> 0;
      if (length > this.maxMessageBytes && length >= HEADER_BYTES && this.onOversize !== undefined) {
        if (to - i < LENGTH_BYTES + HEADER_BYTES) break; // wait for the header (14 bytes at most buffered)
        i = this.skipOversized(src, i, to, length);
        if (copyBodies) this.start = i;
        continue;
      }
      if (length < HEADER_BYTES || length > this.maxMessageBytes) {
        const offset = this.streamOffset;
        this.failed =
          length < HEADER_BYTES
            ? {
                code: 'length-too-short',
                message: `HSMS length ${length} at byte offset ${offset} is below the 10-byte header`,
                offset,
                declaredLength: length,
              }
            : {
                code: 'message-too-large',
                message: `HSMS length ${length} at byte offset ${offset} exceeds the ${this.maxMessageBytes}-byte limit`,
                offset,
                declaredLength: length,
              };
        return i;
      }
      const frameEnd = i + LENGTH_BYTES + length;
      if (frameEnd > to) break;
      const header = decodeHeader(src, i + LENGTH_BYTES);
      const bodyStart = i + LENGTH_BYTES + HEADER_BYTES;
      let body: Uint8Array;
      if (copyBodies) {
        body = Buffer.allocUnsafe(frameEnd - bodyStart);
        body.set(src.subarray(bodyStart, frameEnd));
        this.start = frameEnd;
      } else {
        body = src.subarray(bodyStart, frameEnd);
      }
      this.streamOffset += frameEnd - i;
      i = frameEnd;
      this.onFrame({ header, body });
    }
    return i;
  }

  // Report the oversized frame at src[i] (its header is there) and discard as much of its body as
  // src holds; the rest is discarded by `push`. Returns the index after the discarded bytes.
  private skipOversized(src: Uint8Array, i: number, to: number, length: number): number {
    const headerAt = i + LENGTH_BYTES;
    const headerBytes = Buffer.allocUnsafe(HEADER_BYTES);
    headerBytes.set(src.subarray(headerAt, headerAt + HEADER_BYTES));
    const info: OversizeFrame = {
      header: decodeHeader(headerBytes),
      headerBytes,
      declaredLength: length,
      offset: this.streamOffset,
    };
    const bodyBytes = length - HEADER_BYTES;
    const here = Math.min(bodyBytes, to - headerAt - HEADER_BYTES);
    this.skipRemaining = bodyBytes - here;
    this.streamOffset += LENGTH_BYTES + HEADER_BYTES + here;
    this.onOversize!(info);
    return headerAt + HEADER_BYTES + here;
  }

  // Keep src[from..] in the internal buffer, growing or compacting it as needed.
  private append(src: Uint8Array, from: number): void {
    const n = src.length - from;
    if (this.end + n > this.buf.length) {
      const live = this.end - this.start;
      if (live + n <= this.buf.length && this.start > 0) {
        this.buf.copy(this.buf, 0, this.start, this.end);
      } else {
        const next = Buffer.allocUnsafe(Math.max(INITIAL_CAPACITY, live + n, this.buf.length * 2));
        this.buf.copy(next, 0, this.start, this.end);
        this.buf = next;
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(src.subarray(from), this.end);
    this.end += n;
  }
}
