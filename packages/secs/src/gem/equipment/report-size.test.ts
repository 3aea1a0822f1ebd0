// The sizes report-size.ts predicts are the sizes the encoder produces, across the header-length
// steps of E5 (1, 2, 3 length bytes at 256 and 65,536 members).
import { describe, expect, it } from 'vitest';
import { encodedItemSize, encodeItem } from '../../codec/encode.js';
import { A, U1, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { s6f1 } from '../messages/s2-s6-trace.js';
import { s6f11 } from '../messages/s6-events.js';
import { eventBytes, reportBytes, traceBytes } from './report-size.js';

const size = (items: Item[]): number[] => items.map((i) => encodedItemSize(i));

describe('report-size', () => {
  it.each([0, 1, 255, 256, 65_535, 65_536])('an S6F11 with a report of %d values', (n) => {
    const values = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? U4(i) : A('x'.repeat(i % 7))));
    const body = s6f11({
      dataId: 1,
      ceid: 2,
      reports: [
        { rptid: 3, values },
        { rptid: 4, values: [U1(1)] },
      ],
    }).body!;
    expect(eventBytes([reportBytes(size(values)), reportBytes(size([U1(1)]))])).toBe(encodeItem(body).length);
  });

  it.each([
    [1, 1],
    [3, 100],
    [300, 2],
  ])('an S6F1 of %d samples of %d values, TRID U4 and A, STIME counted as 32 characters', (repgsz, nsv) => {
    const sample = Array.from({ length: nsv }, (_, i) => U4(i));
    const values = Array.from({ length: repgsz }, () => sample).flat();
    for (const trid of [7, 'T-7']) {
      const body = s6f1({ trid, smpln: 1, stime: 'x'.repeat(32), values }).body!;
      const tridBytes = encodedItemSize(typeof trid === 'number' ? U4(trid) : A(trid));
      expect(traceBytes(tridBytes, size(sample), repgsz)).toBe(encodeItem(body).length);
    }
  });
});
