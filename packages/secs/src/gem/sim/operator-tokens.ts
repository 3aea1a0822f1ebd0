// Words of one operator-script line: whitespace separates them, double quotes group text (with \" and
// \\ escapes), and `#` outside quotes at the start of a word begins a comment.

import { LineIssue } from './operator-names.js';

export interface Token {
  /** The word, unquoted. */
  text: string;
  quoted: boolean;
  /** Offsets in the line (the quotes included). */
  start: number;
  end: number;
}

/** The words of a line up to its comment. */
export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    if (c === '"') {
      const t = quoted(line, i);
      out.push(t);
      i = t.end;
      continue;
    }
    const start = i;
    while (i < line.length && !/[ \t\r]/.test(line[i]!)) i++;
    out.push({ text: line.slice(start, i), quoted: false, start, end: i });
  }
  return out;
}

function quoted(line: string, start: number): Token {
  let text = '';
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return { text, quoted: true, start, end: i + 1 };
    if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) {
      text += line[i + 1];
      i++;
    } else text += c;
  }
  throw new LineIssue('syntax', `the quote opened at column ${start + 1} is not closed`, start + 1);
}

/**
 * The text from token `from` to the end of the line (comment excluded): one quoted word gives its
 * content, anything else the words as typed.
 */
export function restOfLine(line: string, tokens: readonly Token[], from: number): string {
  const first = tokens[from];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined) return '';
  if (tokens.length - from === 1 && first.quoted) return first.text;
  return line.slice(first.start, last.end);
}
