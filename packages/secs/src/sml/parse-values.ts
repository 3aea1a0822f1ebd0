// SML value words -> typed values for each item format, with range checks that name the word.

import { visible } from '@bondline/core';
import { type Cursor, type Mark, quoted } from './cursor.js';

export interface Word {
  text: string;
  at: Mark;
}

const INT_RE = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)$/;
const FLOAT_RE = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

const INT_RANGE: Record<string, [bigint, bigint]> = {
  I1: [-128n, 127n],
  I2: [-32768n, 32767n],
  I4: [-2147483648n, 2147483647n],
  I8: [-(1n << 63n), (1n << 63n) - 1n],
  U1: [0n, 255n],
  U2: [0n, 65535n],
  U4: [0n, 4294967295n],
  U8: [0n, (1n << 64n) - 1n],
  B: [0n, 255n],
};

// Longer integer words are out of every format's range whatever their digits (0b with 64 digits and
// a sign is the longest that fits; leading zeros past this are refused too); not converting them
// keeps a megabyte of digits from costing BigInt's superlinear parse.
const MAX_INT_WORD = 80;

/** Parse an integer word (decimal, 0x hex, 0b binary, optional sign) and check the format's range. */
export function parseInteger(cur: Cursor, format: string, w: Word): bigint {
  if (!INT_RE.test(w.text)) cur.fail('sml-value', `${format}: ${quoted(w.text)} is not an integer`, w.at);
  const [min, max] = INT_RANGE[format]!;
  if (w.text.length > MAX_INT_WORD)
    cur.fail('sml-value', `${format}: ${quoted(w.text)} is out of range ${min}..${max}`, w.at);
  const neg = w.text.startsWith('-');
  const digits = w.text.replace(/^[+-]/, '');
  const magnitude = BigInt(digits);
  const v = neg ? -magnitude : magnitude;
  if (v < min || v > max) cur.fail('sml-value', `${format}: ${w.text} is out of range ${min}..${max}`, w.at);
  return v;
}

/**
 * Parse a floating-point word: decimal with optional exponent, NaN, Inf/Infinity with a sign. A finite
 * word too large for the format (1e39 in F4, 1e400 in F8) is refused rather than read as infinity.
 */
export function parseFloatWord(cur: Cursor, format: 'F4' | 'F8', w: Word): number {
  const t = w.text;
  const lower = t.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (/^[+]?inf(inity)?$/.test(lower)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/.test(lower)) return Number.NEGATIVE_INFINITY;
  let n: number;
  if (FLOAT_RE.test(t)) n = Number(t);
  else if (INT_RE.test(t) && t.length <= MAX_INT_WORD)
    n = Number(BigInt(t.replace(/^[+-]/, ''))) * (t.startsWith('-') ? -1 : 1);
  else if (INT_RE.test(t)) n = t.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  else return cur.fail('sml-value', `${format}: ${quoted(t)} is not a number`, w.at);
  if (!Number.isFinite(format === 'F4' ? Math.fround(n) : n))
    cur.fail(
      'sml-value',
      `${format}: ${quoted(t)} is out of range (largest ${format} ${format === 'F4' ? '3.4028235e38' : '1.7976931348623157e308'}; write Inf for infinity)`,
      w.at,
    );
  return n;
}

/** Parse a boolean word: T/F, TRUE/FALSE (any case), or an integer (non-zero = true, as on the wire). */
export function parseBoolean(cur: Cursor, w: Word): boolean {
  const lower = w.text.toLowerCase();
  if (lower === 't' || lower === 'true') return true;
  if (lower === 'f' || lower === 'false') return false;
  if (INT_RE.test(w.text)) return parseInteger(cur, 'U1', w) !== 0n;
  return cur.fail('sml-value', `BOOLEAN: ${quoted(w.text)} is not TRUE, FALSE, T, F or 0..255`, w.at);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
};

/**
 * Read one quoted string ("..." or '...') at the cursor. Escapes: \" \' \\ \n \r \t \0, \xHH and
 * \u{H...} (code points). A string may not run past the end of its line.
 */
export function readQuoted(cur: Cursor): string {
  const start = cur.mark();
  const quote = cur.next();
  let out = '';
  for (;;) {
    const at = cur.mark();
    const c = cur.next();
    if (c === '') cur.fail('sml-incomplete', `string is not closed with ${quote}`, start);
    if (c === '\n') cur.fail('sml-syntax', `string is not closed with ${quote} on its line`, start);
    if (c === quote) return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = cur.next();
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
    } else if (e === 'x') {
      const hex = cur.peek() + cur.peek(1);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) cur.fail('sml-syntax', '\\x needs two hex digits', at);
      cur.next();
      cur.next();
      out += String.fromCharCode(Number.parseInt(hex, 16));
    } else if (e === 'u' && cur.peek() === '{') {
      cur.next();
      let hex = '';
      while (/[0-9a-fA-F]/.test(cur.peek()) && hex.length < 7) hex += cur.next();
      if (cur.next() !== '}' || hex === '' || Number.parseInt(hex, 16) > 0x10ffff)
        cur.fail('sml-syntax', '\\u{...} needs 1..6 hex digits of a code point', at);
      out += String.fromCodePoint(Number.parseInt(hex, 16));
    } else {
      if (e === '') cur.fail('sml-incomplete', `string is not closed with ${quote}`, start);
      cur.fail('sml-syntax', `unknown escape \\${visible(e)}`, at);
    }
  }
}
