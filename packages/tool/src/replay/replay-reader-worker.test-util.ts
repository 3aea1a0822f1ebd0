// The replay reader that replay-file.property.test.ts runs in core's reader harness (a process with a
// heap limit and a deadline per call): text or bytes in, the Result out with what cannot cross a
// process (the file's `locate` function, the rates' Map) made plain.
import { decodeText, type Result } from '@bondline/core';
import { serveReaders } from '@bondline/core/testing';
import { parseReplayText, type ReplayFile } from './replay-file.js';

type PlainReplay = Omit<ReplayFile, 'where' | 'faults'> & { faults: [string, unknown][] };

function plain(r: Result<ReplayFile>): Result<PlainReplay> {
  if (!r.ok) return r;
  const { where: _where, faults, ...rest } = r.value;
  return { ok: true, value: { ...rest, faults: [...faults] } };
}

const readers = {
  'replay-text': (c: { text: string; source: string }) =>
    plain(parseReplayText(c.text, { source: c.source, dir: '/replays' })),
  'replay-bytes': (c: { bytes: Uint8Array; source: string }) => {
    const text = decodeText(c.bytes, c.source);
    return text.ok ? plain(parseReplayText(text.value, { source: c.source, dir: '/replays' })) : text;
  },
};

export type ReplayReaders = typeof readers;

serveReaders(readers);
