// The webhooks' dead letters (docs/fab.md §13.2): a delivery refused by its target or failed on its
// last attempt is kept here with its body, so it outlives a restart and can be sent again by hand.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 10,
  name: 'webhook-dead-letters',
  sql: `
CREATE TABLE webhook_dead_letters (
  delivery_id TEXT PRIMARY KEY,
  target_id TEXT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  retried_ms INTEGER
) STRICT;
CREATE INDEX webhook_dead_letters_by_time ON webhook_dead_letters (at_ms, delivery_id);
`,
};
