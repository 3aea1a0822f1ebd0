// Shared by the property tests of the readers: mutations of a good input (text and bytes) that a
// hostile or broken file could hold, and the checks every reader's answer must pass: a typed result
// within a time bound, every issue in the one shape with a visible, one-line message.
import { visible } from '@bondline/core';
import fc from 'fast-check';
import { expect } from 'vitest';

/** Text a file should not hold but might: encodings, invisible characters, syntax, extreme numbers. */
const NASTY = [
  '\uFEFF',
  '\u0000',
  '\u00A0',
  '\u200B',
  '\u202E',
  '\t',
  '\r',
  '\r\n',
  '\n',
  ' ',
  '"',
  "'",
  ',',
  ';',
  '#',
  '[',
  ']',
  '{',
  '}',
  ':',
  '- ',
  '&a [1, 2]',
  '*a',
  '<<: *a',
  '!!binary',
  '1e309',
  '-1e309',
  '1e-400',
  '1e308',
  '-0',
  'NaN',
  '.nan',
  '.inf',
  'Infinity',
  '0x1F',
  '9'.repeat(400),
  'null',
  'true',
  '💥',
  'é',
];

type Edit =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number; times: number }
  | { kind: 'swap-lines'; a: number; b: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12, unit: 'binary' })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('duplicate-line' as const),
    at: fc.nat(),
    times: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
);

function apply(text: string, e: Edit): string {
  const n = text.length;
  switch (e.kind) {
    case 'delete': {
      const at = n === 0 ? 0 : e.at % n;
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'insert': {
      const at = e.at % (n + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, e.at % (n + 1));
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = e.at % lines.length;
      lines.splice(i, 0, ...Array<string>(e.times).fill(lines[i] ?? ''));
      return lines.join('\n');
    }
    case 'swap-lines': {
      const lines = text.split('\n');
      const a = e.a % lines.length;
      const b = e.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
  }
}

/** `base` with up to `maxEdits` random edits (deletions, insertions of nasty text, truncation, ...). */
export function mutatedText(base: string, maxEdits = 6): fc.Arbitrary<string> {
  return fc.array(edit, { minLength: 1, maxLength: maxEdits }).map((edits) => edits.reduce(apply, base));
}

/** `base` with its numbers replaced by extreme or malformed ones (every number token may be hit). */
export function extremeNumbers(base: string): fc.Arbitrary<string> {
  const tokens = [...base.matchAll(/-?\d+(\.\d+)?(e-?\d+)?/g)];
  const replacement = fc.constantFrom(
    '1e309',
    '-1e309',
    '1e308',
    '-1.7976931348623157e308',
    '1e200',
    '5e-324',
    '0',
    '-0',
    '1e15',
    '123456789012345678901234567890',
    'NaN',
    '.inf',
    '"12"',
    '',
  );
  return fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 8 }).map((hits) => {
    const chosen = new Map(hits.map(([i, r]) => [i % Math.max(1, tokens.length), r]));
    let out = '';
    let last = 0;
    tokens.forEach((m, i) => {
      const r = chosen.get(i);
      if (r === undefined) return;
      out += base.slice(last, m.index) + r;
      last = (m.index ?? 0) + m[0].length;
    });
    return out + base.slice(last);
  });
}

type ByteEdit =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: readonly number[] }
  | { kind: 'truncate'; at: number };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.constantFrom(
        [0xef, 0xbb, 0xbf],
        [0xfe, 0xff],
        [0xff, 0xfe],
        [0x00],
        [0xc0, 0xaf],
        [0xff],
        [0xe2, 0x80],
      ),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** `base` bytes with up to `maxEdits` random byte edits (flips, inserted encodings marks, truncation). */
export function mutatedBytes(base: Uint8Array, maxEdits = 6): fc.Arbitrary<Uint8Array> {
  return fc.array(byteEdit, { minLength: 1, maxLength: maxEdits }).map((edits) => {
    let b = Uint8Array.from(base);
    for (const e of edits) {
      const n = b.length;
      if (e.kind === 'flip' && n > 0) b[e.at % n] = e.value;
      else if (e.kind === 'insert') {
        const at = e.at % (n + 1);
        b = Uint8Array.from([...b.subarray(0, at), ...e.bytes, ...b.subarray(at)]);
      } else if (e.kind === 'truncate') b = b.slice(0, e.at % (n + 1));
    }
    return b;
  });
}

/** Most a reader may take on one input of the test sizes (a loaded 2-core machine included). */
const READER_MS = 3000;

/**
 * Run `read` on one input and check its answer: it returns (no throw) within `maxMs`, and is a
 * Result; every issue has a kebab-case code and a one-line message in which every character can be
 * seen. Returns the result for further checks.
 */
export function typedWithin<R extends { ok: boolean }>(read: () => R, maxMs = READER_MS): R {
  const t0 = performance.now();
  const r = read();
  const ms = performance.now() - t0;
  expect(ms, 'reader time').toBeLessThan(maxMs);
  expectIssuesShape(r);
  return r;
}

/** The one failure shape, with messages a person can read as they stand. */
function expectIssuesShape(r: { ok: boolean }): void {
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    expect(r).toHaveProperty('value');
    return;
  }
  const issues = (r as unknown as { issues: { code: unknown; message: unknown; path?: unknown }[] }).issues;
  expect(Array.isArray(issues) && issues.length > 0).toBe(true);
  for (const i of issues) {
    expect(i.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(typeof i.message).toBe('string');
    const m = i.message as string;
    expect(m.length).toBeGreaterThan(0);
    expect(m, 'one line').not.toContain('\n');
    expect(visible(m), 'no invisible character in a message').toBe(m);
    if (i.path !== undefined) expect(typeof i.path).toBe('string');
  }
}

/** Megabytes of heap in use now (after a collection when --expose-gc allows one). */
export function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}
