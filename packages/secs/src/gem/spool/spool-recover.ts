// Opening the spool's files after whatever happened to the process: the spool document, the head
// (which segment generation is current and where its first undelivered record starts) and the intact
// records of that segment. A torn last record is cut off; a segment orphaned by an interrupted
// generation switch is removed; a head that does not point at a record start is reported, not guessed
// around.

import { type FileHandle, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentStore } from '../store/document-store.js';
import { durableFlags, fileReadAt, type ReadAt, readFully } from '../store/positional-io.js';
import { StoreError } from '../store/store-error.js';
import { HeadFile } from './spool-head.js';
import { readMeta, type SpoolMeta } from './spool-meta.js';
import { type ScannedRecord, scanRecords } from './spool-record.js';

/** Wraps the positional reads of recovery (tests inject short reads); identity by default. */
export type ReadWrap = (read: ReadAt) => ReadAt;

/** What opening found; the handles stay open for the spool's life. */
export interface RecoveredSpool {
  store: DocumentStore;
  meta: SpoolMeta;
  head: HeadFile;
  /** The current segment, open for reading and durable writing. */
  fh: FileHandle;
  generation: number;
  /** The intact records of the segment, delivered ones included. */
  records: ScannedRecord[];
  /** Where the intact records end (the segment was cut there). */
  validEnd: number;
  /** Segment offset of the first undelivered record (validEnd when none). */
  headOffset: number;
}

/** The file of segment generation `g`. */
export function segmentPath(dir: string, g: number): string {
  return join(dir, `spool-${g}.seg`);
}

/**
 * Open (or create) the files in `dir`. Reads loop until every byte is read: a short read is not the
 * end of the file. `readWrap` wraps the reads (tests inject short reads).
 */
export async function recoverSpool(
  dir: string,
  sync: boolean,
  readWrap: ReadWrap = (read) => read,
): Promise<RecoveredSpool> {
  const store = await DocumentStore.open(dir, { sync });
  const meta = await readMeta(store);
  const head = await HeadFile.open(join(dir, 'spool-head.bin'), sync, readWrap);
  const h = head.initial ?? { generation: 0, offset: 0 };
  let fh: FileHandle | undefined;
  try {
    // A crash between creating the next generation and moving the head leaves an orphan after it; a
    // crash before deleting the previous one leaves that.
    await rm(segmentPath(dir, h.generation + 1), { force: true });
    if (h.generation > 0) await rm(segmentPath(dir, h.generation - 1), { force: true });
    await (await open(segmentPath(dir, h.generation), 'a')).close();
    fh = await open(segmentPath(dir, h.generation), durableFlags(sync).flags);
    const buf = Buffer.alloc((await fh.stat()).size);
    const got = await readFully(readWrap(fileReadAt(fh)), buf, 0);
    const { records, validEnd } = scanRecords(buf.subarray(0, got));
    if (validEnd < buf.length) await fh.truncate(validEnd); // torn last append
    if (h.offset > validEnd || (h.offset < validEnd && !records.some((r) => r.offset === h.offset)))
      throw new StoreError(
        'corrupt-document',
        'spool-head',
        `spool head offset ${h.offset} is not a record start`,
      );
    return { store, meta, head, fh, generation: h.generation, records, validEnd, headOffset: h.offset };
  } catch (err) {
    await Promise.all([fh?.close(), head.close()]);
    throw err;
  }
}
