// Test fixtures shared by the frame codec and frame parser tests. The bytes are written as hex text,
// independently of the encoder under test.
import type { HsmsHeader } from './frame.js';

/** Bytes from hex text (whitespace ignored). */
export const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** The known-answer header of docs/secs.md §2.3: S1F1 W on session 100 with system bytes 123. */
export const s1f1: HsmsHeader = {
  sessionId: 100,
  stream: 1,
  function: 1,
  wBit: true,
  pType: 0,
  sType: 0,
  systemBytes: 123,
};
