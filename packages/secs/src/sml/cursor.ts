// A read cursor over SML text that tracks line and column (both 1-based) for the issues it raises.

import { type Issue, issue, visible } from '@bondline/core';

/**
 * Why SML text was refused:
 * - `sml-syntax`: not SML (a character or word out of place);
 * - `sml-incomplete`: the text ends inside a message, item, string or comment (more text may complete it);
 * - `sml-value`: a value that its format cannot hold (out of range, not a number, a character with no code);
 * - `sml-count`: an `[n]` count that differs from what the item holds;
 * - `sml-too-deep`: lists nested deeper than the limit;
 * - `sml-empty`: no message at all where the caller needs one (`allowEmpty: false`).
 */
export type SmlIssueCode =
  | 'sml-syntax'
  | 'sml-incomplete'
  | 'sml-value'
  | 'sml-count'
  | 'sml-too-deep'
  | 'sml-empty';

/** Thrown inside the parser only; the public functions turn it into a result value. */
export class SmlFailure extends Error {
  constructor(readonly issue: Issue<SmlIssueCode>) {
    super(issue.message);
  }
}

export interface Mark {
  pos: number;
  line: number;
  column: number;
}

const BOM = '\uFEFF';

/** A word or character as a message quotes it: invisible characters named, long words cut. */
export function quoted(s: string): string {
  if (s === '') return 'the end of the text';
  const cut = s.length > 40 ? `${s.slice(0, 40)}… (${s.length} characters)` : s;
  return `'${visible(cut)}'`;
}

export class Cursor {
  pos: number;
  line: number;
  column = 1;

  /**
   * @param source named in every message (`file:line:column: ...`); without it messages say
   *   `line L, column C: ...`. A leading UTF-8 byte-order mark is skipped.
   * @param firstLine the line number of the text's first line (text read in pieces)
   */
  constructor(
    readonly text: string,
    readonly source?: string,
    firstLine = 1,
  ) {
    this.pos = text.startsWith(BOM) ? 1 : 0;
    this.line = firstLine;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  mark(): Mark {
    return { pos: this.pos, line: this.line, column: this.column };
  }

  next(): string {
    const c = this.text[this.pos++] ?? '';
    if (c === '\n') {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    return c;
  }

  fail(code: SmlIssueCode, what: string, at: Mark = this.mark()): never {
    const where =
      this.source === undefined
        ? `line ${at.line}, column ${at.column}`
        : `${this.source}:${at.line}:${at.column}`;
    throw new SmlFailure(issue(code, `${where}: ${what}`, `${at.line}:${at.column}`));
  }

  /** Skip whitespace, `// line` comments and `/* block *\/` comments. */
  skipBlank(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
        this.next();
      } else if (c === '/' && this.peek(1) === '/') {
        while (!this.done && this.peek() !== '\n') this.next();
      } else if (c === '/' && this.peek(1) === '*') {
        const start = this.mark();
        this.next();
        this.next();
        while (!(this.peek() === '*' && this.peek(1) === '/')) {
          if (this.done) this.fail('sml-incomplete', 'comment is not closed with */', start);
          this.next();
        }
        this.next();
        this.next();
      } else {
        return;
      }
    }
  }

  /** Read a run of characters up to blank, '<', '>', '[', ']', a quote, a comment or (outside items) '.'. */
  word(stopAtDot = false): string {
    const start = this.pos;
    for (;;) {
      const c = this.peek();
      if (c === '' || ' \t\n\r\f\v<>[]"\''.includes(c) || (stopAtDot && c === '.')) break;
      if (c === '/' && (this.peek(1) === '/' || this.peek(1) === '*')) break;
      this.next();
    }
    return this.text.slice(start, this.pos);
  }
}
