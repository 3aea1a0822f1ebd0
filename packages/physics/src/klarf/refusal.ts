import type { KlarfIssueCode } from './types.js';

/** Where a refusal points: a token, or any 1-based line and column. */
export interface Place {
  line: number;
  column: number;
}

/**
 * Thrown inside the KLARF parsers only, so that a deep parse can stop at the first problem in one line;
 * `parseKlarf` turns it into a refusal value and nothing else ever sees it.
 */
export class KlarfRefusal extends Error {
  override readonly name = 'KlarfRefusal';
  constructor(
    readonly code: KlarfIssueCode,
    readonly text: string,
    readonly at: Place,
  ) {
    super(`${at.line}:${at.column}: ${text}`);
  }
}

/** Stop parsing with `text` about the token or place `at`. */
export function refuse(at: Place, text: string, code: KlarfIssueCode = 'syntax'): never {
  throw new KlarfRefusal(code, text, { line: at.line, column: at.column });
}
