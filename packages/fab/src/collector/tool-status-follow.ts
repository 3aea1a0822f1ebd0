// What an event report says of a tool's states (docs/fab.md §2.1): control, processing, E10 and its
// lot, as the collector keeps them on the status board. Pure: the tool link writes what it returns.
import type { DataPrimary, PlainValue } from '@bondline/secs';
import type { ToolStatus } from '../pipeline/seams.js';

/** E30 ControlState values (SV) by number. */
const CONTROL_NAMES = [
  '',
  'equipment-offline',
  'attempt-online',
  'host-offline',
  'online-local',
  'online-remote',
];

/**
 * The status after message `p` received at `atMs`, or undefined when the board need not be written:
 * a state that moved, a lot that started or ended, and otherwise only the time, at most once a second
 * (every message would be a write to the board).
 */
export function statusAfter(s: ToolStatus, p: DataPrimary, atMs: number): ToolStatus | undefined {
  // Most events say nothing of the states: then only the time (no allocation when not due).
  if (p.kind !== 'event' || !mayChangeStatus(p.event)) {
    return atMs - (s.lastMessageMs ?? 0) >= 1000 ? { ...s, lastMessageMs: atMs, updatedMs: atMs } : undefined;
  }
  const v = p.event.values;
  const t = (x: PlainValue | undefined): string | undefined => (typeof x === 'string' ? x : undefined);
  const control =
    typeof v.ControlState === 'number'
      ? (CONTROL_NAMES[v.ControlState] ?? String(v.ControlState))
      : undefined;
  const processing = (t(v.ProcessStateName) ?? t(v.ProcessStateTo))?.toLowerCase();
  const e10 = t(v.ToolE10State);
  const states = {
    ...(control === undefined ? {} : { control }),
    ...(processing === undefined ? {} : { processing }),
    ...(e10 === undefined ? {} : { e10 }),
    lastMessageMs: atMs,
    updatedMs: atMs,
  };
  if (p.event.name === 'LotEnded') {
    const { lotId: _ended, ...rest } = s;
    return { ...rest, ...states };
  }
  const lotId = p.event.name === 'LotStarted' ? t(v.LotId) : undefined;
  const moved =
    (control !== undefined && control !== s.control) ||
    (processing !== undefined && processing !== s.processing) ||
    (e10 !== undefined && e10 !== s.e10) ||
    (lotId !== undefined && lotId !== s.lotId);
  if (!moved && atMs - (s.lastMessageMs ?? 0) < 1000) return undefined;
  return { ...s, ...states, ...(lotId === undefined ? {} : { lotId }) };
}

/** True when the event carries a value `statusAfter` reads, or is LotStarted/LotEnded. */
function mayChangeStatus(e: { name: string; values: Record<string, PlainValue> }): boolean {
  const v = e.values;
  return (
    e.name === 'LotStarted' ||
    e.name === 'LotEnded' ||
    v.ControlState !== undefined ||
    v.ProcessStateName !== undefined ||
    v.ProcessStateTo !== undefined ||
    v.ToolE10State !== undefined
  );
}
