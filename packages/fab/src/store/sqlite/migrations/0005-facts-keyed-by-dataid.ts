// Alarms and constant changes come from event reports (AlarmSet / AlarmCleared, ConstantChanged): the
// report's DATAID joins their key. Keyed by the tool's clock alone, two changes of one constant in one
// tick of it (10 ms in the YYYYMMDDhhmmsscc form) were one record and the second was lost as a
// duplicate. Rows stored before keep data_id 0. SQLite cannot change a table's UNIQUE constraint in
// place: each table is rebuilt (same seq values, its indexes made again).
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 5,
  name: 'facts-keyed-by-dataid',
  sql: `
CREATE TABLE alarms_v5 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  alid INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('set', 'clear')),
  category INTEGER NOT NULL,
  text TEXT NOT NULL,
  equipment_time_ms INTEGER NOT NULL,
  received_time_ms INTEGER NOT NULL,
  data_id INTEGER NOT NULL DEFAULT 0,
  UNIQUE (tool_id, alid, state, equipment_time_ms, data_id)
) STRICT;
INSERT INTO alarms_v5 (seq, tool_id, alid, state, category, text, equipment_time_ms, received_time_ms)
  SELECT seq, tool_id, alid, state, category, text, equipment_time_ms, received_time_ms FROM alarms;
DROP TABLE alarms;
ALTER TABLE alarms_v5 RENAME TO alarms;
CREATE INDEX alarms_by_time ON alarms (equipment_time_ms, seq);
CREATE INDEX alarms_by_tool ON alarms (tool_id, equipment_time_ms, seq);

CREATE TABLE ec_changes_v5 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tool_id TEXT NOT NULL REFERENCES tools (id),
  ecid INTEGER NOT NULL,
  name TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('host', 'tool')),
  equipment_time_ms INTEGER NOT NULL,
  received_time_ms INTEGER NOT NULL,
  data_id INTEGER NOT NULL DEFAULT 0,
  UNIQUE (tool_id, ecid, equipment_time_ms, data_id)
) STRICT;
INSERT INTO ec_changes_v5 (seq, tool_id, ecid, name, old_value, new_value, source, equipment_time_ms, received_time_ms)
  SELECT seq, tool_id, ecid, name, old_value, new_value, source, equipment_time_ms, received_time_ms FROM ec_changes;
DROP TABLE ec_changes;
ALTER TABLE ec_changes_v5 RENAME TO ec_changes;
CREATE INDEX ec_changes_by_time ON ec_changes (equipment_time_ms, seq);
CREATE INDEX ec_changes_by_tool ON ec_changes (tool_id, equipment_time_ms, seq);
`,
};
