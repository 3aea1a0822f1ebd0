import { afterAll, describe, expect, it } from 'vitest';
import { outOfBounds, ReaderHarness } from './reader-harness.test-util.js';

// The fuzz tests are only as good as their harness: it must report a hang, a memory blow-up, a throw
// and a message with an invisible character, and carry on with a fresh worker afterwards.
describe('ReaderHarness', () => {
  const harness = new ReaderHarness({ deadlineMs: 2_000, heapMb: 64 });
  afterAll(() => harness.stop());

  it('reports a hang, an allocation without bound, a throw and an invisible character', async () => {
    const hang = await harness.run({ reader: 'probe', input: 'hang' });
    expect(hang.kind).toBe('timeout');
    const oom = await harness.run({ reader: 'probe', input: 'allocate' });
    expect(oom.kind).toBe('crash');
    const thrown = await harness.run({ reader: 'probe', input: 'throw' });
    expect(outOfBounds(thrown)).toBe('threw RangeError: probe');
    const invisible = await harness.run({ reader: 'probe', input: 'invisible' });
    expect(outOfBounds(invisible)).toBe('an invisible character in: a<U+00A0 no-break space>b');
    const fine = await harness.run({ reader: 'klarf', input: 'FileVersion 1 2;' });
    expect(fine.kind === 'done' && fine.report.violations).toEqual([]);
  });
});
