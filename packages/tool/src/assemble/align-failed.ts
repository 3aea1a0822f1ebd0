// The aligner's own alarm (registration refused on every attempt) is a point of the fault catalogue,
// so GEM declares it like every other alarm (docs/tool.md §1, §5): the simulated bonder raises it
// with the catalogue's ALID, category and recovery.
import { issue, type Result } from '@bondline/core';
import { type AlignFailedAlarm, DEFAULT_ALIGN_FAILED } from '../drivers/sim/sim-world.js';
import type { FaultCatalogue } from '../faults/fault-catalogue.js';

/** The alarm of catalogue point `faultId` (default BD-ALIGN-061); refused when the catalogue lacks it or it raises no alarm. */
export function alignFailedAlarm(
  catalogue: FaultCatalogue,
  faultId = DEFAULT_ALIGN_FAILED.faultId,
): Result<AlignFailedAlarm> {
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
