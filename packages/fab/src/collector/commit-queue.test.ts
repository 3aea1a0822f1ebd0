import { issue, type Result } from '@bondline/core';
import { until } from '@bondline/core/testing';
import { describe, expect, it } from 'vitest';
import type { SinkIssueCode } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';
import { CommitQueue, type PendingMessage } from './commit-queue.js';

const rec = (i: number): FabRecord => ({ type: 'organisation', id: `o${i}`, name: `O ${i}`, role: 'maker' });

/** A sink whose answers a test decides, one write at a time. */
function manualSink() {
  const writes: { records: readonly FabRecord[]; answer: (r: Result<void, SinkIssueCode>) => void }[] = [];
  return {
    writes,
    sink: {
      write: (records: readonly FabRecord[]) =>
        new Promise<Result<void, SinkIssueCode>>((answer) => writes.push({ records, answer })),
    },
  };
}

function message(toolId: string, i: number, settled: [string, boolean][]): PendingMessage {
  return {
    toolId,
    records: [rec(i)],
    receivedAt: performance.now(),
    settle: (d) => settled.push([`${toolId}${i}`, d]),
  };
}

const OK: Result<void, SinkIssueCode> = { ok: true, value: undefined };
const DOWN: Result<void, SinkIssueCode> = { ok: false, issues: [issue('sink-unavailable', 'down')] };

describe('CommitQueue', () => {
  it("counts the tools' messages as stored, not the collector's own rows written with them", async () => {
    const { writes, sink } = manualSink();
    const q = new CommitQueue(sink, {
      maxBatchRecords: 10,
      retryMinMs: 1,
      retryMaxMs: 4,
      rejected: () => {},
      sinkState: () => {},
    });
    const settled: [string, boolean][] = [];
    q.push({ ...message('A', 0, settled), ownRecords: true });
    q.push(message('A', 1, settled));
    writes[0]?.answer(OK);
    await until(() => writes.length === 2, 'the second write');
    writes[1]?.answer(OK);
    await until(() => settled.length === 2, 'both settled');
    expect(q.stored).toBe(1);
    expect(q.latencies()).toHaveLength(1);
  });

  it('groups the messages that arrive during a write into the next one, in order, and settles them once durable', async () => {
    const { writes, sink } = manualSink();
    const settled: [string, boolean][] = [];
    const q = new CommitQueue(sink, {
      maxBatchRecords: 3,
      retryMinMs: 1,
      retryMaxMs: 4,
      rejected: () => {},
      sinkState: () => {},
    });
    q.push(message('A', 1, settled));
    q.push(message('B', 1, settled));
    q.push(message('A', 2, settled));
    q.push(message('A', 3, settled));
    q.push(message('B', 2, settled));
    // The first message goes alone (nothing else waited); the rest gathered during its write.
    expect(writes.map((w) => w.records.length)).toEqual([1]);
    expect(q.pending('A')).toBe(3);
    writes[0]?.answer(OK);
    await until(() => writes.length === 2, 'the second write');
    expect(settled).toEqual([['A1', true]]);
    // At most maxBatchRecords (3) per write, oldest first.
    expect(writes[1]?.records.map((r) => (r.type === 'organisation' ? r.id : ''))).toEqual([
      'o1',
      'o2',
      'o3',
    ]);
    writes[1]?.answer(OK);
    await until(() => writes.length === 3, 'the third write');
    expect(settled.map(([k]) => k)).toEqual(['A1', 'B1', 'A2', 'A3']);
    writes[2]?.answer(OK);
    await until(() => settled.length === 5, 'all settled');
    expect(q.pending()).toBe(0);
    expect(q.commits).toBe(3);
    expect(q.latencies()).toHaveLength(5);
  });

  it('retries an unavailable sink with backoff, never settling before it succeeds; close settles the rest false', async () => {
    const { writes, sink } = manualSink();
    const settled: [string, boolean][] = [];
    const states: boolean[] = [];
    const q = new CommitQueue(sink, {
      maxBatchRecords: 10,
      retryMinMs: 1,
      retryMaxMs: 4,
      rejected: () => {},
      sinkState: (f) => states.push(f),
    });
    q.push(message('A', 1, settled));
    writes[0]?.answer(DOWN);
    await until(() => writes.length === 2, 'a retry');
    expect(settled).toEqual([]);
    expect(q.failingSince).toBeDefined();
    writes[1]?.answer(DOWN);
    await until(() => writes.length === 3, 'another retry');
    writes[2]?.answer(OK);
    await until(() => settled.length === 1, 'settled');
    expect(settled).toEqual([['A1', true]]);
    expect(states).toEqual([true, false]);
    q.push(message('A', 2, settled));
    writes[3]?.answer(DOWN);
    await until(() => writes.length === 5, 'retrying');
    q.close();
    expect(settled).toEqual([
      ['A1', true],
      ['A2', false],
    ]);
  });

  it('isolates a message the sink refuses for good: reported, dropped, the others stored', async () => {
    const { writes, sink } = manualSink();
    const settled: [string, boolean][] = [];
    const refused: string[] = [];
    const q = new CommitQueue(sink, {
      maxBatchRecords: 10,
      retryMinMs: 1,
      retryMaxMs: 4,
      rejected: (m) => refused.push(`${m.toolId}`),
      sinkState: () => {},
    });
    q.push(message('A', 1, settled));
    q.push(message('B', 1, settled));
    q.push(message('A', 2, settled));
    writes[0]?.answer(OK);
    await until(() => writes.length === 2, 'the batch of B1 and A2');
    writes[1]?.answer({ ok: false, issues: [issue('sink-rejected', 'bad record')] });
    await until(() => writes.length === 3, 'B1 alone');
    writes[2]?.answer({ ok: false, issues: [issue('sink-rejected', 'bad record')] });
    await until(() => writes.length === 4, 'A2 alone');
    writes[3]?.answer(OK);
    await until(() => settled.length === 3, 'all settled');
    expect(refused).toEqual(['B']);
    expect(q.rejectedMessages).toBe(1);
    expect(settled.map(([k]) => k)).toEqual(['A1', 'B1', 'A2']);
  });
});
