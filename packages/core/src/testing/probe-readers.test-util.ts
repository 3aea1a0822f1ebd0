// Readers gone wrong in each way the reader harness must catch, served in its process (its own test).
import { serveReaders } from './serve-readers.js';

const readers = {
  hang: (_: string): unknown => {
    for (;;) {}
  },
  allocate: (_: string): unknown => {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(1));
  },
  throw: (_: string): unknown => {
    throw new RangeError('probe');
  },
  invisible: (_: string) => ({ ok: false, issues: [{ code: 'bad-character', message: 'a\u00A0b' }] }),
  function: (_: string) => ({ ok: true, value: () => 1 }),
  keep: (n: number) => ({ ok: true, value: Array.from({ length: n }, (_, i) => i) }),
  echo: async (text: string) => ({ ok: true, value: { text, length: text.length } }),
};

export type ProbeReaders = typeof readers;

serveReaders(readers);
