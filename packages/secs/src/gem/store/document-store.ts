// A small embedded store: named JSON documents in one directory, each replaced atomically.
//
// How the equipment uses it: open one `DocumentStore` on the configured directory at start-up, then
// `read(name)` each persisted item (undefined = never written: use the model default) and `write(name,
// value)` after every accepted change (S2F15 constants, S2F33/35/37 reports, links and enables (one document), S5F3
// alarm enables, control-state default, spool metadata). Names are fixed by the caller; see
// STORE_DOCUMENTS for the ones GEM uses. A `StoreError` from `read` means the file is damaged: report it
// to the operator instead of starting from defaults, which would silently drop the host's set-up.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEMP_SUFFIX, writeFileAtomic } from './atomic-write.js';
import { StoreError } from './store-error.js';

/** Envelope format tag and version; a newer version on disk is refused, not misread. */
const STORE_FORMAT = 'bondline-gem-store';
const STORE_VERSION = 1;

/** The document names the GEM equipment persists. */
export const STORE_DOCUMENTS = {
  equipmentConstants: 'equipment-constants',
  /** Report definitions with their event links and enables: links name report ids, so one document. */
  reports: 'reports',
  alarmEnables: 'alarm-enables',
  controlDefault: 'control-default',
  spool: 'spool',
  limits: 'limits',
  /** The S2F31 clock offset from the wall clock. */
  clockOffset: 'clock-offset',
  /** High-water mark of the event reports' DATAID counter. */
  dataId: 'data-id',
} as const;

interface Envelope {
  format: string;
  version: number;
  name: string;
  sha256: string;
  data: unknown;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface DocumentStoreOptions {
  /** fsync files and the directory on every write (default true; tests may turn it off for speed). */
  sync?: boolean;
}

/** Named JSON documents in `dir`, written atomically with a checksum and a format version. */
export class DocumentStore {
  private readonly sync: boolean;

  private constructor(
    readonly dir: string,
    options: DocumentStoreOptions,
  ) {
    this.sync = options.sync ?? true;
  }

  /** Open (creating if needed) the store in `dir` and remove temp files left by an interrupted write. */
  static open(dir: string, options: DocumentStoreOptions = {}): DocumentStore {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.endsWith(TEMP_SUFFIX)) rmSync(join(dir, f), { force: true });
    return new DocumentStore(dir, options);
  }

  /** Path of a document's file. */
  pathOf(name: string): string {
    if (!NAME.test(name)) throw new RangeError(`document name ${JSON.stringify(name)} is not kebab-case`);
    return join(this.dir, `${name}.json`);
  }

  /** The stored value of `name`, or undefined when it was never written. Throws StoreError when damaged. */
  read(name: string): unknown {
    const path = this.pathOf(name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreError('io-error', name, `cannot read ${path}: ${(e as Error).message}`, { cause: e });
    }
    let env: Partial<Envelope>;
    try {
      env = JSON.parse(text) as Partial<Envelope>;
    } catch (e) {
      throw new StoreError('corrupt-document', name, `${path}: not valid JSON (${(e as Error).message})`, {
        cause: e,
      });
    }
    if (env === null || typeof env !== 'object' || env.format !== STORE_FORMAT)
      throw new StoreError('corrupt-document', name, `${path}: missing "${STORE_FORMAT}" envelope`);
    if (env.version !== STORE_VERSION)
      throw new StoreError(
        'unsupported-version',
        name,
        `${path}: format version ${String(env.version)}, this build reads ${STORE_VERSION}`,
      );
    if (env.name !== name)
      throw new StoreError('corrupt-document', name, `${path}: holds document "${String(env.name)}"`);
    if (env.sha256 !== digest(env.data))
      throw new StoreError('corrupt-document', name, `${path}: checksum mismatch (file altered or damaged)`);
    return env.data;
  }

  /** Replace `name` with `data` (any JSON value) atomically. */
  write(name: string, data: unknown): void {
    if (data === undefined) throw new TypeError(`document ${name}: undefined is not JSON (use delete)`);
    const env: Envelope = { format: STORE_FORMAT, version: STORE_VERSION, name, sha256: digest(data), data };
    const path = this.pathOf(name);
    try {
      writeFileAtomic(path, Buffer.from(`${JSON.stringify(env, null, 1)}\n`, 'utf8'), this.sync);
    } catch (e) {
      throw new StoreError('io-error', name, `cannot write ${path}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Remove a document (absent afterwards; no error if it did not exist). */
  delete(name: string): void {
    rmSync(this.pathOf(name), { force: true });
  }
}

function digest(data: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(data) ?? 'undefined')
    .digest('hex');
}
