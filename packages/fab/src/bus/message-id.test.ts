// The Nats-Msg-Id of a message: the same for the same records received again (keys, not bytes),
// another when a record that fills in or replaces carries news, another for other records.
import { describe, expect, it } from 'vitest';
import { event, everything, lot, T0 } from '../store/store-fixtures.test-util.js';
import { messageId, recordKey } from './message-id.js';

describe('message id', () => {
  it('is the same for records received again at another time', () => {
    const first = [event('B1', 0), event('B1', 1)];
    const again = first.map((e) => ({
      ...e,
      receivedTimeMs: e.receivedTimeMs + 60_000,
      data: { late: true },
    }));
    expect(messageId(again)).toBe(messageId(first));
    expect(messageId([event('B1', 0), event('B1', 2)])).not.toBe(messageId(first));
    expect(messageId([first[1] ?? event('B1', 1), first[0] ?? event('B1', 0)])).not.toBe(messageId(first));
  });

  it('tells a lot that ended from the same lot started, and a renamed tool from the old name', () => {
    const started = lot('L1', 'B1');
    const ended = lot('L1', 'B1', { endedMs: T0 + 1000, outcome: 'completed' });
    expect(recordKey(ended)).toBe(recordKey(started));
    expect(messageId([ended])).not.toBe(messageId([started]));
    const tool = { type: 'tool', id: 'B1', name: 'Bonder 1', organisationId: 'maker-a' } as const;
    expect(messageId([{ ...tool, name: 'Bonder One' }])).not.toBe(messageId([tool]));
  });

  it('keys every record type by its key fields, all present', () => {
    for (const r of everything(2)) {
      const parts: unknown = JSON.parse(recordKey(r));
      expect(Array.isArray(parts) && parts.every((p) => p !== undefined && p !== null)).toBe(true);
      expect(Array.isArray(parts) && parts.length).toBeGreaterThan(1);
    }
    expect(recordKey(event('B1', 3))).toBe(JSON.stringify(['event', 'B1', 4, 4003, T0 + 3000]));
  });
});
