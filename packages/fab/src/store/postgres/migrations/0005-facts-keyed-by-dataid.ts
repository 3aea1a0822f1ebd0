// Alarms and constant changes come from event reports (AlarmSet / AlarmCleared, ConstantChanged): the
// report's DATAID joins their key. Keyed by the tool's clock alone, two changes of one constant in one
// tick of it (10 ms in the YYYYMMDDhhmmsscc form) were one record and the second was lost as a
// duplicate. Rows stored before keep data_id 0.
import type { Migration } from '../../migration.js';

export const migration: Migration = {
  version: 5,
  name: 'facts-keyed-by-dataid',
  sql: `
ALTER TABLE alarms ADD COLUMN data_id bigint NOT NULL DEFAULT 0;
ALTER TABLE alarms DROP CONSTRAINT alarms_tool_id_alid_state_equipment_time_ms_key;
ALTER TABLE alarms ADD CONSTRAINT alarms_key UNIQUE (tool_id, alid, state, equipment_time_ms, data_id);
ALTER TABLE ec_changes ADD COLUMN data_id bigint NOT NULL DEFAULT 0;
ALTER TABLE ec_changes DROP CONSTRAINT ec_changes_tool_id_ecid_equipment_time_ms_key;
ALTER TABLE ec_changes ADD CONSTRAINT ec_changes_key UNIQUE (tool_id, ecid, equipment_time_ms, data_id);
`,
};
