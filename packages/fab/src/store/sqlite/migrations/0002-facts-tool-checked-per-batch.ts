// Version 2 of both stores (their migration lists stay the same, docs/fab.md §1.3). PostgreSQL's
// migration drops the per-row foreign key of the high-volume facts to `tools`, a third of a COPY's
// time there, and checks the tools once per batch instead. SQLite checks a foreign key with one
// b-tree probe inside the insert, too cheap to trade for a second code path: it keeps them, and its
// version 2 changes nothing.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 2,
  name: 'facts-tool-checked-per-batch',
  sql: '',
};
