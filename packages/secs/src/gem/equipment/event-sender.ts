// Collection events (S6F11) and alarms (S5F1 plus their set/clear events) from the equipment to the
// host: built from the current report configuration and values, sent when the link and control
// state allow it, otherwise handed to the spool.

import type { SecsMessage } from '../../message.js';
import { alarmCode, s5f1 } from '../messages/s5-alarms.js';
import { type EventReport, s6f11 } from '../messages/s6-events.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { ReportTable } from './report-table.js';
import type { VariableStore } from './variable-store.js';

export interface EventSenderPort {
  readonly model: EquipmentModel;
  readonly vars: VariableStore;
  readonly reports: ReportTable;
  readonly alarmEnabled: ReadonlySet<number>;
  readonly alarmSet: Set<number>;
  /** Communicating, ONLINE and the HSMS session selected. */
  canSend(): boolean;
  /** Communicating and selected, whatever the control state (events of a move to offline). */
  linkUp(): boolean;
  /** Keep a spoolable primary that cannot be sent now (E30 6.5); resolves once it is on disk. */
  spoolIfDown(msg: SecsMessage): Promise<void>;
  sendPrimary(msg: SecsMessage): Promise<SecsMessage | undefined>;
  fail(err: unknown): void;
  /** The equipment's one DATAID counter (never repeating across restarts, see data-id.ts). */
  nextDataId(): number;
}

export class EventSender {
  constructor(private readonly port: EventSenderPort) {}

  /** The S6F11 body of `ceid` with its linked reports, values taken now, and the next DATAID. */
  eventReport(ceid: number): EventReport & { dataId: number } {
    const { reports, vars } = this.port;
    return {
      dataId: this.port.nextDataId(),
      ceid,
      reports: reports
        .reportsFor(ceid)
        .map((r) => ({ rptid: r.rptid, values: r.vids.map((v) => vars.item(v)) })),
    };
  }

  /**
   * Report `ceid` if enabled. `force` sends whenever the link is up (ignoring the control state) and
   * never spools. Resolves true when the host acknowledged with S6F12; false otherwise, once a
   * spooled report is on disk. Never rejects: callers fire events without awaiting them, so a report
   * that cannot be built or sent (a value grown past the message size, T3...) is reported as an
   * `error` and resolves false.
   */
  async sendEvent(ceid: number, force: boolean): Promise<boolean> {
    const p = this.port;
    try {
      if (!p.reports.isEnabled(ceid)) return false;
      if (!(force ? p.linkUp() : p.canSend())) {
        if (!force) await p.spoolIfDown(s6f11(this.eventReport(ceid)));
        return false;
      }
      const reply = await p.sendPrimary(s6f11(this.eventReport(ceid)));
      return reply !== undefined && reply.function === 12;
    } catch (err) {
      p.fail(err);
      return false;
    }
  }

  /**
   * Set (`on`) or clear an alarm: S5F1 if enabled, then its set/clear event. No-op if unchanged.
   * Resolves once both were acknowledged, or spooled and on disk.
   */
  async alarm(alid: number, on: boolean): Promise<void> {
    const p = this.port;
    const a = p.model.alarms.find((x) => x.id === alid);
    if (a === undefined) throw new RangeError(`no alarm ${alid}`);
    if (p.alarmSet.has(alid) === on) return;
    if (on) p.alarmSet.add(alid);
    else p.alarmSet.delete(alid);
    const ceid = on ? a.setCeid : a.clearCeid;
    const sends: Promise<unknown>[] = [];
    const report = s5f1({ alcd: alarmCode(on, a.category), alid, altx: a.text });
    if (p.alarmEnabled.has(alid) && !p.canSend()) sends.push(p.spoolIfDown(report));
    else if (p.alarmEnabled.has(alid)) sends.push(p.sendPrimary(report).catch((e) => p.fail(e)));
    if (ceid !== undefined) sends.push(this.sendEvent(ceid, false));
    await Promise.all(sends);
  }
}
