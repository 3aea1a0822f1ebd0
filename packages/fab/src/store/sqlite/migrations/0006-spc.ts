// Placeholder for migration 6 ('spc'), which the spc branch adds: the fab's migration list has no gaps,
// so this branch (tickets, migration 8) carries the version with no statements. At merge the spc
// branch's file replaces this one; a database migrated by this branch alone is a development one.
import type { Migration } from '../../migration.js';

export const migration: Migration = { version: 6, name: 'spc', sql: '' };
