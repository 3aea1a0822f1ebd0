// The map blob format of docs/fab.md §1.4: expected bytes are written out by hand here, not by the
// encoder under test; every element type round-trips bit for bit; a blob that is not a map is
// `corrupt-map`, never a wrong map.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMap, decodeMap, encodeMap, MAX_MAP_ELEMENTS, type NumericMap } from './map-codec.js';

function decoded(bytes: Uint8Array): NumericMap {
  const r = decodeMap(bytes, 'map');
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
}

function corruptWhy(bytes: Uint8Array): string {
  const r = decodeMap(bytes, 'pair P1: overlay_map');
  if (r.ok) throw new Error('expected corrupt-map');
  expect(r.issues[0]?.code).toBe('corrupt-map');
  return r.issues[0]?.message ?? '';
}

describe('map blob format', () => {
  it('writes the 8-byte header, u32 LE dimensions and little-endian elements', () => {
    const bytes = encodeMap({ dims: [2, 3], data: new Uint16Array([1, 2, 3, 4, 5, 0x1234]) });
    // biome-ignore format: one line per part of the blob
    const expected = [
      0x42, 0x4d, 1, 3, 2, 0, 0, 0, // 'B' 'M', version 1, u16 (type 3), 2 dimensions, reserved
      2, 0, 0, 0, 3, 0, 0, 0, // dims 2, 3
      1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 0x34, 0x12, // elements, little-endian
    ];
    expect([...bytes]).toEqual(expected);
  });

  it('writes f64 elements as IEEE 754 little-endian (1.0 = 00 00 00 00 00 00 f0 3f)', () => {
    const bytes = encodeMap({ dims: [1], data: new Float64Array([1]) });
    expect([...bytes.subarray(12)]).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    expect(bytes[3]).toBe(8);
  });

  it('round-trips any f64 map bit for bit, from a blob at any byte offset', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 64 }), fc.integer({ min: 0, max: 7 }), (values, offset) => {
        const data = new Float64Array(values);
        const blob = encodeMap({ dims: [data.length], data });
        // A driver's Buffer can sit at any offset of a larger allocation.
        const host = new Uint8Array(blob.length + offset);
        host.set(blob, offset);
        const back = decoded(host.subarray(offset));
        expect(back.data).toBeInstanceOf(Float64Array);
        expect(Buffer.from(back.data.buffer)).toEqual(Buffer.from(data.buffer));
      }),
    );
  });

  it('round-trips every element type', () => {
    const maps: NumericMap[] = [
      { dims: [2], data: new Uint8Array([0, 255]) },
      { dims: [2], data: new Int8Array([-128, 127]) },
      { dims: [2], data: new Uint16Array([0, 65535]) },
      { dims: [2], data: new Int16Array([-32768, 32767]) },
      { dims: [2], data: new Uint32Array([0, 4294967295]) },
      { dims: [2], data: new Int32Array([-2147483648, 2147483647]) },
      { dims: [2], data: new Float32Array([-0, Number.NaN]) },
      { dims: [1, 1, 1, 2], data: new Float64Array([Number.MIN_VALUE, -Number.MAX_VALUE]) },
      { dims: [0, 4], data: new Float64Array(0) },
    ];
    for (const m of maps) {
      const back = decoded(encodeMap(m));
      expect(back.dims).toEqual(m.dims);
      expect(back.data.constructor).toBe(m.data.constructor);
      expect(Buffer.from(back.data.buffer)).toEqual(
        Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength),
      );
    }
  });

  it('refuses blobs that are not maps, saying why', () => {
    const good = encodeMap({ dims: [2, 2], data: new Uint8Array([1, 2, 3, 4]) });
    const edit = (at: number, value: number) => {
      const b = Uint8Array.from(good);
      b[at] = value;
      return b;
    };
    expect(corruptWhy(good.subarray(0, 5))).toMatch(
      /^pair P1: overlay_map: stored map is corrupt \(5 bytes, shorter than the header\)/,
    );
    expect(corruptWhy(edit(0, 0x50))).toMatch(/no BM magic/);
    expect(corruptWhy(edit(2, 2))).toMatch(/format version 2/);
    expect(corruptWhy(edit(3, 0))).toMatch(/element type 0/);
    expect(corruptWhy(edit(3, 9))).toMatch(/element type 9/);
    expect(corruptWhy(edit(4, 0))).toMatch(/0 dimensions/);
    expect(corruptWhy(edit(4, 5))).toMatch(/5 dimensions/);
    expect(corruptWhy(good.subarray(0, 12))).toMatch(/header cut short/);
    expect(corruptWhy(good.subarray(0, good.length - 1))).toMatch(/19 bytes, header says 20/);
    expect(corruptWhy(Uint8Array.from([...good, 0]))).toMatch(/21 bytes, header says 20/);
    // A header claiming 2^32 x 2^32 elements is refused before anything is allocated.
    const huge = Uint8Array.from(good);
    new DataView(huge.buffer).setUint32(8, 0xffffffff, true);
    new DataView(huge.buffer).setUint32(12, 0xffffffff, true);
    expect(corruptWhy(huge)).toMatch(/elements/);
  });

  it('checks a map before encoding: dims against data, the element type', () => {
    const why = (m: NumericMap) => checkMap(m, 'records[2].voidMap')?.message;
    expect(why({ dims: [2, 4], data: new Float64Array(8) })).toBeUndefined();
    expect(why({ dims: [3, 4], data: new Float64Array(8) })).toBe(
      'records[2].voidMap: dims [3, 4] hold 12 elements but data has 8',
    );
    expect(why({ dims: [], data: new Float64Array(0) })).toMatch(/0 dimensions, expected 1 to 4/);
    expect(why({ dims: [1, 1, 1, 1, 1], data: new Float64Array(1) })).toMatch(/5 dimensions/);
    expect(why({ dims: [-1], data: new Float64Array(0) })).toMatch(/-1 is not a dimension/);
    expect(why({ dims: [1.5], data: new Float64Array(0) })).toMatch(/1.5 is not a dimension/);
    expect(why({ dims: [2 ** 14, 2 ** 13], data: new Uint8Array(0) })).toMatch(
      new RegExp(`more than ${MAX_MAP_ELEMENTS}`),
    );
    const bigints = { dims: [1], data: new BigInt64Array(1) } as unknown as NumericMap;
    expect(why(bigints)).toMatch(/not a supported typed array/);
    expect(() => encodeMap(bigints)).toThrow(RangeError);
  });
});
