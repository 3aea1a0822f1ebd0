// Hostile bytes for the property tests of every reader of files: a good file damaged byte by byte
// (bytes changed, a cut, a run repeated, byte-order marks, NUL, UTF-8 that is not, another format's
// signature), plus random bytes.
import fc from 'fast-check';
import { repeatEdit, truncateEdit } from './shared-edits.js';

/** Byte sequences that have broken readers: byte-order marks, NUL, bad UTF-8, a PNG signature. */
const MARKS: readonly (readonly number[])[] = [
  [0xef, 0xbb, 0xbf],
  [0xfe, 0xff],
  [0xff, 0xfe],
  [0x00],
  [0xc0, 0xaf],
  [0xff],
  [0xe2, 0x80],
  [0x89, 0x50, 0x4e, 0x47],
];

type ByteEdit =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: readonly number[] }
  | { kind: 'prefix'; bytes: readonly number[] }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.constantFrom(...MARKS), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 })),
  }),
  fc.record({ kind: fc.constant('prefix' as const), bytes: fc.constantFrom(...MARKS) }),
  repeatEdit(64, 20),
  truncateEdit,
);

function apply(b: Uint8Array, e: ByteEdit): Uint8Array {
  const n = b.length;
  switch (e.kind) {
    case 'set': {
      const c = b.slice();
      if (n > 0) c[e.at % n] = e.value;
      return c;
    }
    case 'insert': {
      const at = e.at % (n + 1);
      return Uint8Array.from([...b.subarray(0, at), ...e.bytes, ...b.subarray(at)]);
    }
    case 'prefix':
      return Uint8Array.from([...e.bytes, ...b]);
    case 'repeat': {
      const at = n === 0 ? 0 : e.at % n;
      const part = b.subarray(at, at + e.length);
      const out = new Uint8Array(n + part.length * (e.times - 1));
      out.set(b.subarray(0, at));
      for (let k = 0; k < e.times; k++) out.set(part, at + k * part.length);
      out.set(b.subarray(at + part.length), at + e.times * part.length);
      return out;
    }
    case 'truncate':
      return b.slice(0, e.at % (n + 1));
  }
}

/**
 * A seed with 1 to `maxEdits` byte-level damages (default 6), or random bytes (a tenth of the time).
 * The seeds are never changed.
 */
export function hostileBytes(
  seeds: Uint8Array | readonly Uint8Array[],
  maxEdits = 6,
): fc.Arbitrary<Uint8Array> {
  const list = seeds instanceof Uint8Array ? [seeds] : seeds;
  return fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .tuple(fc.constantFrom(...list), fc.array(byteEdit, { minLength: 1, maxLength: maxEdits }))
        .map(([seed, es]) => es.reduce(apply, seed)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  );
}
