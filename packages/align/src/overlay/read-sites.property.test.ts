import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extremeNumbers, hostileBytes, hostileText, ReaderHarness } from '@bondline/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlignReaders } from '../reader-worker.test-util.js';
import type { ReadSitesResult } from './site.js';
import { SITE_LIMITS } from './site.js';

// The shipped examples are the seeds: every mutation of them must give a value or issues (never a
// throw, a hang or a crash: each read runs in core's reader harness), and a value must be something the
// fit can take (finite, plausible numbers; visible ids).
const EXAMPLES = join(import.meta.dirname, '../../../../examples/overlay');
const csv = readFileSync(join(EXAMPLES, 'lot-3-wafers.csv'), 'utf8');
const json = readFileSync(join(EXAMPLES, 'wafer-sites.json'), 'utf8');
// Smaller seeds keep each run fast; the first 60 lines of the CSV hold one wafer with field columns.
const csvSmall = csv.split('\n').slice(0, 60).join('\n');
const WORKER = new URL('../reader-worker.test-util.ts', import.meta.url);

describe('readSites on hostile input (property)', () => {
  const harness = new ReaderHarness<AlignReaders>(WORKER);
  afterAll(() => harness.stop());

  const read = (text: string, skipBad: boolean) =>
    harness.typed('sites', { text, options: { source: 'sites', skipBad } });

  /** A value of the reader holds only what the fit may be given; the fit of it is a typed result too. */
  async function checkValue(r: ReadSitesResult): Promise<void> {
    if (!r.ok) {
      expect(r.issues.length).toBeLessThanOrEqual(SITE_LIMITS.listedIssues + 2);
      return;
    }
    for (const s of r.value.sites) {
      expect(Math.abs(s.X)).toBeLessThanOrEqual(SITE_LIMITS.waferUm);
      expect(Math.abs(s.dx)).toBeLessThanOrEqual(SITE_LIMITS.overlayNm);
      expect(s.wafer.length).toBeGreaterThan(0);
    }
    // Never NaN, never a throw (the harness checks every number of the value is finite).
    await harness.typed('fit-lot', {
      sites: r.value.sites,
      options: { model: r.value.hasField ? '10' : '6' },
    });
  }

  it('mutated CSV and JSON text: a value or issues, never a throw or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileText(csvSmall), hostileText(json)),
        fc.boolean(),
        async (text, skipBad) => {
          await checkValue(await read(text, skipBad));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('extreme and malformed numbers in the examples are refused with their names or read as finite', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(extremeNumbers(csvSmall), extremeNumbers(json)), async (text) => {
        await checkValue(await read(text, false));
      }),
      { numRuns: 100 },
    );
  });

  it('mutated bytes (encodings, byte-order marks, NUL, bad UTF-8) through decodeText', async () => {
    const bytes = [new TextEncoder().encode(csvSmall), new TextEncoder().encode(json)];
    await fc.assert(
      fc.asyncProperty(hostileBytes(bytes), async (b) => {
        const text = await harness.typed('text', { bytes: b, source: 'sites' });
        if (text.ok) await checkValue(await read(text.value, true));
      }),
      { numRuns: 100 },
    );
  });

  it('arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 400, unit: 'grapheme-ascii' }),
        fc.string({ maxLength: 200 }),
        async (a, b) => {
          await read(a, false);
          await read(`wafer,X,Y,dx,dy\n${b}`, true);
          await read(`[${b}]`, false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the whole example lot, repeated into 100 000 rows, reads within the memory bound', async () => {
    // About 100 bytes per site kept (8 fields and a line number), plus the text itself: 400 MB of heap
    // growth at most, in a worker with room for a reader that needs more to fail the bound, not crash.
    const big = new ReaderHarness<AlignReaders>(WORKER, { heapMb: 1024, heapGrowthBytes: 400 * 1024 * 1024 });
    try {
      const rows = csv.trim().split('\n').slice(1);
      const text = [
        csv.split('\n')[0],
        ...Array.from({ length: 112 }, (_, k) => rows.map((r) => `${k}${r}`)).flat(),
      ]
        .slice(0, 100_001)
        .join('\n');
      const r = await big.typed('sites', { text, options: { source: 'big' } });
      expect(r.ok && r.value.sites.length).toBe(100_000);
    } finally {
      await big.stop();
    }
  });
});
