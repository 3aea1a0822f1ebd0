// Records across the bus: every record type back as it went, maps bit for bit (NaN payloads, -0,
// subnormals, each element type), optional fields left out (not null), and bytes that are not a
// record list refused.
import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import type { MapArray } from '../store/map-codec.js';
import type { PairResultRecord } from '../store/records.js';
import { everything } from '../store/store-fixtures.test-util.js';
import { decodeRecords, encodeRecords } from './record-codec.js';

function bytesOf(data: MapArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

describe('record codec', () => {
  it('gives every record type back as it was', () => {
    const records = everything(4);
    const back = decodeRecords(encodeRecords(records));
    expect(back).toEqual({ ok: true, value: records });
  });

  it('carries maps bit for bit in their element type', () => {
    const f64 = new Float64Array(6);
    const view = new DataView(f64.buffer);
    view.setBigUint64(0, 0x7ff8_dead_beef_0001n, true); // a NaN with a payload
    f64[1] = -0;
    f64[2] = 5e-324; // the smallest subnormal
    f64[3] = Number.POSITIVE_INFINITY;
    f64[4] = -1.5;
    f64[5] = Math.PI;
    const maps: MapArray[] = [
      f64,
      new Float32Array([Number.NaN, -0, 1e-45, 3.5]),
      new Int32Array([-(2 ** 31), 2 ** 31 - 1]),
      new Uint32Array([0, 2 ** 32 - 1]),
      new Int16Array([-32768, 7]),
      new Uint16Array([65535]),
      new Int8Array([-128, 127]),
      new Uint8Array([0, 255, 7]),
    ];
    for (const data of maps) {
      const record: PairResultRecord = {
        type: 'pair-result',
        pairId: 'P1',
        yield: 0.5,
        summary: {},
        overlayMap: { dims: [data.length], data },
        dieYieldMap: { dims: [0, 3], data: new Uint8Array(0) },
      };
      const back = decodeRecords(encodeRecords([record]));
      if (!back.ok) throw new Error(back.issues[0]?.message);
      const got = back.value[0] as PairResultRecord;
      expect(Object.getPrototypeOf(got.overlayMap?.data)).toBe(Object.getPrototypeOf(data));
      expect(got.overlayMap?.dims).toEqual([data.length]);
      expect(got.overlayMap === undefined ? [] : [...bytesOf(got.overlayMap.data)]).toEqual([
        ...bytesOf(data),
      ]);
      expect(got.dieYieldMap?.dims).toEqual([0, 3]);
      expect('voidMap' in got).toBe(false);
    }
  });

  it('refuses bytes that are not a record list', () => {
    const bad = [
      new Uint8Array([0xc1]), // never used in MessagePack
      encode({ records: [] }),
      encode([2, []]), // another format version
      encode([1, [1, 2]]),
      encode([1, [{ type: 'pair-result' }]]).slice(0, 5),
      new Uint8Array([0xc7, 3, 1, 0x42, 0x4d, 0x09]), // a map extension that is not a map
    ];
    for (const bytes of bad) {
      const r = decodeRecords(bytes);
      expect(r.ok ? 'ok' : r.issues[0]?.code).toBe('bad-message');
    }
  });
});
