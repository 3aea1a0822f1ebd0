import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, scanRecords } from './spool-record.js';

describe('spool record', () => {
  it('matches a hand-built known-answer record', () => {
    // seq 258, S6F11 W, body <U4 7>.
    const payload = [0, 0, 0, 0, 0, 0, 1, 2, 6, 11, 1, 0xb1, 4, 0, 0, 0, 7];
    const crc = crc32(Buffer.from(payload));
    const expected = Buffer.from([
      0,
      0,
      0,
      17,
      crc >>> 24,
      (crc >>> 16) & 255,
      (crc >>> 8) & 255,
      crc & 255,
      ...payload,
    ]);
    const body = Uint8Array.from([0xb1, 4, 0, 0, 0, 7]);
    expect(encodeRecord(258, { stream: 6, function: 11, wBit: true, body })).toEqual(expected);
    expect(decodeRecord(expected)).toEqual({
      seq: 258,
      message: { stream: 6, function: 11, wBit: true, body },
    });
  });

  it('scan stops at a record cut anywhere inside', () => {
    const a = encodeRecord(0, { stream: 5, function: 1, wBit: true, body: new Uint8Array(10) });
    const b = encodeRecord(1, { stream: 5, function: 1, wBit: false, body: new Uint8Array(3) });
    const whole = Buffer.concat([a, b]);
    for (let cut = a.length; cut < whole.length; cut++) {
      const r = scanRecords(whole.subarray(0, cut));
      expect(r.records.map((x) => x.seq)).toEqual([0]);
      expect(r.validEnd).toBe(a.length);
    }
    expect(scanRecords(whole).records.map((x) => [x.offset, x.size])).toEqual([
      [0, a.length],
      [a.length, b.length],
    ]);
  });
});
