import { KlarfSyntaxError } from './types.js';

/** A lexical token of a KLARF file with its 1-based position. */
export interface Token {
  kind: 'word' | 'string' | 'punct';
  text: string;
  line: number;
  column: number;
}

const punct = new Set(['{', '}', ',', ';']);

// Characters that end a word: whitespace, { } , ; and the quote. A lookup table keeps the
// tokenizer at a few ns per character on multi-megabyte defect lists.
const delimiter = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v{},;"') delimiter[ch.charCodeAt(0)] = 1;

function isDelimiter(code: number): boolean {
  return code < 128 ? delimiter[code] === 1 : code === 0xa0 || code === 0xfeff;
}

/**
 * Split KLARF text (1.x and 1.8 share the lexical rules) into words, quoted
 * strings and the punctuation { } , ; with line and column.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
      i++;
      continue;
    }
    const column = i - lineStart + 1;
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        throw new KlarfSyntaxError({ code: 'syntax', message: 'unterminated string', line, column });
      }
      out.push({ kind: 'string', text: text.slice(i + 1, end), line, column });
      i = end + 1;
      continue;
    }
    if (punct.has(ch)) {
      out.push({ kind: 'punct', text: ch, line, column });
      i++;
      continue;
    }
    let j = i;
    while (j < n && !isDelimiter(text.charCodeAt(j))) j++;
    out.push({ kind: 'word', text: text.slice(i, j), line, column });
    i = j;
  }
  return out;
}

/** Parse a token as a finite number or throw a syntax error naming `what`. */
export function numberOf(t: Token, what: string): number {
  const v = Number(t.text);
  if (t.kind !== 'word' || t.text === '' || !Number.isFinite(v)) {
    throw new KlarfSyntaxError({
      code: 'bad_value',
      message: `${what}: '${t.text}' is not a number`,
      line: t.line,
      column: t.column,
    });
  }
  return v;
}
