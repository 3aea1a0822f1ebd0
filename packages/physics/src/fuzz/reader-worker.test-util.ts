// The physics readers that the fuzz tests run in core's reader harness (a worker thread with a heap
// limit and a deadline per call): KLARF, PNG block layouts and bond configurations with every file
// they refer to, read from memory.
import { serveReaders } from '@bondline/core/testing';
import { loadBondConfig, type ReadBytes } from '../config/index.js';
import { layoutFromPng } from '../geometry/layout-png.js';
import { parseKlarf } from '../klarf/index.js';

/** A configuration to load: its entry file and every file by path, with an optional YAP section. */
interface ConfigCall {
  entry: string;
  files: Record<string, Uint8Array>;
  section?: string;
}

const readers = {
  klarf: (input: string | Uint8Array) => parseKlarf(input, { source: 'fuzz.klarf' }),
  'layout-png': (input: Uint8Array) =>
    layoutFromPng(input, { blockUm: 100, redundantCopies: 2, source: 'fuzz.png' }),
  config: (c: ConfigCall) => {
    const readBytes: ReadBytes = async (path) => {
      const bytes = c.files[path];
      return bytes === undefined
        ? { ok: false, issues: [{ code: 'file-not-found', message: `${path}: no such file` }] }
        : { ok: true, value: bytes };
    };
    return loadBondConfig(
      c.entry,
      c.section === undefined ? { readBytes } : { readBytes, section: c.section },
    );
  },
};

export type PhysicsReaders = typeof readers;

serveReaders(readers);
