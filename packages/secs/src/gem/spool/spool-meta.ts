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
export async function readMeta(store: DocumentStore): Promise<SpoolMeta> {
  const d = (await store.read(META)) as Partial<SpoolMeta> | undefined;
  return {
    streams: d?.streams ?? [],
    startTime: d?.startTime ?? null,
    fullTime: d?.fullTime ?? null,
    baseSeq: d?.baseSeq ?? 0,
    nextSeq: d?.nextSeq ?? 0,
    refused: d?.refused ?? 0,
  };
}

/** Replace the stored spool document (as it is at the call); resolves once durable. */
export function writeMeta(store: DocumentStore, meta: SpoolMeta): Promise<void> {
  return store.write(META, meta);
}

/** The spool became active: SpoolStartTime now, SpoolCountTotal counts from the next sequence number. */
export function startActivation(meta: SpoolMeta, now: number): void {
  meta.startTime = now;
  meta.fullTime = null;
  meta.baseSeq = meta.nextSeq;
  meta.refused = 0;
}

/** The spool was emptied (delivered or purged): no start or full time, no refusals. */
export function endActivation(meta: SpoolMeta): void {
  meta.startTime = null;
  meta.fullTime = null;
  meta.refused = 0;
}
