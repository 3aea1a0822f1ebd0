import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText } from '@bondline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extremeNumbers,
  heapMb,
  mutatedBytes,
  mutatedText,
  typedWithin,
} from '../hostile-input.test-util.js';
import { fitLot } from './fit-lot.js';
import { readSites } from './read-sites.js';
import { SITE_LIMITS } from './site.js';

// The shipped examples are the seeds: every mutation of them must give a value or issues, quickly,
// and a value must be something the fit can take (finite, plausible numbers; visible ids).
const EXAMPLES = join(import.meta.dirname, '../../../../examples/overlay');
const csv = readFileSync(join(EXAMPLES, 'lot-3-wafers.csv'), 'utf8');
const json = readFileSync(join(EXAMPLES, 'wafer-sites.json'), 'utf8');
// Smaller seeds keep each run fast; the first 60 lines of the CSV hold one wafer with field columns.
const csvSmall = csv.split('\n').slice(0, 60).join('\n');

function read(text: string, skipBad: boolean) {
  return typedWithin(() => readSites(text, { source: 'sites', skipBad }));
}

/** A value of the reader holds only what the fit may be given. */
function checkValue(r: ReturnType<typeof readSites>): void {
  if (!r.ok) {
    expect(r.issues.length).toBeLessThanOrEqual(SITE_LIMITS.listedIssues + 2);
    return;
  }
  for (const s of r.value.sites) {
    for (const v of [s.X, s.Y, s.dx, s.dy, s.x ?? 0, s.y ?? 0]) expect(Number.isFinite(v)).toBe(true);
    expect(Math.abs(s.X)).toBeLessThanOrEqual(SITE_LIMITS.waferUm);
    expect(Math.abs(s.dx)).toBeLessThanOrEqual(SITE_LIMITS.overlayNm);
    expect(s.wafer.length).toBeGreaterThan(0);
  }
  // And the fit of whatever was read is a typed result too: never NaN, never a throw.
  const fit = typedWithin(() => fitLot(r.value.sites, { model: r.value.hasField ? '10' : '6' }));
  if (fit.ok) {
    for (const w of fit.value.wafers) {
      for (const t of Object.values(w.terms))
        expect(Number.isFinite(t.value) && Number.isFinite(t.stderr)).toBe(true);
    }
  }
}

describe('readSites on hostile input (property)', () => {
  it('mutated CSV and JSON text: a value or issues, never a throw, within the time bound', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedText(csvSmall), mutatedText(json)), fc.boolean(), (text, skipBad) => {
        checkValue(read(text, skipBad));
      }),
      { numRuns: 150 },
    );
  });

  it('extreme and malformed numbers in the examples are refused with their names or read as finite', () => {
    fc.assert(
      fc.property(fc.oneof(extremeNumbers(csvSmall), extremeNumbers(json)), (text) => {
        checkValue(read(text, false));
      }),
      { numRuns: 100 },
    );
  });

  it('mutated bytes (encodings, byte-order marks, NUL, bad UTF-8) through decodeText', () => {
    const bytes = [new TextEncoder().encode(csvSmall), new TextEncoder().encode(json)];
    fc.assert(
      fc.property(fc.oneof(...bytes.map((b) => mutatedBytes(b))), (b) => {
        const text = typedWithin(() => decodeText(b, 'sites'));
        if (text.ok) checkValue(read(text.value, true));
      }),
      { numRuns: 100 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400, unit: 'grapheme-ascii' }),
        fc.string({ maxLength: 200 }),
        (a, b) => {
          read(a, false);
          read(`wafer,X,Y,dx,dy\n${b}`, true);
          read(`[${b}]`, false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the whole example lot, repeated into 100 000 rows, reads within the time and memory bound', () => {
    const rows = csv.trim().split('\n').slice(1);
    const big = [
      csv.split('\n')[0],
      ...Array.from({ length: 112 }, (_, k) => rows.map((r) => `${k}${r}`)).flat(),
    ]
      .slice(0, 100_001)
      .join('\n');
    const before = heapMb();
    const r = typedWithin(() => readSites(big, { source: 'big' }), 20_000);
    expect(r.ok && r.value.sites.length).toBe(100_000);
    // About 100 bytes per site kept (8 fields and a line number), plus the text itself.
    expect(heapMb() - before).toBeLessThan(400);
  });
});
