// Alarms of the tool into GEM (docs/tool.md §7): an alarming fault point that fires sets its ALID
// (S5F1 and AlarmSet with the fault's data), its recovery clears it. One fault point may stop two
// modules of its kind at once (PL1 and PL2): its ALID stays set until the last of them is cleared.

import type { ToolControl } from '../controller/tool-api.js';
import type { AlarmingFault } from '../faults/fault-source.js';
import { CEID } from './gem-ids.js';
import type { GemPort } from './gem-port.js';

export class AlarmMirror {
  /** Active alarms by `faultId moduleId`. */
  private readonly active = new Map<string, AlarmingFault>();
  private readonly alids: ReadonlySet<number>;

  constructor(private readonly gem: GemPort) {
    this.alids = new Set(gem.equipment.model.alarms.map((a) => a.id));
  }

  /** Subscribe to the tool's alarm events; returns the unsubscriber. */
  bind(tool: ToolControl): () => void {
    return tool.on('alarm', (e) => this.change(e.fault, e.set, e.atS));
  }

  /** An alarm set (or cleared) at tool time `atS`, s. */
  change(fault: AlarmingFault, set: boolean, atS: number): void {
    if (!this.alids.has(fault.alid)) {
      this.gem.reportOnce(
        'unknown-alarm',
        String(fault.alid),
        `fault ${fault.faultId} raised ALID ${fault.alid}, which the model (the catalogue it was built from) lacks`,
      );
      return;
    }
    const key = `${fault.faultId} ${fault.moduleId}`;
    if (this.active.has(key) === set) return;
    // Whether another module holds the same ALID: then GEM's alarm state does not change.
    const shared = [...this.active.entries()].some(([k, a]) => k !== key && a.alid === fault.alid);
    if (set) this.active.set(key, fault);
    else this.active.delete(key);
    this.gem.set('AlarmFaultId', fault.faultId);
    this.gem.set('AlarmModule', fault.moduleId);
    this.gem.set('AlarmAlid', fault.alid);
    this.gem.set('AlarmRecovery', fault.recovery);
    this.gem.set('ActiveAlarmCount', this.active.size);
    this.gem.set('ToolTimeS', atS);
    // No second S5F1 for an ALID already set, none while it is still set; each module's event all the same.
    if (shared) this.gem.fire(set ? CEID.alarmSet : CEID.alarmCleared);
    else this.gem.alarm(fault.alid, set);
  }
}
