// A pair's maps (typed arrays in the store, docs/fab.md §1.4) as JSON: the shape, the element type by
// name and the elements as a flat row-major array. JSON has no NaN or infinities, so those elements
// are the strings 'NaN', 'Infinity' and '-Infinity' (never null, which a client could not tell from
// a gap); every other element is a JSON number that parses back to the same value of its type
// (a float32 element is written as the double it widens to). JSON numbers do not keep -0 or a NaN's
// payload: a client that needs the bits reads the store.
import type { MapArray, NumericMap } from '../store/map-codec.js';

export type MapDtype = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64';

export const MAP_DTYPES: readonly MapDtype[] = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'f64'];

type MapElement = number | 'NaN' | 'Infinity' | '-Infinity';

export interface JsonMap {
  readonly shape: readonly number[];
  readonly dtype: MapDtype;
  readonly data: readonly MapElement[];
}

/** The map as JSON (shape, dtype, elements row-major). */
export function mapToJson(map: NumericMap): JsonMap {
  const dtype = dtypeOf(map.data);
  const isFloat = dtype === 'f32' || dtype === 'f64';
  return { shape: [...map.dims], dtype, data: isFloat ? floatElements(map.data) : Array.from(map.data) };
}

function floatElements(data: MapArray): MapElement[] {
  const out = new Array<MapElement>(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? Number.NaN;
    out[i] = Number.isFinite(v) ? v : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN';
  }
  return out;
}

function dtypeOf(data: MapArray): MapDtype {
  if (data instanceof Uint8Array) return 'u8';
  if (data instanceof Int8Array) return 'i8';
  if (data instanceof Uint16Array) return 'u16';
  if (data instanceof Int16Array) return 'i16';
  if (data instanceof Uint32Array) return 'u32';
  if (data instanceof Int32Array) return 'i32';
  if (data instanceof Float32Array) return 'f32';
  return 'f64';
}
