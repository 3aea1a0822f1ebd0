// A FaultSource that fires what a test scripted (the faults area's engine is not used here): rules
// by module and by the module's n-th step, and a log of every question and recovery.
import type {
  AlarmingFault,
  FaultSource,
  Recovery,
  StepFaults,
  StepSite,
} from '../../faults/fault-source.js';
import type { Degradation } from '../../sim/process-physics.js';

export interface FaultRule {
  moduleId: string;
  /** Fire at this step of the module (1-based, counting every atStep call, retries included)... */
  fromCall: number;
  /** ...through this one (default: fromCall only). */
  toCall?: number;
  alarm?: { faultId: string; recovery: Recovery; recoveryS: number; alid?: number };
  degradation?: Degradation;
}

/** A rule that raises alarm `<moduleId>-TEST` at the module's `call`-th step, cleared as `recovery` says. */
export function alarmRule(moduleId: string, call: number, recovery: Recovery, recoveryS: number): FaultRule {
  return { moduleId, fromCall: call, alarm: { faultId: `${moduleId}-TEST`, recovery, recoveryS } };
}

export class ScriptedFaults implements FaultSource {
  readonly steps: StepSite[] = [];
  readonly clearedLog: { faultId: string; moduleId: string; atS: number }[] = [];
  readonly maintainedLog: { moduleId: string; atS: number }[] = [];
  private readonly count = new Map<string, number>();

  constructor(private readonly rules: readonly FaultRule[] = []) {}

  atStep(site: StepSite): StepFaults {
    this.steps.push(site);
    const n = (this.count.get(site.moduleId) ?? 0) + 1;
    this.count.set(site.moduleId, n);
    const rule = this.rules.find(
      (r) => r.moduleId === site.moduleId && n >= r.fromCall && n <= (r.toCall ?? r.fromCall),
    );
    if (rule === undefined) return { degradation: {} };
    const out: StepFaults = { degradation: rule.degradation ?? {} };
    if (rule.alarm !== undefined) {
      const a: AlarmingFault = {
        faultId: rule.alarm.faultId,
        moduleId: site.moduleId,
        alid: rule.alarm.alid ?? 1000,
        alcd: 4,
        text: `${rule.alarm.faultId} on ${site.moduleId}`,
        recovery: rule.alarm.recovery,
        recoveryS: rule.alarm.recoveryS,
      };
      out.alarm = a;
    }
    return out;
  }

  cleared(faultId: string, moduleId: string, atS: number): void {
    this.clearedLog.push({ faultId, moduleId, atS });
  }

  maintained(moduleId: string, atS: number): void {
    this.maintainedLog.push({ moduleId, atS });
  }
}
