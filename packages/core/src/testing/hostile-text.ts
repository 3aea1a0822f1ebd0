// Hostile text for the property tests of every reader: a good input (a shipped example) damaged the
// ways real files get damaged (cut, lines repeated or swapped, re-encoded, hand-edited in a word
// processor) and the ways an attacker would damage it (invisible characters, numbers beyond every
// bound, deep nesting, a piece repeated thousands of times), plus random text.
import fc from 'fast-check';
import { repeatEdit, truncateEdit } from './shared-edits.js';

/** Pieces of text that have broken readers; a reader's own syntax is added with `pieces`. */
const HOSTILE_PIECES: readonly string[] = [
  // invisible, misleading or not text at all
  '\uFEFF',
  '\u0000',
  '\u0007',
  '\u000B',
  '\u000C',
  '\u0085',
  '\u00A0',
  '\u200B',
  '\u202E',
  '\u2028',
  '\uFFFD',
  '\uD800',
  '\t',
  '\r',
  '\r\n',
  '\n',
  ' ',
  '  ',
  // wide characters (two UTF-16 units, several UTF-8 bytes)
  'é',
  '€',
  'ｱ',
  '𝄞',
  '💥',
  // numbers beyond bounds or written oddly
  '0',
  '9',
  'e',
  'E',
  'x',
  '-1',
  '-0',
  '1e300',
  '-1e300',
  '1e308',
  '1e309',
  '-1e309',
  '1e999',
  '1e-400',
  'NaN',
  '.nan',
  'Inf',
  'Infinity',
  '.inf',
  '0x1F',
  '9007199254740993',
  '9'.repeat(400),
  // structure
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '"',
  "'",
  '\\',
  '/',
  '*',
  '.',
  ',',
  ':',
  ': ',
  ';',
  '#',
  '-',
  '- ',
  '+',
  '=',
  '&',
  '!',
  '|',
  '?',
  '%',
  '@',
  '$',
  '~',
  // YAML: anchors, aliases, merge keys, tags, scalars that are not strings
  '&a ',
  '&a [1, 2]',
  '*a',
  '<<: *a',
  '!!binary',
  'null',
  'true',
  // deep nesting and huge counts
  '{'.repeat(300),
  '['.repeat(300),
  '- '.repeat(300),
  ' 1 1 1 1 1 1 1 1 1 1'.repeat(50),
];

/** Most characters one edit adds: enough for deep nesting and huge counts, small enough to read quickly. */
const MAX_REPEAT_CHARS = 40_000;

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number; times: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'byte-order-mark' }
  | { kind: 'crlf' };

function edits(pieces: readonly string[]): fc.Arbitrary<Edit> {
  const piece = fc.constantFrom(...pieces);
  return fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: piece }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(
        fc.string({ unit: piece, minLength: 1, maxLength: 30 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      ),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 40 }),
    }),
    repeatEdit(200, 3000),
    truncateEdit,
    fc.record({
      kind: fc.constant('duplicate-line' as const),
      at: fc.nat(),
      times: fc.integer({ min: 1, max: 50 }),
    }),
    fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
    fc.constant({ kind: 'byte-order-mark' as const }),
    fc.constant({ kind: 'crlf' as const }),
  );
}

function apply(text: string, e: Edit): string {
  const n = text.length;
  switch (e.kind) {
    case 'insert': {
      const at = e.at % (n + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'delete': {
      const at = n === 0 ? 0 : e.at % n;
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'repeat': {
      const at = e.at % (n + 1);
      const part = text.slice(at, at + e.length);
      const times = Math.max(2, Math.min(e.times, Math.floor(MAX_REPEAT_CHARS / Math.max(1, part.length))));
      return text.slice(0, at) + part.repeat(times) + text.slice(at + part.length);
    }
    case 'truncate':
      return text.slice(0, e.at % (n + 1));
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = e.at % lines.length;
      const line = lines[i] ?? '';
      const times = Math.min(e.times, Math.max(1, Math.floor(MAX_REPEAT_CHARS / Math.max(1, line.length))));
      lines.splice(i, 0, ...Array<string>(times).fill(line));
      return lines.join('\n');
    }
    case 'swap-lines': {
      const lines = text.split('\n');
      const a = e.a % lines.length;
      const b = e.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'byte-order-mark':
      return `\uFEFF${text}`;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
  }
}

/** What a reader's hostile text is made of besides the common pieces. */
export interface HostileTextOptions {
  /** The reader's own syntax (keywords, format names), inserted like the common hostile pieces. */
  pieces?: readonly string[];
  /** Most edits of one seed (default 6). */
  maxEdits?: number;
}

/**
 * A seed with 1 to `maxEdits` damages (inserted hostile pieces, deleted and repeated runs, a cut,
 * repeated and swapped lines, a byte-order mark, CRLF line ends), or random text (a fifth of the time:
 * hostile pieces strung together, or any UTF-16 code units).
 */
export function hostileText(
  seeds: string | readonly string[],
  options: HostileTextOptions = {},
): fc.Arbitrary<string> {
  const pieces = [...HOSTILE_PIECES, ...(options.pieces ?? [])];
  const list = typeof seeds === 'string' ? [seeds] : seeds;
  const damaged = fc
    .tuple(
      fc.constantFrom(...list),
      fc.array(edits(pieces), { minLength: 1, maxLength: options.maxEdits ?? 6 }),
    )
    .map(([seed, es]) => es.reduce(apply, seed));
  return fc.oneof(
    { weight: 8, arbitrary: damaged },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...pieces), maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );
}

const EXTREME_NUMBERS = [
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
];

/** `base` with up to eight of its numbers replaced by extreme or malformed ones (any number may be hit). */
export function extremeNumbers(base: string): fc.Arbitrary<string> {
  const tokens = [...base.matchAll(/-?\d+(\.\d+)?(e-?\d+)?/g)];
  const replacement = fc.constantFrom(...EXTREME_NUMBERS);
  return fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 8 }).map((hits) => {
    const chosen = new Map(hits.map(([i, r]) => [i % Math.max(1, tokens.length), r]));
    let out = '';
    let last = 0;
    tokens.forEach((m, i) => {
      const r = chosen.get(i);
      if (r === undefined) return;
      out += base.slice(last, m.index) + r;
      last = m.index + m[0].length;
    });
    return out + base.slice(last);
  });
}
