// Interactive SML input for `bondline host`: lines are collected until they form whole messages, so a
// message may span lines. Text that cannot become valid by adding more is reported and dropped.

import { parseSml, type SecsMessage } from '@bondline/secs';

export type LineResult = { messages: SecsMessage[] } | { error: string };

/** Accumulates typed lines into SML messages. */
export class SmlLineBuffer {
  private text = '';

  /** Add one line; returns the messages it completed (possibly none) or the error that ended them. */
  push(line: string): LineResult {
    this.text += `${line}\n`;
    const r = parseSml(this.text);
    if (r.ok) {
      this.text = '';
      return { messages: r.messages };
    }
    if (incomplete(r.error.message)) return { messages: [] }; // wait for more lines
    this.text = '';
    return { error: r.error.message };
  }

  /** True when nothing is pending. */
  get empty(): boolean {
    return this.text.trim() === '';
  }
}

// The parser ran out of text (a list or string still open, no final '.'): more lines may complete it.
const incomplete = (message: string): boolean => /end of text|is not closed/.test(message);
