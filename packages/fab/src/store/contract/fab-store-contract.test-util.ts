// The one test suite both stores pass (FAB.md: "the same tests run against both stores"). Each store's
// test file gives a harness factory; every test gets a fresh, empty database of its own.

import { describe } from 'vitest';
import type { FabStore } from '../fab-store.js';
import type { Migration } from '../migration.js';
import { accountsContract } from './accounts-contract.test-util.js';
import { analysesContract } from './analyses-contract.test-util.js';
import { deadLettersContract } from './dead-letters-contract.test-util.js';
import { fdcContract } from './fdc-contract.test-util.js';
import { migrationsContract } from './migrations-contract.test-util.js';
import { paginationContract } from './pagination-contract.test-util.js';
import { r2rContract } from './r2r-contract.test-util.js';
import { readsContract } from './reads-contract.test-util.js';
import { spcContract } from './spc-contract.test-util.js';
import { ticketsContract } from './tickets-contract.test-util.js';
import { writesContract } from './writes-contract.test-util.js';

/** One test's database. */
export interface StoreHarness {
  /** A store on this test's database (not migrated); each call opens another connection or pool. */
  open(): Promise<FabStore>;
  /** Run SQL on the database outside the store (to make a database the store must refuse). */
  exec(sql: string): Promise<void>;
  /** Close what `open` opened and remove the database. */
  cleanup(): Promise<void>;
}

export type HarnessFactory = () => Promise<StoreHarness>;

/** Run `work` with a fresh harness and a migrated store on it; cleans up whatever happens. */
export async function withStore(
  factory: HarnessFactory,
  work: (store: FabStore, h: StoreHarness) => Promise<void>,
): Promise<void> {
  const h = await factory();
  try {
    const store = await h.open();
    const m = await store.migrate();
    if (!m.ok) throw new Error(`migrate failed: ${m.issues.map((i) => i.message).join('; ')}`);
    await work(store, h);
  } finally {
    await h.cleanup();
  }
}

/** The FabStore contract, for the store `name` opened by `factory`. */
export function fabStoreContract(
  name: string,
  factory: HarnessFactory,
  migrations: readonly Migration[],
): void {
  describe(`FabStore contract: ${name}`, () => {
    migrationsContract(factory, migrations);
    writesContract(factory);
    readsContract(factory);
    paginationContract(factory);
    analysesContract(factory);
    r2rContract(factory);
    ticketsContract(factory);
    fdcContract(factory);
    spcContract(factory);
    accountsContract(factory);
    deadLettersContract(factory);
  });
}
