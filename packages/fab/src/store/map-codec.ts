// A pair's maps (overlay sites, voids, die causes) are typed arrays of thousands of numbers: stored as
// one BLOB / bytea each, an 8-byte header and the elements in little-endian order, so a map costs its
// bytes and reads back bit for bit (NaN payloads and -0 included).
//
//   offset 0  'B' 'M'            magic
//          2  u8   version (1)
//          3  u8   element type (DTYPES index + 1)
//          4  u8   number of dimensions (1..4)
//          5  3 bytes reserved (0)
//          8  u32 LE per dimension
//          .. elements, little-endian, product(dims) of them
import { type Issue, issue, type Result } from '@bondline/core';

export type MapArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** A dense numeric map: `data[i0 * dims[1] * ... + ...]`, row-major, `dims` in elements. */
export interface NumericMap {
  readonly dims: readonly number[];
  readonly data: MapArray;
}

export type MapIssueCode = 'invalid-map' | 'corrupt-map';

interface DtypeInfo {
  readonly make: (length: number) => MapArray;
  readonly ctor: { readonly prototype: MapArray };
}

// Element type codes 1..8 in this order: u8, i8, u16, i16, u32, i32, f32, f64.
const DTYPES: readonly DtypeInfo[] = [
  { make: (n) => new Uint8Array(n), ctor: Uint8Array },
  { make: (n) => new Int8Array(n), ctor: Int8Array },
  { make: (n) => new Uint16Array(n), ctor: Uint16Array },
  { make: (n) => new Int16Array(n), ctor: Int16Array },
  { make: (n) => new Uint32Array(n), ctor: Uint32Array },
  { make: (n) => new Int32Array(n), ctor: Int32Array },
  { make: (n) => new Float32Array(n), ctor: Float32Array },
  { make: (n) => new Float64Array(n), ctor: Float64Array },
];

const MAGIC_0 = 0x42; // 'B'
const MAGIC_1 = 0x4d; // 'M'
const VERSION = 1;
const HEADER_BYTES = 8;
const MAX_DIMS = 4;
/** A die map of a 300 mm wafer is ~10^5 dies, an overlay map ~10^4 sites; 2^26 elements is far beyond both. */
export const MAX_MAP_ELEMENTS = 2 ** 26;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Check a map's shape against its data; `path` names it in the issue. */
export function checkMap(map: NumericMap, path: string): Issue<MapIssueCode> | undefined {
  const { dims, data } = map;
  if (dtypeIndex(data) < 0) return issue('invalid-map', `${path}.data: not a supported typed array`, path);
  if (dims.length < 1 || dims.length > MAX_DIMS) {
    return issue('invalid-map', `${path}.dims: ${dims.length} dimensions, expected 1 to ${MAX_DIMS}`, path);
  }
  let count = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0 || d > 0xffffffff) {
      return issue('invalid-map', `${path}.dims: ${String(d)} is not a dimension (integer 0..2^32-1)`, path);
    }
    count *= d;
  }
  if (count > MAX_MAP_ELEMENTS) {
    return issue('invalid-map', `${path}: ${count} elements, more than ${MAX_MAP_ELEMENTS}`, path);
  }
  if (count !== data.length) {
    return issue(
      'invalid-map',
      `${path}: dims [${dims.join(', ')}] hold ${count} elements but data has ${data.length}`,
      path,
    );
  }
  return undefined;
}

/** Encode a map (checked with `checkMap` first: a bad map is a programmer error here and throws). */
export function encodeMap(map: NumericMap): Buffer {
  const bad = checkMap(map, 'map');
  if (bad !== undefined) throw new RangeError(bad.message);
  const { dims, data } = map;
  const headerBytes = HEADER_BYTES + 4 * dims.length;
  const out = Buffer.alloc(headerBytes + data.byteLength);
  out[0] = MAGIC_0;
  out[1] = MAGIC_1;
  out[2] = VERSION;
  out[3] = dtypeIndex(data) + 1;
  out[4] = dims.length;
  dims.forEach((d, i) => {
    out.writeUInt32LE(d, HEADER_BYTES + 4 * i);
  });
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN || data.BYTES_PER_ELEMENT === 1) out.set(body, headerBytes);
  else writeSwapped(body, data.BYTES_PER_ELEMENT, out.subarray(headerBytes));
  return out;
}

/** Decode a stored map; a blob that is not one (wrong magic, size or header) is `corrupt-map`. */
export function decodeMap(bytes: Uint8Array, path: string): Result<NumericMap, MapIssueCode> {
  const corrupt = (why: string) => ({
    ok: false as const,
    issues: [issue('corrupt-map' as const, `${path}: stored map is corrupt (${why})`, path)],
  });
  if (bytes.length < HEADER_BYTES) return corrupt(`${bytes.length} bytes, shorter than the header`);
  if (bytes[0] !== MAGIC_0 || bytes[1] !== MAGIC_1) return corrupt('no BM magic');
  if (bytes[2] !== VERSION) return corrupt(`format version ${String(bytes[2])}, this code reads ${VERSION}`);
  const info = DTYPES[(bytes[3] ?? 0) - 1];
  if (info === undefined) return corrupt(`element type ${String(bytes[3])}`);
  const ndims = bytes[4] ?? 0;
  if (ndims < 1 || ndims > MAX_DIMS) return corrupt(`${ndims} dimensions`);
  const headerBytes = HEADER_BYTES + 4 * ndims;
  if (bytes.length < headerBytes) return corrupt('header cut short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(HEADER_BYTES + 4 * i, true);
    dims.push(d);
    count *= d;
  }
  if (count > MAX_MAP_ELEMENTS) return corrupt(`${count} elements`);
  const data = info.make(count);
  const expected = headerBytes + data.byteLength;
  if (bytes.length !== expected) return corrupt(`${bytes.length} bytes, header says ${expected}`);
  const target = new Uint8Array(data.buffer);
  const body = bytes.subarray(headerBytes);
  // Copied into a fresh array: the driver's Buffer may sit at an offset no typed array can view.
  if (LITTLE_ENDIAN || data.BYTES_PER_ELEMENT === 1) target.set(body);
  else writeSwapped(body, data.BYTES_PER_ELEMENT, target);
  return { ok: true, value: { dims, data } };
}

function dtypeIndex(data: MapArray): number {
  return DTYPES.findIndex((d) => Object.getPrototypeOf(data) === d.ctor.prototype);
}

// Big-endian hosts only: reverse each element's bytes.
function writeSwapped(from: Uint8Array, width: number, to: Uint8Array): void {
  for (let i = 0; i < from.length; i += width) {
    for (let b = 0; b < width; b++) to[i + b] = from[i + width - 1 - b] ?? 0;
  }
}
