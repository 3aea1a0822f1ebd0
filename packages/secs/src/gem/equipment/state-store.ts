// Persistence of the equipment's host-configurable state across restarts: equipment constants,
// report definitions, links and enables, alarm enables, and the control state. The file store
// writes a temporary file, fsyncs it and renames it over the old one, so a crash mid-write leaves
// the previous state intact (rename is atomic on POSIX file systems).

import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Value } from '../model/value.js';
import type { ReportConfig } from './report-table.js';

export interface PersistedEquipmentState {
  constants: Record<string, Value>;
  reports: ReportConfig;
  alarmsEnabled: number[];
  control: { state: string; remote: boolean };
  /** Limit definitions (S2F45), as `LimitsMonitor.snapshot()` gives them. */
  limits?: { vid: number; limits: { limitId: number; upper: number; lower: number }[] }[];
}

/** Load/save of the persisted state; injected so a tool can keep it in its own store. */
export interface StateStore {
  load(): Promise<PersistedEquipmentState | undefined>;
  save(state: PersistedEquipmentState): Promise<void>;
}

/** A typed error for a state file that exists but cannot be used. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  readonly code = 'bad-state-file' as const;
}

/**
 * A StateStore in `dir/gem-state.json`. Saves are serialized and coalesced: while one write is in
 * flight only the newest pending state is written next.
 */
export function jsonStateStore(dir: string): StateStore {
  const file = join(dir, 'gem-state.json');
  let writing: Promise<void> | undefined;
  let pending: PersistedEquipmentState | undefined;
  const writeOnce = async (state: PersistedEquipmentState): Promise<void> => {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(JSON.stringify(state));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  };
  const drain = async (): Promise<void> => {
    while (pending !== undefined) {
      const s = pending;
      pending = undefined;
      await writeOnce(s);
    }
    writing = undefined;
  };
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      try {
        const s = JSON.parse(text) as PersistedEquipmentState;
        if (
          typeof s !== 'object' ||
          s === null ||
          typeof s.constants !== 'object' ||
          !Array.isArray(s.alarmsEnabled)
        )
          throw new Error('missing fields');
        return s;
      } catch (err) {
        throw new StateFileError(`${file}: not a GEM state file (${(err as Error).message})`);
      }
    },
    save(state) {
      pending = structuredClone(state);
      writing ??= drain();
      return writing;
    },
  };
}
