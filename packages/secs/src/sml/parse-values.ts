// SML value words -> typed values for each item format, with range checks that name the word.

import type { Cursor, Mark } from './cursor.js';

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

/** Parse an integer word (decimal, 0x hex, 0b binary, optional sign) and check the format's range. */
export function parseInteger(cur: Cursor, format: string, w: Word): bigint {
  if (!INT_RE.test(w.text)) cur.fail('sml-value', `${format}: '${w.text}' is not an integer`, w.at);
  const neg = w.text.startsWith('-');
  const digits = w.text.replace(/^[+-]/, '');
  const magnitude = BigInt(digits);
  const v = neg ? -magnitude : magnitude;
  const [min, max] = INT_RANGE[format]!;
  if (v < min || v > max) cur.fail('sml-value', `${format}: ${w.text} is out of range ${min}..${max}`, w.at);
  return v;
}

/** Parse a floating-point word: decimal with optional exponent, NaN, Inf/Infinity with a sign. */
export function parseFloatWord(cur: Cursor, format: string, w: Word): number {
  const t = w.text;
  const lower = t.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (/^[+]?inf(inity)?$/.test(lower)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/.test(lower)) return Number.NEGATIVE_INFINITY;
  if (FLOAT_RE.test(t)) return Number(t);
  if (INT_RE.test(t)) return Number(BigInt(t.replace(/^[+-]/, ''))) * (t.startsWith('-') ? -1 : 1);
  return cur.fail('sml-value', `${format}: '${t}' is not a number`, w.at);
}

/** Parse a boolean word: T/F, TRUE/FALSE (any case), or an integer (non-zero = true, as on the wire). */
export function parseBoolean(cur: Cursor, w: Word): boolean {
  const lower = w.text.toLowerCase();
  if (lower === 't' || lower === 'true') return true;
  if (lower === 'f' || lower === 'false') return false;
  if (INT_RE.test(w.text)) return parseInteger(cur, 'U1', w) !== 0n;
  return cur.fail('sml-value', `BOOLEAN: '${w.text}' is not TRUE, FALSE, T, F or 0..255`, w.at);
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
    if (c === '' || c === '\n') cur.fail('sml-syntax', `string is not closed with ${quote}`, start);
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
      cur.fail('sml-syntax', `unknown escape \\${e}`, at);
    }
  }
}
