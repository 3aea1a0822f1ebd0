// The host's interactive SML input, run by its property test in core's reader harness (a process with
// a heap limit and a deadline per call): text fed line by line, as from a terminal.
import { serveReaders } from '@bondline/core/testing';
import { SmlLineBuffer } from './host-input.js';

const readers = {
  /** Each line's answer, in order. */
  'sml-lines': (text: string) => {
    const buffer = new SmlLineBuffer();
    return { ok: true, value: text.split('\n').map((line) => buffer.push(line)) };
  },
};

export type CliReaders = typeof readers;

serveReaders(readers);
