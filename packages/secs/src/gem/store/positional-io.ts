// Whole reads and writes at a file position, on the libuv thread pool (fs/promises). A read or write
// may move fewer bytes than asked (signals, network file systems, large requests): that is not the end
// of the file, so both loop until every byte moved; only a read of 0 bytes is end-of-file.

import { constants, type FileHandle } from 'node:fs/promises';

/** One positional read: copy up to `length` bytes at `position` into `buffer[offset..]`; bytes read. */
export type ReadAt = (
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: number,
) => Promise<number>;

/** The positional read of an open file. */
export function fileReadAt(fh: FileHandle): ReadAt {
  return async (buffer, offset, length, position) =>
    (await fh.read(buffer, offset, length, position)).bytesRead;
}

/**
 * Fill `buffer` from `position`, looping over short reads. Returns the bytes read: `buffer.length`,
 * or fewer only when the file ends first.
 */
export async function readFully(read: ReadAt, buffer: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < buffer.length) {
    const n = await read(buffer, done, buffer.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** Write all of `bytes` at `position`, looping over short writes. */
export async function writeFully(fh: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, position + done);
    // A regular file reports a full disk as an error; 0 bytes would otherwise loop for ever.
    if (bytesWritten === 0) throw new Error(`write at ${position + done} made no progress`);
    done += bytesWritten;
  }
}

/**
 * Open flags for a file read and written in place whose writes must be durable: with `sync`, O_DSYNC
 * where the platform has it, so one write is the write and its fdatasync in a single trip to the
 * thread pool. `dsync` says whether it applies; when it does not, the caller fdatasyncs after writing.
 */
export function durableFlags(sync: boolean, extra = 0): { flags: number; dsync: boolean } {
  const dsync = sync && constants.O_DSYNC !== undefined;
  return { flags: constants.O_RDWR | extra | (dsync ? constants.O_DSYNC : 0), dsync };
}

// Bytes a copy moves per read and write: a compaction of a large spool never holds it all in memory.
const COPY_CHUNK = 1024 * 1024;

/**
 * Copy `length` bytes at `from` of `src` to `dst` at `to`, a chunk at a time. Rejects if `src` ends
 * first (the caller's idea of the file is wrong).
 */
export async function copyFully(
  src: FileHandle,
  from: number,
  length: number,
  dst: FileHandle,
  to: number,
): Promise<void> {
  const buf = Buffer.alloc(Math.min(length, COPY_CHUNK));
  for (let done = 0; done < length; ) {
    const chunk = buf.subarray(0, Math.min(buf.length, length - done));
    const got = await readFully(fileReadAt(src), chunk, from + done);
    if (got < chunk.length) throw new Error(`file ends at ${from + done + got}, copy needs ${from + length}`);
    await writeFully(dst, chunk, to + done);
    done += chunk.length;
  }
}
