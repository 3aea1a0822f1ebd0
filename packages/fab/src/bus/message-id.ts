// The Nats-Msg-Id of a message of records, so JetStream drops a message published twice within its
// duplicate window (a collector that retries a write whose acknowledgement it lost). It is derived
// from the records' idempotency keys (docs/fab.md §1.2), not from the bytes: an event redelivered by
// the tool after a collector restart has another received time but the same key, so it gets the same
// id. A record whose later versions carry news (a lot's end fills in its start, a tool is renamed:
// the `fill-in` and `replace` tables) contributes its whole content, or its end would be dropped as a
// duplicate of its start. The store is idempotent in any case: the id only saves the stream the copy.
import { createHash } from 'node:crypto';
import type { FabRecord } from '../store/records.js';
import { TABLE_SPECS } from '../store/table-specs.js';
import { encodeRecords } from './record-codec.js';

// A key column's record field: `equipment_time_ms` → `equipmentTimeMs`.
const fieldOf = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const keyFields = new Map<string, readonly string[]>(
  Object.entries(TABLE_SPECS).map(([type, spec]) => [type, spec.key.map(fieldOf)]),
);

/** The idempotency key of a record as text: its type and key fields, `event|B1|17|4001|1767600000000`. */
export function recordKey(record: FabRecord): string {
  const parts: unknown[] = [record.type];
  // An optional key field (the dataId of an alarm or a constant change) absent is stored 0: so here.
  for (const field of keyFields.get(record.type) ?? []) parts.push(Reflect.get(record, field) ?? 0);
  return JSON.stringify(parts);
}

/** The Nats-Msg-Id of a message holding `records`: sha256 of their keys (and contents, above), base64url. */
export function messageId(records: readonly FabRecord[]): string {
  const hash = createHash('sha256');
  for (const r of records) {
    hash.update(recordKey(r));
    if (TABLE_SPECS[r.type].mode !== 'insert-once') hash.update(encodeRecords([r]));
    hash.update('\n');
  }
  return hash.digest('base64url');
}
