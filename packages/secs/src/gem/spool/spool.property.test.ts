import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Spool } from './spool.js';
import type { SpoolMessage } from './spool-record.js';

// Random runs of append / deliver some / restart / purge / link loss against a plain array model:
// the spool must always hold exactly the model's messages, in order, whatever happened in between.
// The appends of one step are asked for together, without waiting for each to be on disk, so group
// commit batches and segment generation switches (compaction) interleave in the file queue. Nothing
// is written while a step asks for its appends (one synchronous loop), so they are all pending: with a
// small pending bound (maxPendingAppends / maxPendingBytes) the overwrite policy drops the oldest of
// them and the stop policy refuses (`backlog`), as the model says.
type Op =
  | { op: 'append'; n: number; size: number }
  | { op: 'deliver'; n: number }
  | { op: 'restart' }
  | { op: 'purge' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('append' as const),
      n: fc.integer({ min: 1, max: 30 }),
      size: fc.integer({ min: 0, max: 300 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('deliver' as const), n: fc.integer({ min: 0, max: 40 }) }),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'purge' as const }) },
);

function message(id: number, size: number): SpoolMessage {
  const body = new Uint8Array(4 + size);
  new DataView(body.buffer).setUint32(0, id);
  return { stream: 6, function: 11, wBit: true, body };
}
const segmentBytes = (dir: string): number =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.seg'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
const idOf = (m: SpoolMessage): number => new DataView(m.body.buffer, m.body.byteOffset).getUint32(0);

describe('Spool against a model', () => {
  it('holds exactly the undelivered messages in order through any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 25 }),
        fc.constantFrom('overwrite' as const, 'stop' as const),
        fc.record({ appends: fc.integer({ min: 1, max: 40 }), bytes: fc.integer({ min: 1, max: 4000 }) }),
        async (ops, policy, pendingBound) => {
          const dir = mkdtempSync(join(tmpdir(), 'bondline-spool-prop-'));
          // A tiny compaction threshold so segment generations switch often during the run.
          const opts = {
            dir,
            maxMessages: 50,
            maxBytes: 6000,
            policy,
            sync: false,
            compactMinBytes: 1500,
            maxPendingAppends: pendingBound.appends,
            maxPendingBytes: pendingBound.bytes,
          };
          let s = await Spool.open(opts);
          await s.setStreams([{ stream: 6, functions: [] }]);
          // `waiting`: appended in this step, so not yet on disk.
          const model: { id: number; bytes: number; waiting: boolean }[] = [];
          let next = 0;
          try {
            for (const o of ops) {
              if (o.op === 'append') {
                const appends: Promise<{ spooled: boolean }>[] = [];
                const expected: boolean[] = [];
                for (let i = 0; i < o.n; i++) {
                  const bytes = 8 + 11 + 4 + o.size; // record header + fixed payload + body
                  appends.push(s.append(message(next, o.size)));
                  const fits = () =>
                    model.length + 1 <= 50 && model.reduce((a, m) => a + m.bytes, 0) + bytes <= 6000;
                  const pending = () => model.filter((m) => m.waiting);
                  const behind = () =>
                    pending().length > 0 &&
                    (pending().length + 1 > pendingBound.appends ||
                      pending().reduce((a, m) => a + m.bytes, 0) + bytes > pendingBound.bytes);
                  if (policy === 'stop') {
                    const ok = fits() && !behind();
                    expected.push(ok);
                    if (ok) model.push({ id: next, bytes, waiting: true });
                  } else {
                    while (behind()) model.splice(model.indexOf(pending()[0]!), 1);
                    while (!fits()) model.shift();
                    model.push({ id: next, bytes, waiting: true });
                    expected.push(true);
                  }
                  next++;
                }
                expect((await Promise.all(appends)).map((r) => r.spooled)).toEqual(expected);
                for (const m of model) m.waiting = false;
                expect(s.stats.pendingAppends).toBe(0);
                expect(s.stats.peakPendingAppends).toBeLessThanOrEqual(pendingBound.appends);
                // Compaction at append keeps the segment near the live size.
                const live = model.reduce((a, m) => a + m.bytes, 0);
                expect(segmentBytes(dir)).toBeLessThanOrEqual(Math.max(1500 + live, 2 * live) + 400);
              } else if (o.op === 'deliver') {
                if (model.length === 0) continue;
                expect(s.startTransmit()).toBe(0);
                for (let i = 0; i < o.n && model.length > 0; i++) {
                  expect(idOf((await s.peek())!)).toBe(model[0]!.id);
                  await s.ack();
                  model.shift();
                }
                s.linkLost();
              } else if (o.op === 'restart') {
                await s.close();
                s = await Spool.open(opts);
              } else {
                await s.purge();
                model.length = 0;
              }
              expect(s.countActual).toBe(model.length);
              expect(s.stateName === 'inactive').toBe(model.length === 0);
            }
            await s.close();
            s = await Spool.open(opts);
            const rest: number[] = [];
            if (model.length > 0) {
              s.startTransmit();
              for await (const m of s.messages()) {
                rest.push(idOf(m));
                await s.ack();
              }
            }
            expect(rest).toEqual(model.map((m) => m.id));
          } finally {
            await s.close();
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
