// Persistence of the equipment's host- and operator-configurable state across restarts: equipment
// constants, report definitions with their links and enables, alarm enables, limits, the control
// default, the clock offset the host set with S2F31, and the DATAID high-water mark. It is kept in the
// one embedded DocumentStore (atomic temp+fsync+rename, checksum, format version) that the spool also
// uses, one document per item so a change rewrites only its own file. All of it is asynchronous: a save
// resolves once what it wrote is durable, and nothing blocks the event loop.

import type { Value } from '../model/value.js';
import { DocumentStore, type DocumentStoreOptions, STORE_DOCUMENTS } from '../store/document-store.js';
import type { ReportConfig } from './report-table.js';

/** Limit definitions (S2F45), as `LimitsMonitor.snapshot()` gives them. */
type PersistedLimits = { vid: number; limits: { limitId: number; upper: number; lower: number }[] }[];

/**
 * The persisted control default (E30 4.3): the operator's LOCAL/REMOTE switch, which decides the
 * ONLINE substate entered on the next S1F17 or successful attempt online. The start-up state itself
 * is configuration (`model.control.initial`), not runtime state: neither host nor operator changes it.
 */
interface PersistedControl {
  remote: boolean;
}

/** The S2F31 clock: equipment time is the wall clock plus this offset, ms. */
interface PersistedClock {
  offsetMs: number;
}

/** DATAIDs handed out so far stay below this sequence number (see data-id.ts). */
interface PersistedDataId {
  reservedThrough: number;
}

/** Every item is optional: an item never written restarts from the model's default. */
export interface PersistedEquipmentState {
  constants?: Record<string, Value>;
  /** Reports, links and enables in one document: links refer to report ids, so they change together. */
  reports?: ReportConfig;
  alarmsEnabled?: number[];
  control?: PersistedControl;
  limits?: PersistedLimits;
  clock?: PersistedClock;
  dataId?: PersistedDataId;
}

/** Load/save of the persisted state; injected so a tool can keep it in its own store. */
export interface StateStore {
  /** The saved items (empty object when nothing was ever saved). */
  load(): Promise<PersistedEquipmentState>;
  /** Write the items given (the others are left as they are). */
  save(state: PersistedEquipmentState): Promise<void>;
}

/** A document that passed the store's checksum but does not hold what its name says. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  readonly code = 'bad-state-file' as const;
}

type Key = keyof PersistedEquipmentState;

const DOCUMENTS: Record<Key, string> = {
  constants: STORE_DOCUMENTS.equipmentConstants,
  reports: STORE_DOCUMENTS.reports,
  alarmsEnabled: STORE_DOCUMENTS.alarmEnables,
  control: STORE_DOCUMENTS.controlDefault,
  limits: STORE_DOCUMENTS.limits,
  clock: STORE_DOCUMENTS.clockOffset,
  dataId: STORE_DOCUMENTS.dataId,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isIntArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(Number.isInteger);

// Shape checks per document; the checksum already rules out damage, these rule out a foreign file.
const VALID: Record<Key, (v: unknown) => boolean> = {
  constants: (v) =>
    isObject(v) && Object.values(v).every((x) => ['number', 'string', 'boolean'].includes(typeof x)),
  reports: (v) =>
    isObject(v) &&
    Array.isArray(v.reports) &&
    v.reports.every((r: unknown) => isObject(r) && Number.isInteger(r.rptid) && isIntArray(r.vids)) &&
    Array.isArray(v.links) &&
    v.links.every((l: unknown) => isObject(l) && Number.isInteger(l.ceid) && isIntArray(l.rptids)) &&
    isIntArray(v.enabled),
  alarmsEnabled: isIntArray,
  control: (v) => isObject(v) && typeof v.remote === 'boolean',
  limits: (v) => Array.isArray(v) && v.every((x: unknown) => isObject(x) && Number.isInteger(x.vid)),
  clock: (v) => isObject(v) && Number.isFinite(v.offsetMs),
  dataId: (v) => isObject(v) && Number.isSafeInteger(v.reservedThrough) && (v.reservedThrough as number) >= 0,
};

/**
 * A StateStore on a DocumentStore in `dir` (created if needed). Saves are serialized and coalesced:
 * while one write is in flight, only the newest pending value of each item is written next, and an
 * item whose JSON did not change since its last write is not rewritten. A save resolves once every
 * item given to it (or to a save after it) is durable.
 */
export function jsonStateStore(dir: string, options: DocumentStoreOptions = {}): StateStore {
  let store: Promise<DocumentStore> | undefined;
  const docs = (): Promise<DocumentStore> => {
    store ??= DocumentStore.open(dir, options);
    return store;
  };
  const written = new Map<Key, string>();
  let pending: PersistedEquipmentState = {};
  let writing: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    try {
      // Yield once so that changes made in the same turn land in one write.
      await Promise.resolve();
      while (Object.keys(pending).length > 0) {
        const next = pending;
        pending = {};
        const d = await docs();
        // Different documents are different files: written side by side (each one's writes in order).
        const writes: Promise<void>[] = [];
        for (const key of Object.keys(next) as Key[]) {
          const json = JSON.stringify(next[key]);
          if (written.get(key) === json) continue;
          writes.push(d.write(DOCUMENTS[key], JSON.parse(json)).then(() => void written.set(key, json)));
        }
        await Promise.all(writes);
        await Promise.resolve();
      }
    } finally {
      writing = undefined;
    }
  };
  return {
    async load() {
      const out: Record<string, unknown> = {};
      const d = await docs();
      for (const key of Object.keys(DOCUMENTS) as Key[]) {
        const data = await d.read(DOCUMENTS[key]);
        if (data === undefined) continue;
        if (!VALID[key](data))
          throw new StateFileError(`${d.pathOf(DOCUMENTS[key])}: not a GEM ${key} document`);
        out[key] = data;
        written.set(key, JSON.stringify(data));
      }
      return out as PersistedEquipmentState;
    },
    save(state) {
      pending = { ...pending, ...structuredClone(state) };
      writing ??= drain();
      return writing;
    },
  };
}
