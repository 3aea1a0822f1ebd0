import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileBytes, hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PhysicsReaders } from '../fuzz/reader-worker.test-util.js';

// Random and damaged configurations: the Bondline YAML (examples/yield.yaml) and its JSON form, the YAP+
// sample (examples/yap), the layout demo (examples/layout-demo.yaml) with its layout file
// (examples/layouts/memory-array.json) damaged on either side, and a PNG block layout. loadBondConfig
// must return a typed result (parameters with finite numbers, or issues) within core's reader harness
// guards (a deadline per call, a heap limit, bounded heap growth).
const EXAMPLES = join(import.meta.dirname, '../../../../examples');
const text = (f: string) => readFileSync(join(EXAMPLES, f), 'utf8');
const yieldYaml = text('yield.yaml');
const yieldJson = JSON.stringify(parse(yieldYaml), null, 2);
const yap = text('yap/w2w-config.yaml');
const demo = text('layout-demo.yaml');
const layoutJson = text('layouts/memory-array.json');
const utf8 = (t: string) => new TextEncoder().encode(t);
const mutatedText = (seed: string) => hostileText(seed, { maxEdits: 4 });

function pngSeed(): Uint8Array {
  const img = new PNG({ width: 3, height: 2 });
  img.data.set([0, 0, 0, 255, 220, 20, 20, 255, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 0]);
  return PNG.sync.write(img);
}

type Call = { entry: string; files: Record<string, Uint8Array>; section?: string };

/** A configuration whose entry file (or one file it refers to) is damaged. */
const damaged: fc.Arbitrary<Call> = fc.oneof(
  mutatedText(yieldYaml).map((t) => ({ entry: '/ex/yield.yaml', files: { '/ex/yield.yaml': utf8(t) } })),
  mutatedText(yieldJson).map((t) => ({ entry: '/ex/yield.json', files: { '/ex/yield.json': utf8(t) } })),
  fc
    .tuple(mutatedText(yap), fc.constantFrom<(string | undefined)[]>(undefined, 'w2w_simulation'))
    .map(([t, section]) => {
      const call: Call = { entry: '/ex/yap.yaml', files: { '/ex/yap.yaml': utf8(t) } };
      if (section !== undefined) call.section = section;
      return call;
    }),
  mutatedText(demo).map((t) => ({
    entry: '/ex/layout-demo.yaml',
    files: { '/ex/layout-demo.yaml': utf8(t), '/ex/layouts/memory-array.json': utf8(layoutJson) },
  })),
  mutatedText(layoutJson).map((t) => ({
    entry: '/ex/layout-demo.yaml',
    files: { '/ex/layout-demo.yaml': utf8(demo), '/ex/layouts/memory-array.json': utf8(t) },
  })),
  hostileBytes(pngSeed(), 4).map((png) => ({
    entry: '/ex/png.yaml',
    files: {
      '/ex/png.yaml': utf8(
        'die: { W: 3000, L: 2000 }\npads:\n  layout: { image: l.png, blockUm: 1000, redundantCopies: 2 }\n',
      ),
      '/ex/l.png': png,
    },
  })),
);

describe('loadBondConfig on random and damaged files (fuzz)', () => {
  const harness = new ReaderHarness<PhysicsReaders>(
    new URL('../fuzz/reader-worker.test-util.ts', import.meta.url),
  );
  afterAll(() => harness.stop());

  it('every reader of a configuration: a typed result in bounded time and memory', async () => {
    await fc.assert(
      fc.asyncProperty(damaged, async (call) => {
        expect((await harness.run('config', call)).problems).toEqual([]);
      }),
      { numRuns: 400, endOnFailure: true }, // a failing case can take the deadline: report it unshrunk
    );
  });
});
