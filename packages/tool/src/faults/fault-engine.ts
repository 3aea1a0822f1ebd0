// The fault engine of the simulated tool (docs/tool.md §5): at each module step it decides which fault
// points of the catalogue fire there, with the rates of a profile, and answers the controller with
// at most one alarm and the summed degradation of the silent points active at that module.
//
// The model, per module (each module id is on its own):
// - Every point of the module's kind draws one uniform number at every step, whether or not it can
//   fire (rate 0, retired by a fix, or an alarm already active): the draws of one point never depend
//   on the others, so retiring a point removes only its own firings and the rest of the run stays
//   the same (common random numbers along the learning curve).
// - A point fires when its draw is below rate-model.ts's probability (per step, or per hour over the
//   time since the module's previous step; wear from the substrates since its last maintenance).
// - Alarming points: the module stops at the first fault it reports, so at most one alarm is
//   returned, the most severe of those that fired (critical, error, warning, info; catalogue order
//   breaks ties). The others are dropped, not queued: the step is drawn again after recovery, which
//   gives them their chance again, and a queue would replay alarms whose cause the stop removed.
//   While a module has an uncleared alarm no other alarm fires there; cleared() or maintained()
//   ends it. An alarming point's own degradation fields (a wafer that slid, particles from an arc)
//   act on that step only.
// - Silent points: once fired, a point stays active for its effect's activeS, or until the module's
//   maintenance when activeS is absent; firing again while active extends it. Every step at the
//   module sums the effects of its active points (degradation-sum.ts). maintained() ends them all.
// - Fixes at run time: deployFixes() applies fix records to the rates it runs on (a release or an
//   engineering change reaching a running tool, docs/tool.md §5.7). The draws go on as before, so
//   the run after a fix is the run without it less the fixed point's firings.
import { createRng, type Rng } from '@bondline/physics';
import type { ModuleKind } from '../module-kind.js';
import { DegradationSum } from './degradation-sum.js';
import type { FaultCatalogue } from './fault-catalogue.js';
import type { FaultEffect, FaultPoint, Severity } from './fault-point.js';
import type { FaultProfile } from './fault-profile.js';
import type { AlarmingFault, FaultSource, StepFaults, StepSite } from './fault-source.js';
import { applyFixes, type FixRecord, type PointRate } from './fix-record.js';
import { firingProbability } from './rate-model.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, error: 1, warning: 2, info: 3 };

interface CompiledPoint {
  point: FaultPoint;
  rate: PointRate;
  /** rateScale x kindScale (x silentScale for a silent point) of the profile. */
  scale: number;
  /** The effect has a field besides stopsModule. */
  degrades: boolean;
}

interface ModuleRun {
  kind: ModuleKind;
  rng: Rng;
  lastAtS: number | undefined;
  alarm: AlarmingFault | undefined;
  /** Active silent points: virtual time they end (Infinity: at maintenance). */
  silent: Map<string, number>;
}

export interface FaultEngineOptions {
  catalogue: FaultCatalogue;
  /** Rates of every point of the catalogue (loadProfile checked that none is missing). */
  profile: FaultProfile;
  /** A non-negative safe integer; each module draws from its own stream derived from it and its id. */
  seed: number;
}

/** The seeded fault engine: same seed and same calls per module, same faults. */
export class FaultEngine implements FaultSource {
  private readonly byKind = new Map<ModuleKind, CompiledPoint[]>();
  private readonly byId = new Map<string, CompiledPoint>();
  private readonly modules = new Map<string, ModuleRun>();
  private readonly catalogue: FaultCatalogue;
  private readonly seed: number;

