// A small embedded store: named JSON documents in one directory, each replaced atomically.
//
// How the equipment uses it: open one `DocumentStore` on the configured directory at start-up, then
// `read(name)` each persisted item (undefined = never written: use the model default) and `write(name,
// value)` after every accepted change (S2F15 constants, S2F33/35/37 reports, links and enables (one document), S5F3
// alarm enables, control-state default, spool metadata). Names are fixed by the caller; see
// STORE_DOCUMENTS for the ones GEM uses. A `StoreError` from `read` means the file is damaged: report it
// to the operator instead of starting from defaults, which would silently drop the host's set-up.
//
// All I/O is asynchronous (nothing blocks the event loop), and the operations on one document run one
// at a time in the order they were asked for: a later write never lands before an earlier one, and a
// read sees every write asked for before it. A write resolves once the document is durable.

import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, isTempFileName, makeDir, writeFileAtomic } from '@bondline/core';
import { OrderedByKey } from './ordered-by-key.js';
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
  // One document's operations in the order asked for.
  private readonly order = new OrderedByKey();

  private constructor(
    readonly dir: string,
    options: DocumentStoreOptions,
  ) {
    this.sync = options.sync ?? true;
  }

  /** Open (creating if needed) the store in `dir` and remove temp files left by an interrupted write. */
  static async open(dir: string, options: DocumentStoreOptions = {}): Promise<DocumentStore> {
    await makeDir(dir);
    for (const f of await readdir(dir)) if (isTempFileName(f)) await rm(join(dir, f), { force: true });
    return new DocumentStore(dir, options);
  }

  /** Path of a document's file. */
  pathOf(name: string): string {
    if (!NAME.test(name)) throw new RangeError(`document name ${JSON.stringify(name)} is not kebab-case`);
    return join(this.dir, `${name}.json`);
  }

  /** The stored value of `name`, or undefined when it was never written. Rejects with StoreError when damaged. */
  read(name: string): Promise<unknown> {
    const path = this.pathOf(name);
    return this.order.run(name, () => this.readNow(name, path));
  }

  /**
   * Replace `name` with `data` (any JSON value) atomically; resolves once it is durable. The value is
   * taken at the call: changing `data` afterwards does not change what is written.
   */
  write(name: string, data: unknown): Promise<void> {
    if (data === undefined) throw new TypeError(`document ${name}: undefined is not JSON (use delete)`);
    const env: Envelope = { format: STORE_FORMAT, version: STORE_VERSION, name, sha256: digest(data), data };
    const path = this.pathOf(name);
    const bytes = Buffer.from(`${JSON.stringify(env, null, 1)}\n`, 'utf8');
    return this.order.run(name, async () => {
      try {
        await writeFileAtomic(path, bytes, { fsync: this.sync });
      } catch (e) {
        throw new StoreError('io-error', name, `cannot write ${path}: ${(e as Error).message}`, { cause: e });
      }
    });
  }

  /** Remove a document (absent afterwards, durably; no error if it did not exist). */
  delete(name: string): Promise<void> {
    const path = this.pathOf(name);
    return this.order.run(name, async () => {
      await rm(path, { force: true });
      if (this.sync) await fsyncDirectory(this.dir);
    });
  }

  private async readNow(name: string, path: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
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
}

function digest(data: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(data) ?? 'undefined')
    .digest('hex');
}
