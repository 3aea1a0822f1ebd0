// Placeholder for migration 7 ('fdc'), which the fdc branch adds: the fab's migration list has no gaps,
// so this branch (tickets, migration 8) carries the version with no statements. At merge the fdc
// branch's file replaces this one; a database migrated by this branch alone is a development one.
import type { Migration } from '../../migration.js';

export const migration: Migration = { version: 7, name: 'fdc', sql: '' };
