// The tool's alarms (docs/tool.md §7): every fault point of the catalogue that raises an alarm is one,
// with the catalogue's ALID and ALCD category. Silent points (no `alarm`) are not alarms: only the data
// shows them, and nothing on the GEM interface names them.

import type { AlarmDef } from '@bondline/secs';
import type { FaultPoint } from '../faults/fault-point.js';
import { CEID } from './gem-ids.js';

/** Longest alarm text the model takes (ALTX). */
const ALTX_MAX = 120;

/** ALTX of a fault point: its id then its text, cut at 120 characters (the catalogue keeps the whole text). */
function alarmText(fp: Pick<FaultPoint, 'id' | 'text'>): string {
  const full = `${fp.id} ${fp.text}`;
  return full.length <= ALTX_MAX ? full : `${full.slice(0, ALTX_MAX - 3)}...`;
}

/** One alarm per alarming fault point, in catalogue order, reporting AlarmSet / AlarmCleared. */
export function toolAlarms(catalogue: readonly FaultPoint[]): AlarmDef[] {
  return catalogue.flatMap((fp) =>
    fp.alarm === undefined
      ? []
      : [
          {
            id: fp.alarm.alid,
            text: alarmText(fp),
            category: fp.alarm.alcd,
            setCeid: CEID.alarmSet,
            clearCeid: CEID.alarmCleared,
          },
        ],
  );
}
