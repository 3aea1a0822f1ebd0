// A read cursor over SML text that tracks line and column (both 1-based) for error messages.

export type SmlErrorCode = 'sml-syntax' | 'sml-value' | 'sml-count';

/** Where SML text is wrong: line and column are 1-based; the message names both. */
export interface SmlError {
  code: SmlErrorCode;
  message: string;
  line: number;
  column: number;
}

/** Thrown inside the parser only; the public functions turn it into a result value. */
export class SmlFailure extends Error {
  constructor(readonly error: SmlError) {
    super(error.message);
  }
}

export interface Mark {
  pos: number;
  line: number;
  column: number;
}

export class Cursor {
  pos = 0;
  line = 1;
  column = 1;
  constructor(readonly text: string) {}

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

  fail(code: SmlErrorCode, what: string, at: Mark = this.mark()): never {
    throw new SmlFailure({
      code,
      message: `line ${at.line}, column ${at.column}: ${what}`,
      line: at.line,
      column: at.column,
    });
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
          if (this.done) this.fail('sml-syntax', 'comment is not closed with */', start);
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
