// The SECS-II item model (SEMI E5). An item is a tagged value; numeric items hold a typed array
// (length 0 allowed), so a large array decoded from the wire is one allocation, not N numbers.

/** Integer and floating-point item formats. */
export type NumericFormat = 'I1' | 'I2' | 'I4' | 'I8' | 'U1' | 'U2' | 'U4' | 'U8' | 'F4' | 'F8';

/** Every item format: list, binary, boolean, ASCII, JIS-8 and the numeric ones. */
export type ItemFormat = 'L' | 'B' | 'BOOLEAN' | 'A' | 'J' | NumericFormat;

/** The typed array that holds each numeric format's values. 64-bit integers are bigint. */
export interface NumericArrays {
  I1: Int8Array;
  I2: Int16Array;
  I4: Int32Array;
  I8: BigInt64Array;
  U1: Uint8Array;
  U2: Uint16Array;
  U4: Uint32Array;
  U8: BigUint64Array;
  F4: Float32Array;
  F8: Float64Array;
}

/** A list of items (length 0 allowed). */
export interface ListItem {
  format: 'L';
  value: Item[];
}

/** Binary bytes (format B). */
export interface BinaryItem {
  format: 'B';
  value: Uint8Array;
}

/** Booleans; on the wire one byte each, any non-zero byte reads as true. */
export interface BooleanItem {
  format: 'BOOLEAN';
  value: boolean[];
}

/**
 * ASCII text. Each character is one byte; characters U+0000..U+00FF are accepted so that 8-bit bytes
 * that equipment sometimes sends survive a decode/encode round trip unchanged.
 */
export interface AsciiItem {
  format: 'A';
  value: string;
}

/**
 * JIS-8 (JIS X 0201) text held as Unicode: byte 0x5C is '¥', 0x7E is '‾', 0xA1..0xDF are half-width
 * katakana U+FF61..U+FF9F. Bytes JIS X 0201 leaves undefined (0x80..0xA0, 0xE0..0xFF) map to the
 * code point of the same number so that no byte is lost.
 */
export interface JisItem {
  format: 'J';
  value: string;
}

/** A numeric item: its format and a typed array of its values. */
export type NumericItem = { [F in NumericFormat]: { format: F; value: NumericArrays[F] } }[NumericFormat];

/** Any SECS-II item. */
export type Item = ListItem | BinaryItem | BooleanItem | AsciiItem | JisItem | NumericItem;

/** Bytes per element of each non-list format (text and binary: 1 per character/byte). */
export const ELEMENT_BYTES: Readonly<Record<Exclude<ItemFormat, 'L'>, number>> = {
  B: 1,
  BOOLEAN: 1,
  A: 1,
  J: 1,
  I1: 1,
  I2: 2,
  I4: 4,
  I8: 8,
  U1: 1,
  U2: 2,
  U4: 4,
  U8: 8,
  F4: 4,
  F8: 8,
};

/** All formats, in E5 table order. */
export const ITEM_FORMATS: readonly ItemFormat[] = [
  'L',
  'B',
  'BOOLEAN',
  'A',
  'J',
  'I8',
  'I1',
  'I2',
  'I4',
  'F8',
  'F4',
  'U8',
  'U1',
  'U2',
  'U4',
];

const NUMERIC = new Set<string>(['I1', 'I2', 'I4', 'I8', 'U1', 'U2', 'U4', 'U8', 'F4', 'F8']);

/** True when `format` is an integer or floating-point format. */
export function isNumericFormat(format: string): format is NumericFormat {
  return NUMERIC.has(format);
}

/** True when `item` is numeric (narrows the type). */
export function isNumericItem(item: Item): item is NumericItem {
  return NUMERIC.has(item.format);
}

/** Number of elements of an item: list members, bytes, booleans, characters or numbers. */
export function itemLength(item: Item): number {
  return item.value.length;
}
