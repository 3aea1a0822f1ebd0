// The spool's slowly changing state, kept as the `spool` document of the store: the S2F43 selection,
// SpoolStartTime / SpoolFullTime and the sequence numbers behind SpoolCountTotal. Written on state
// changes only, never per message (the records themselves carry their sequence numbers).

import type { DocumentStore } from '../store/document-store.js';
import type { SpoolStreamRequest } from './spool-streams.js';

const META = 'spool';

export interface SpoolMeta {
  streams: SpoolStreamRequest[];
  startTime: number | null;
  fullTime: number | null;
  /** Sequence number the current activation started at (SpoolCountTotal = next - base + refused). */
  baseSeq: number;
  nextSeq: number;
  refused: number;
}

/** The stored spool document, or defaults for a new spool. */
export function readMeta(store: DocumentStore): SpoolMeta {
  const d = store.read(META) as Partial<SpoolMeta> | undefined;
  return {
    streams: d?.streams ?? [],
    startTime: d?.startTime ?? null,
    fullTime: d?.fullTime ?? null,
    baseSeq: d?.baseSeq ?? 0,
    nextSeq: d?.nextSeq ?? 0,
    refused: d?.refused ?? 0,
  };
}

/** Replace the stored spool document. */
export function writeMeta(store: DocumentStore, meta: SpoolMeta): void {
  store.write(META, meta);
}
