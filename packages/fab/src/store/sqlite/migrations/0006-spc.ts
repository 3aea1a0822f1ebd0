// Placeholder of migration 6 on the fdc-wire branch only: the spc branch adds the real `0006-spc.ts`
// (SPC tables) in parallel, and a migration list has no gaps (migration.ts), so this branch needs a 6
// before its 7 (`fdc`). At merge the spc branch's file replaces this one.
import type { Migration } from '../../migration.js';

export const migration: Migration = { version: 6, name: 'spc', sql: '' };