  constructor(options: FaultEngineOptions) {
    const { catalogue, profile, seed } = options;
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`FaultEngine: seed must be a non-negative safe integer, got ${seed}`);
    }
    this.catalogue = catalogue;
    this.seed = seed;
    for (const [kind, points] of catalogue.byKind) {
      const scale = profile.rateScale * (profile.kindScale[kind] ?? 1);
      this.byKind.set(
        kind,
        points.map((point) => {
          const rate = profile.rates.get(point.id);
          if (rate === undefined) {
            throw new TypeError(`FaultEngine: profile ${profile.name} has no rate for ${point.id}`);
          }
          const silent = point.effect.stopsModule ? 1 : profile.silentScale;
          const c = { point, rate, scale: scale * silent, degrades: hasDegradation(point.effect) };
          this.byId.set(point.id, c);
          return c;
        }),
      );
    }
  }

  /**
   * Apply `fixes` in order to the rates the engine runs on, from the next step on (a release reaching
   * the running tool). A fixed silent point that is active ends: deploying the fix requalifies what
   * caused it (a recalibration, a replaced part); an alarm already set stays until it is cleared.
   * A fix of a point the catalogue lacks is a programmer error (RangeError; nothing is applied).
   */
  deployFixes(fixes: readonly FixRecord[]): void {
    const current = new Map([...this.byId].map(([id, c]) => [id, c.rate]));
    const after = applyFixes(current, fixes);
    for (const f of fixes) {
      const c = this.byId.get(f.faultId);
      const rate = after.get(f.faultId);
      if (c === undefined || rate === undefined) continue;
      c.rate = rate;
      for (const run of this.modules.values()) run.silent.delete(f.faultId);
    }
  }

  /** The rate a point runs on now (after the profile's fixes and those deployed since); undefined for an unknown id. */
  rateOf(faultId: string): PointRate | undefined {
    return this.byId.get(faultId)?.rate;
  }

  /** The faults of one step at a module: at most one alarm, and the degradation acting there. */
  atStep(site: StepSite): StepFaults {
    const run = this.run(site.moduleId, site.kind);
    const { atS } = site;
    if (!Number.isFinite(atS) || atS < 0) throw new RangeError(`atStep: atS must be a time >= 0, got ${atS}`);
    if (run.lastAtS !== undefined && atS < run.lastAtS) {
      throw new RangeError(`atStep: ${site.moduleId} stepped at ${run.lastAtS} s, then at ${atS} s`);
    }
    const dtS = atS - (run.lastAtS ?? 0);
    run.lastAtS = atS;
    for (const [id, untilS] of run.silent) if (untilS <= atS) run.silent.delete(id);

    let alarm: CompiledPoint | undefined;
    const points = this.byKind.get(site.kind) ?? [];
    for (const c of points) {
      const u = run.rng.uniform();
      if (u >= firingProbability(c.rate, c.scale, site.countSinceMaintenance, dtS)) continue;
      if (!c.point.effect.stopsModule) {
        const until = c.point.effect.activeS === undefined ? Infinity : atS + c.point.effect.activeS;
        run.silent.set(c.point.id, Math.max(until, run.silent.get(c.point.id) ?? 0));
      } else if (
        run.alarm === undefined &&
        (alarm === undefined || SEVERITY_RANK[c.point.severity] < SEVERITY_RANK[alarm.point.severity])
      ) {
        alarm = c;
      }
    }

    const sum = new DegradationSum();
    if (alarm === undefined) {
      for (const c of points) if (run.silent.has(c.point.id)) sum.add(c.point.id, c.point.effect);
      return { degradation: sum.result() };
    }
    // A step its alarm stops does not happen: the alarming point's own effect (particles from an arc,
    // edge voids from a stalled bond wave) is all it leaves; the silent points act on the retried step.
    if (alarm.degrades) sum.add(alarm.point.id, alarm.point.effect);
    run.alarm = toAlarm(alarm.point, site.moduleId);
    return { alarm: run.alarm, degradation: sum.result() };
  }

  /** The module's alarm `faultId` was recovered; a fault that is not the module's active alarm is ignored. */
  cleared(faultId: string, moduleId: string): void {
    if (!this.catalogue.byId.has(faultId)) throw new RangeError(`cleared: ${faultId} is not a fault point`);
    const run = this.modules.get(moduleId);
    if (run?.alarm?.faultId === faultId) run.alarm = undefined;
  }

  /** Maintenance of a module: its alarm and its active silent points end. */
  maintained(moduleId: string): void {
    const run = this.modules.get(moduleId);
    if (run === undefined) return;
    run.alarm = undefined;
    run.silent.clear();
  }

  /** Alarms set and not yet cleared, one per module at most, in the order modules first stepped. */
  activeAlarms(): AlarmingFault[] {
    return [...this.modules.values()].flatMap((r) => (r.alarm === undefined ? [] : [r.alarm]));
  }

  /** Ids of the silent points acting on a module at `atS` (catalogue order). */
  activeSilent(moduleId: string, atS: number): string[] {
    const run = this.modules.get(moduleId);
    if (run === undefined) return [];
    return (this.byKind.get(run.kind) ?? [])
      .filter((c) => (run.silent.get(c.point.id) ?? -Infinity) > atS)
      .map((c) => c.point.id);
  }

  /** The silent points acting at `atS` on every module that has stepped: module id → point ids. */
  activeSilentByModule(atS: number): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const id of this.modules.keys()) {
      const active = this.activeSilent(id, atS);
      if (active.length > 0) out.set(id, active);
    }
    return out;
  }

  private run(moduleId: string, kind: ModuleKind): ModuleRun {
    const known = this.modules.get(moduleId);
    if (known !== undefined) {
      if (known.kind !== kind) throw new RangeError(`atStep: ${moduleId} is a ${known.kind}, not a ${kind}`);
      return known;
    }
    if (!this.byKind.has(kind)) throw new RangeError(`atStep: ${kind} is not a module kind`);
    const run: ModuleRun = {
      kind,
      rng: createRng(moduleSeed(this.seed, moduleId)),
      lastAtS: undefined,
      alarm: undefined,
      silent: new Map(),
    };
    this.modules.set(moduleId, run);
    return run;
  }
}

function toAlarm(p: FaultPoint, moduleId: string): AlarmingFault {
  const alarm = p.alarm;
  // The catalogue checks refuse a point that stops its module without an alarm.
  if (alarm === undefined) throw new TypeError(`${p.id} stops its module but has no alarm`);
  return {
    faultId: p.id,
    moduleId,
    alid: alarm.alid,
    alcd: alarm.alcd,
    text: p.text,
    recovery: p.recovery,
    recoveryS: p.recoveryS,
  };
}

function hasDegradation(e: FaultEffect): boolean {
  return Object.keys(e).some((k) => k !== 'stopsModule' && k !== 'activeS');
}

/** A module's stream seed: the engine seed and the module id (FNV-1a), mixed into 53 bits. */
function moduleSeed(seed: number, moduleId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < moduleId.length; i++) h = Math.imul(h ^ moduleId.charCodeAt(i), 0x01000193) >>> 0;
  return Number((BigInt(seed) * 0x9e3779b97f4a7c15n + BigInt(h)) & ((1n << 53n) - 1n));
}
