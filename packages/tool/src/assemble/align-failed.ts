// The aligner's own alarm (registration refused on every attempt) is a point of the fault catalogue,
// so GEM declares it like every other alarm (docs/tool.md §1, §5): the simulated bonder raises it
// with the catalogue's ALID, category and recovery.
import { issue, type Result } from '@bondline/core';
import { type AlignAlarm, type AlignFailedAlarm, DEFAULT_ALIGN_FAILED } from '../drivers/sim/sim-world.js';
import type { FaultCatalogue } from '../faults/fault-catalogue.js';

/**
 * The aligner's alarms from catalogue points `faultIds` (default BD-ALIGN-061 and its escalation
 * BD-ALIGN-062); refused when the catalogue lacks one or it raises no alarm at the bonder.
 */
export function alignFailedAlarm(
  catalogue: FaultCatalogue,
  faultIds: { alarm: string; escalate: string } = {
    alarm: DEFAULT_ALIGN_FAILED.faultId,
    escalate: DEFAULT_ALIGN_FAILED.escalate.faultId,
  },
): Result<AlignFailedAlarm> {
  const alarm = point(catalogue, faultIds.alarm);
  const escalate = point(catalogue, faultIds.escalate);
  if (!alarm.ok || !escalate.ok)
    return {
      ok: false,
      issues: [...(alarm.ok ? [] : alarm.issues), ...(escalate.ok ? [] : escalate.issues)],
    };
  return {
    ok: true,
    value: { ...alarm.value, escalateAfter: DEFAULT_ALIGN_FAILED.escalateAfter, escalate: escalate.value },
  };
}

function point(catalogue: FaultCatalogue, faultId: string): Result<AlignAlarm> {
  const p = catalogue.byId.get(faultId);
  if (p === undefined || p.alarm === undefined || p.module !== 'bonder') {
    return {
      ok: false,
      issues: [
        issue(
          'align-alarm-missing',
          `${catalogue.source}: the aligner raises fault point ${faultId} when registration fails; the catalogue needs it as an alarming bonder point`,
        ),
      ],
    };
  }
  return {
    ok: true,
    value: { faultId, alid: p.alarm.alid, alcd: p.alarm.alcd, recovery: p.recovery, recoveryS: p.recoveryS },
  };
}
