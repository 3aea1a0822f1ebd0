// Hostile input for the reader fuzz tests: the shipped examples, damaged the ways real files get damaged
// (cut, duplicated, re-encoded, hand-edited in a word processor) and the ways an attacker would damage
// them (huge or non-finite numbers, deep nesting, alias bombs, binary junk).
import fc from 'fast-check';

/** Pieces of text that have broken readers: invisible characters, numbers beyond bounds, structure. */
const HOSTILE_PIECES: readonly string[] = [
  '\uFEFF',
  '\u00A0',
  '\u000B',
  '\u000C',
  '\u0000',
  '\uFFFD',
  '\u200B',
  '\u2028',
  '\uD800',
  '\r',
  '\r\n',
  '\t',
  '1e300',
  '-1e300',
  '1e999',
  '-1',
  '-0',
  'NaN',
  '.nan',
  'Infinity',
  '.inf',
  '0x1F',
  '9007199254740993',
  '{',
  '}',
  ';',
  ',',
  '"',
  "'",
  '[',
  ']',
  ': ',
  '- ',
  '&a ',
  '*a',
  '<<: *a',
  '#',
  '\n',
  '{'.repeat(300),
  '['.repeat(300),
  '- '.repeat(300),
  'Record X "y" {'.repeat(40),
  ' 1 1 1 1 1 1 1 1 1 1'.repeat(50),
];

type Op =
  | { kind: 'insert'; at: number; piece: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    piece: fc.constantFrom(...HOSTILE_PIECES),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    piece: fc.string({ unit: 'binary', maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
    times: fc.integer({ min: 2, max: 30 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(text: string, o: Op): string {
  const at = text.length === 0 ? 0 : o.at % (text.length + 1);
  switch (o.kind) {
    case 'insert':
      return text.slice(0, at) + o.piece + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + o.length);
    case 'repeat':
      return text.slice(0, at) + text.slice(at, at + o.length).repeat(o.times) + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** A seed text with one to four damages, or random text (a tenth of the time). */
export function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      {
        weight: 9,
        arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(op, { minLength: 1, maxLength: 4 })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.string({ unit: 'binary', maxLength: 300 }), fc.constant([] as Op[])),
      },
    )
    .map(([seed, ops]) => ops.reduce(apply, seed));
}

type ByteOp =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'prefix'; bytes: readonly number[] };

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 64 }),
    times: fc.integer({ min: 2, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('prefix' as const),
    bytes: fc.constantFrom<readonly number[]>(
      [0xef, 0xbb, 0xbf],
      [0xff, 0xfe],
      [0xfe, 0xff],
      [0x00],
      [0x89, 0x50, 0x4e, 0x47],
    ),
  }),
);

function applyBytes(b: Uint8Array, o: ByteOp): Uint8Array {
  const at = b.length === 0 || o.kind === 'prefix' ? 0 : o.at % b.length;
  switch (o.kind) {
    case 'set': {
      const c = b.slice();
      if (c.length > 0) c[at] = o.value;
      return c;
    }
    case 'cut':
      return b.slice(0, at);
    case 'repeat': {
      const part = b.slice(at, at + o.length);
      const out = new Uint8Array(b.length + part.length * (o.times - 1));
      out.set(b.subarray(0, at));
      for (let k = 0; k < o.times; k++) out.set(part, at + k * part.length);
      out.set(b.subarray(at + part.length), at + o.times * part.length);
      return out;
    }
    case 'prefix':
      return new Uint8Array([...o.bytes, ...b]);
  }
}

/** Seed bytes with one to four byte-level damages, or random bytes (a tenth of the time). */
export function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .oneof(
      {
        weight: 9,
        arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(byteOp, { minLength: 1, maxLength: 4 })),
      },
      { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.constant([] as ByteOp[])) },
    )
    .map(([seed, ops]) => ops.reduce(applyBytes, seed));
}

/** Text as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
