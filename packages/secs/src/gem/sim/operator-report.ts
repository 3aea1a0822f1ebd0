// The lines the runner prints: what an event or alarm became (acknowledged, spooled, not sent and
// why), the values an event carries, and `status`.

import type { GemEquipment } from '../equipment/gem-equipment.js';
import type { Value } from '../model/value.js';
import { isOnline } from '../state/control-state.js';

/** A value as the operator reads it: text quoted, floats to 6 significant digits, ids as [1 3]. */
export function showValue(v: Value | undefined): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.join(' ')}]`;
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(6)));
  return String(v);
}

/** `Name=value` for each variable an event declares it carries. */
export function eventData(eq: GemEquipment, ceid: number): string {
  const def = eq.model.events.find((e) => e.id === ceid);
  if (def === undefined) return '';
  const parts = def.data.map((vid) => {
    const name =
      [...eq.model.statusVariables, ...eq.model.dataVariables].find((d) => d.id === vid)?.name ?? `V${vid}`;
    return `${name}=${showValue(eq.vars.get(vid))}`;
  });
  return parts.join(' ');
}

/** Spool counters before a send, to tell afterwards whether the message went to the spool. */
export interface SpoolMark {
  readonly written: number;
  readonly total: number;
}

export function spoolMark(eq: GemEquipment): SpoolMark {
  return { written: eq.spool?.countWritten ?? 0, total: eq.spool?.countTotal ?? 0 };
}

/**
 * Why a primary just produced was not delivered, or undefined when the link and control state let
 * it go out. `mark` is `spoolMark` taken before.
 */
function notSentReason(eq: GemEquipment, mark: SpoolMark): string | undefined {
  if (eq.spool !== undefined && eq.spool.countWritten > mark.written) {
    // E30 6.5: with the link up, a spoolable message still joins a spool that holds older ones.
    const why = linkUp(eq) ? 'spool not yet emptied by S6F23' : 'link down';
    return `spooled, ${why} (${eq.spool.countActual} in the spool)`;
  }
  if (eq.spool !== undefined && eq.spool.countTotal > mark.total)
    return `not sent: link down, spool full (${eq.spool.countActual} held, stop policy)`;
  if (!isOnline(eq.control.state)) return `not sent: control state ${eq.control.state}`;
  if (!linkUp(eq)) return `not sent: link down (${eq.communicationState}), not spooled`;
  return undefined;
}

const linkUp = (eq: GemEquipment): boolean =>
  eq.communicationState === 'communicating' && eq.session.state === 'selected';

/** The outcome of `triggerEvent`. */
export function eventOutcome(eq: GemEquipment, ceid: number, acknowledged: boolean, mark: SpoolMark): string {
  if (acknowledged) return 'acknowledged';
  if (!eq.reports.isEnabled(ceid)) return 'not sent: disabled by the host (S2F37)';
  return notSentReason(eq, mark) ?? 'not acknowledged by the host';
}

/** The S5F1 of an alarm change. */
export function alarmOutcome(eq: GemEquipment, alid: number, mark: SpoolMark): string {
  if (!eq.alarmEnabled.has(alid)) return 'S5F1 disabled by the host (S5F3)';
  // The alarm's set/clear S6F11 may have gone to the spool while S5F1 is not selected by S2F43:
  // the spool counters then moved for the event, not for this S5F1.
  const s5f1Spoolable = eq.spool?.isSpoolable(5, 1) ?? false;
  return notSentReason(eq, s5f1Spoolable ? mark : spoolMark(eq)) ?? 'S5F1 sent';
}

/** One line: control, processing, communication, HSMS, spool and the alarms set. */
export function statusLine(eq: GemEquipment): string {
  const alarms = [...eq.alarmSet].sort((a, b) => a - b);
  const parts = [
    `control ${eq.control.state} (switch ${eq.control.remote ? 'remote' : 'local'})`,
    `processing ${eq.processing.state}`,
    `communication ${eq.communicationState}`,
    `HSMS ${eq.session.state}`,
    eq.spool === undefined ? 'no spool' : `spool ${eq.spool.countActual} (${eq.spool.stateName})`,
    `alarms set: ${alarms.length === 0 ? 'none' : alarms.join(' ')}`,
  ];
  return `status: ${parts.join(', ')}`;
}
