import { afterAll, describe, expect, it } from 'vitest';
import type { ProbeReaders } from './probe-readers.test-util.js';
import { ReaderHarness } from './reader-harness.js';

const PROBES = new URL('./probe-readers.test-util.ts', import.meta.url);

// The property tests of the readers are only as good as this harness: it must report a hang, a memory
// blow-up, a throw and a message with an invisible character, and carry on with a fresh process after
// each.
describe('ReaderHarness', () => {
  const harness = new ReaderHarness<ProbeReaders>(PROBES, { heapMb: 64 });
  // A hang always reaches the deadline, so a short one is no race with the load of the machine.
  const impatient = new ReaderHarness<ProbeReaders>(PROBES, { deadlineMs: 500 });
  afterAll(() => Promise.all([harness.stop(), impatient.stop()]));

  it('reports a hang and an allocation without bound, then answers from a fresh process', async () => {
    expect((await impatient.run('hang', '')).problems).toEqual(['no result within 500 ms (a hang)']);
    expect(await impatient.typed('echo', 'after a hang')).toEqual({
      ok: true,
      value: { text: 'after a hang', length: 12 },
    });
    const oom = await harness.run('allocate', '');
    expect(oom.problems).toEqual([expect.stringMatching(/^the reader's process died: .*heap out of memory/)]);
    expect(await harness.typed('echo', 'after a crash')).toMatchObject({ ok: true });
  });

  it('reports a throw and a message with an invisible character', async () => {
    expect((await harness.run('throw', '')).problems).toEqual(['threw RangeError: probe']);
    await expect(harness.typed('invisible', '')).rejects.toThrow(
      'invisible: an invisible character in: a<U+00A0 no-break space>b',
    );
  });

  it('returns the result, and says when one cannot be sent back', async () => {
    const text = '\uFEFF{'.repeat(1000);
    expect(await harness.run('echo', text)).toEqual({
      problems: [],
      result: { ok: true, value: { text, length: 2000 } },
    });
    const f = await harness.run('function', '');
    expect(f.problems).toEqual([]);
    expect(f.unsent).toMatch(/could not be cloned/);
    await expect(harness.typed('function', '')).rejects.toThrow(
      /^function: the result could not be sent back/,
    );
  });

  it('limits the heap growth of one call', async () => {
    const tight = new ReaderHarness<ProbeReaders>(PROBES, { heapGrowthBytes: 1024 * 1024 });
    try {
      // A million numbers in an array: 8 MB on the heap.
      const o = await tight.run('keep', 1_000_000);
      expect(o.problems).toEqual([expect.stringMatching(/^the heap grew by \d+ bytes \(at most 1048576\)$/)]);
    } finally {
      await tight.stop();
    }
  });
});
