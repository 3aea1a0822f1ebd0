import { visible } from '@bondline/core';
import { refuse } from './refusal.js';

/** A lexical token of a KLARF file with its 1-based position. */
export interface Token {
  kind: 'word' | 'string' | 'punct';
  text: string;
  line: number;
  column: number;
}

// Every character falls in exactly one class, and each class either consumes it or stops the scan:
// that is what keeps the loop below from spinning on a character it neither skips nor reads (a
// no-break space once ended a word without being consumed, and the tokenizer looped forever).
const WORD = 0;
const SPACE = 1; // space, tab, form feed
const NEWLINE = 2; // LF, CR (CRLF counts once)
const PUNCT = 3; // { } , ;
const QUOTE = 4;
const REFUSED = 5; // other control characters, invisible and unusual spaces, U+FFFD, lone surrogates

const ascii = new Uint8Array(128);
for (let c = 0; c < 32; c++) ascii[c] = REFUSED;
ascii[127] = REFUSED;
for (const ch of ' \t\f') ascii[ch.charCodeAt(0)] = SPACE;
for (const ch of '\n\r') ascii[ch.charCodeAt(0)] = NEWLINE;
for (const ch of '{},;') ascii[ch.charCodeAt(0)] = PUNCT;
ascii['"'.charCodeAt(0)] = QUOTE;

// Beyond ASCII: control, format (byte-order mark, zero-width...), every space but U+0020, line and
// paragraph separators, unpaired surrogates, and the replacement character a lenient decoder leaves
// where the bytes were not UTF-8.
const refusedBeyondAscii = /^[\p{Cc}\p{Cf}\p{Z}\p{Cs}\uFFFD]$/u;

function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return ascii[code]!;
  return refusedBeyondAscii.test(String.fromCodePoint(text.codePointAt(i)!)) ? REFUSED : WORD;
}

/** Code units the character at `i` takes (2 for a character beyond the Basic Multilingual Plane). */
function width(text: string, i: number): number {
  return text.codePointAt(i)! > 0xffff ? 2 : 1;
}

/** Why a character is refused, with its name (`<U+00A0 no-break space>`). */
function refusal(text: string, i: number): string {
  const cp = text.codePointAt(i)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  if (cp === 0xfffd) {
    return `<U+FFFD replacement character>: the file's bytes are not UTF-8 text here`;
  }
  if (cp >= 0xd800 && cp <= 0xdfff) return `<U+${hex}>: half of a UTF-16 surrogate pair; the text is damaged`;
  const name = visible(String.fromCodePoint(cp));
  if (cp === 0xfeff) return `${name} inside the file (only the first character of a file may be one)`;
  if (cp === 0 || (cp < 32 && cp !== 11) || cp === 127 || (cp >= 0x80 && cp < 0xa0)) {
    return `${name}, a control character: this is binary data, not KLARF text`;
  }
  return `${name} where KLARF allows only ordinary spaces, tabs and line breaks between values; retype it as a space`;
}

/**
 * Split KLARF text (1.x and 1.8 share the lexical rules) into words, quoted strings and the
 * punctuation { } , ; with line and column. A byte-order mark at the very start is skipped; any
 * other character a person cannot see (no-break space, vertical tab, NUL, ...) is refused with its
 * name and position, so that it can neither hang the reader nor silently split or glue values.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i === 1) lineStart = 1; // columns count from the first character after the mark
  const n = text.length;
  while (i < n) {
    const cls = classAt(text, i);
    const column = i - lineStart + 1;
    if (cls === SPACE) {
      i++;
    } else if (cls === NEWLINE) {
      i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      lineStart = i;
    } else if (cls === PUNCT) {
      out.push({ kind: 'punct', text: text[i]!, line, column });
      i++;
    } else if (cls === QUOTE) {
      let j = i + 1;
      for (;;) {
        if (j >= n) refuse({ line, column }, 'unterminated string');
        const c = classAt(text, j);
        if (c === QUOTE) break;
        if (c === NEWLINE) refuse({ line, column }, 'unterminated string (a string ends on its line)');
        if (c === REFUSED) refuse({ line, column: j - lineStart + 1 }, refusal(text, j), 'bad-character');
        j += width(text, j);
      }
      out.push({ kind: 'string', text: text.slice(i + 1, j), line, column });
      i = j + 1;
    } else if (cls === REFUSED) {
      refuse({ line, column }, refusal(text, i), 'bad-character');
    } else {
      // The character at i is a word character, so the word has at least one: i always advances.
      let j = i;
      while (j < n) {
        const code = text.charCodeAt(j);
        if (code < 128 ? ascii[code] !== WORD : classAt(text, j) !== WORD) break;
        j += code < 128 ? 1 : width(text, j);
      }
      out.push({ kind: 'word', text: text.slice(i, j), line, column });
      i = j;
    }
  }
  return out;
}

/** A token as a message shows it: quoted, at most 40 characters (never half a surrogate pair). */
export function quoted(t: Token): string {
  // 40 characters take at most 80 code units: spread only those (a token can be megabytes long).
  const chars = [...t.text.slice(0, 81)];
  return `'${chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : t.text}'`;
}
