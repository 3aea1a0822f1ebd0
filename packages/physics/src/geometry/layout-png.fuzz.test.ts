import { hostileBytes, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { PhysicsReaders } from '../fuzz/reader-worker.test-util.js';

// Random and damaged PNG block bitmaps: layoutFromPng must return a typed result within core's reader
// harness guards (a deadline per call, a heap limit, bounded heap growth).
// The seed draws examples/layouts/memory-array.json (5 x 5 blocks, critical ring, redundant core).
function seed(): Uint8Array {
  const rows = ['CCCCC', 'CRRRC', 'CRRRC', 'CRRRC', 'CCCCC'];
  const img = new PNG({ width: 5, height: 5 });
  const colour = { C: [0, 0, 0, 255], R: [220, 20, 20, 255], '.': [255, 255, 255, 255] } as const;
  rows.forEach((row, y) => {
    [...row].forEach((c, x) => {
      img.data.set(colour[c as keyof typeof colour], (y * 5 + x) * 4);
    });
  });
  return PNG.sync.write(img);
}

describe('layoutFromPng on random and damaged images (fuzz)', () => {
  const harness = new ReaderHarness<PhysicsReaders>(
    new URL('../fuzz/reader-worker.test-util.ts', import.meta.url),
  );
  afterAll(() => harness.stop());

  it('a typed result in bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes(seed(), 4), async (bytes) => {
        expect((await harness.run('layout-png', bytes)).problems).toEqual([]);
      }),
      { numRuns: 300, endOnFailure: true }, // a failing case can take the deadline: report it unshrunk
    );
  });
});
