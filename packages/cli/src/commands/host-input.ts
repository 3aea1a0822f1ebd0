// Interactive SML input for `bondline host`: lines are collected until they form whole messages, so a
// message may span lines. Text that cannot become valid by adding more is reported and dropped.

import type { Result } from '@bondline/core';
import { parseSml, type SecsMessage, type SmlIssueCode } from '@bondline/secs';

/** Accumulates typed lines into SML messages; issues name `source:line:column` of the input. */
export class SmlLineBuffer {
  private text = '';
  private lines = 0;
  private firstLine = 1;

  constructor(private readonly source = 'stdin') {}

  /** Add one line; the messages it completed (possibly none), or the issue that ended them. */
  push(line: string): Result<SecsMessage[], SmlIssueCode> {
    this.lines++;
    if (this.text === '') this.firstLine = this.lines;
    this.text += `${line}\n`;
    const r = parseSml(this.text, { source: this.source, firstLine: this.firstLine });
    if (r.ok) {
      this.text = '';
      return r;
    }
    // The text ran out inside a message (a list or string still open, no final '.'): wait for more.
    if (r.issues.every((i) => i.code === 'sml-incomplete')) return { ok: true, value: [] };
    this.text = '';
    return r;
  }

  /** True when nothing is pending. */
  get empty(): boolean {
    return this.text.trim() === '';
  }
}
