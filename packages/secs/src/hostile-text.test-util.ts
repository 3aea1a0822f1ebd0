// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// fast-check generators of hostile text for the property tests of the readers (SML, equipment
// model, operator scenarios): the shipped examples mutated (characters and runs inserted, deleted,
// repeated, lines shuffled and cut), plus random text, and a check that a reader's answer is a typed
// result within a time and memory bound.

import type { Issue } from '@bondline/core';
import fc from 'fast-check';
import { expect } from 'vitest';

/** Characters that trouble readers: structure, quotes, escapes, signs, invisible and wide ones. */
const NASTY = [
  '<',
  '>',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  '"',
  "'",
  '\\',
  '/',
  '*',
  '.',
  ',',
  ':',
  ';',
  '#',
  '-',
  '+',
  '=',
  '&',
  '!',
  '|',
  '?',
  '%',
  '@',
  '$',
  '${i}',
  '${',
  '0',
  '9',
  'e',
  'E',
  'x',
  '1e400',
  '-0',
  'NaN',
  'Inf',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\0',
  '\u0007',
  '\u00A0',
  '\u200B',
  '\uFEFF',
  '\u2028',
  '\u0085',
  'é',
  '€',
  'ｱ',
  '𝄞',
  '\uD800',
  'true',
  'null',
  '~',
  'L',
  'U4',
  'A',
  'S1F1',
  'W',
  'repeat',
  'end',
];

const nastyText = fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 30 });

type Edit = (t: string) => string;

const at = (t: string, f: number): number => Math.floor(f * (t.length + 1));

/** One edit of a text, positions given as fractions of its length. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), nastyText).map(
    ([p, s]): Edit =>
      (t) =>
        t.slice(0, at(t, p)) + s + t.slice(at(t, p)),
  ),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 })).map(
    ([p, n]): Edit =>
      (t) =>
        t.slice(0, at(t, p)) + t.slice(at(t, p) + n),
  ),
  // A slice repeated many times: deep nesting, long lines, huge numbers.
  fc
    .tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 2, max: 3000 }),
    )
    .map(
      ([p, len, times]): Edit =>
        (t) => {
          const i = at(t, p);
          return t.slice(0, i) + t.slice(i, i + len).repeat(times) + t.slice(i);
        },
    ),
  fc.double({ min: 0, max: 1, noNaN: true }).map(
    (p): Edit =>
      (t) =>
        t.slice(0, at(t, p)),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([a, b]): Edit =>
      (t) => {
        const lines = t.split('\n');
        const i = a % lines.length;
        const j = b % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        return lines.join('\n');
      },
  ),
  fc.constant((t: string) => `\uFEFF${t}`),
  fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
);

/** `base` with 1..6 random edits, or random text (hostile characters or any code units). */
export function hostileText(base: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(edit, { minLength: 1, maxLength: 6 }).map((es) => es.reduce((t, e) => e(t), base)),
    },
    { weight: 1, arbitrary: nastyText },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

// Characters a person cannot see: a message must name them (core's `visible`), never print them.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00A0\u2000-\u200A\u202F\u205F\u3000]/u;

/**
 * Run `read` on `input` and check the answer: it returns (never throws) within `ms`, without the heap
 * growing past `heapBytes`, a result `{ ok }`; a refusal has at least one issue, each with a kebab-case
 * code, a one-line message without invisible characters, and a path matching `path` when it has one.
 */
export function expectTypedResult(
  read: () => { ok: boolean; issues?: readonly Issue[] },
  opts: { ms: number; heapBytes: number; path: RegExp; input: string },
): void {
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = read();
  const took = performance.now() - t0;
  const grew = process.memoryUsage().heapUsed - heapBefore;
  const shown = JSON.stringify(opts.input.length > 300 ? `${opts.input.slice(0, 300)}…` : opts.input);
  expect(took, `took ${took.toFixed(0)} ms on ${shown}`).toBeLessThan(opts.ms);
  expect(grew, `heap grew ${grew} bytes on ${shown}`).toBeLessThan(opts.heapBytes);
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) return;
  expect(r.issues?.length, shown).toBeGreaterThan(0);
  for (const i of r.issues ?? []) {
    expect(i.code, shown).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(i.message.length, shown).toBeGreaterThan(0);
    expect(i.message, shown).not.toMatch(INVISIBLE);
    if (i.path !== undefined) expect(i.path, `${i.message} on ${shown}`).toMatch(opts.path);
  }
}
