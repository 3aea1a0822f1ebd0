// Runs of a simulated Bondline bonder as the store would hold them, for the FDC tests: the tool's own
// digital-twin physics (@bondline/tool's createTwinPhysics, with examples/tool/tool.yaml's bond model
// and twin) gives every trace reading, so the noise and the way a fault point moves a trace are the
// tool's (docs/tool.md §4.6). Each pair's plasma and clean steps of both wafers are sampled 10 times
// (a GEM trace of the module's status variables at a fixed period), each sample one reading of the
// twin's sensors; the step events and the pair are the records the collector stores.
//
// The running tool reads the same sensor model every twin `sensorPeriodS` while a step runs
// (docs/tool.md §7.8) and a host samples it with S2F23; here the 10 readings are evenly spaced and the
// physics' own stream draws them (fdc-gem.test.ts takes the running tool's over GEM).
import {
  type CleanParams,
  createTwinPhysics,
  type Degradation,
  defaultToolConfigPath,
  loadToolConfig,
  type PlasmaParams,
  type ProcessPhysics,
  type SurfaceOutcome,
} from '@bondline/tool';
import type { EventRecord, PairRecord, TraceSampleRecord } from '../../store/records.js';

/** BOND-STD's plasma and clean parameters (docs/tool.md §3, the defaults). */
const PLASMA: PlasmaParams = { gas: 'N2', rfPowerW: 300, timeS: 30, pressurePa: 50 };
const CLEAN: CleanParams = { rinseS: 30, spinRpm: 2000, dryS: 25 };
export const RECIPE = 'BOND-STD';
const TOOL = 'B1';
const SAMPLES_PER_STEP = 10;

/** Controller trace names → GEM status variable suffixes (docs/tool.md §7.8). */
const SV_SUFFIX: Readonly<Record<string, string>> = {
  rfForwardW: 'RfForwardPower',
  rfReflectedW: 'RfReflectedPower',
  chamberPressurePa: 'ChamberPressure',
  spinRpm: 'SpinSpeed',
  rinseFlowLpm: 'RinseFlow',
};

export interface SimRecords {
  readonly events: EventRecord[];
  readonly pairs: PairRecord[];
  readonly samples: TraceSampleRecord[];
}

/** What acts on a pair's steps: degradation per module id (absent: healthy). */
export type StepFaults = Readonly<Record<string, Degradation>>;

export class SimLine {
  private nowMs = Date.UTC(2026, 11, 7);
  private dataId = 1;
  private sampleNo = 1;

  private constructor(private readonly physics: ProcessPhysics) {}

  static async open(seed: number): Promise<SimLine> {
    const path = await defaultToolConfigPath();
    if (!path.ok) throw new Error(path.issues[0]?.message);
    const cfg = await loadToolConfig(path.value);
    if (!cfg.ok) throw new Error(cfg.issues[0]?.message);
    return new SimLine(createTwinPhysics({ bond: cfg.value.bond, twin: cfg.value.twin, seed }));
  }

  /** `count` pairs one after another, with `faults` acting on every one; records appended to `out`. */
  pairs(count: number, idPrefix: string, out: SimRecords, faults: StepFaults = {}): void {
    for (let i = 0; i < count; i++) this.pair(`${idPrefix}-${i}`, out, faults);
  }

  private pair(id: string, out: SimRecords, faults: StepFaults): void {
    const top = `${id}-T`;
    const bottom = `${id}-B`;
    const startedMs = this.nowMs;
    for (const wafer of [top, bottom]) {
      const role = wafer === top ? 'top' : 'bottom';
      const surface = { id: wafer, role, particles: [] } as const;
      this.step(
        out,
        'Plasma',
        'PL1',
        wafer,
        PLASMA.timeS,
        (d) => this.physics.plasma({ ...surface, particles: [] }, PLASMA, this.ctx('PL1', d)),
        faults.PL1,
      );
      this.step(
        out,
        'Clean',
        'CL1',
        wafer,
        CLEAN.rinseS + CLEAN.dryS,
        (d) => this.physics.clean({ ...surface, particles: [] }, CLEAN, this.ctx('CL1', d)),
        faults.CL1,
      );
    }
    out.pairs.push({
      type: 'pair',
      id,
      toolId: TOOL,
      lotId: 'L1',
      slot: 1,
      recipe: RECIPE,
      topId: top,
      bottomId: bottom,
      stackId: `${id}-S`,
      startedMs,
    });
  }

  private ctx(moduleId: string, degradation: Degradation | undefined) {
    return { moduleId, wafersSinceMaintenance: 0, degradation: degradation ?? {} };
  }

  /** One step: started event, SAMPLES_PER_STEP readings evenly over its time, ended event. */
  private step(
    out: SimRecords,
    kind: string,
    moduleId: string,
    wafer: string,
    durationS: number,
    read: (d: Degradation | undefined) => SurfaceOutcome,
    degradation: Degradation | undefined,
  ): void {
    const startMs = this.nowMs;
    const periodMs = Math.round((durationS * 1000) / (SAMPLES_PER_STEP + 1));
    out.events.push(this.event(`${kind}StepStarted`, moduleId, wafer, startMs));
    for (let k = 1; k <= SAMPLES_PER_STEP; k++) {
      const values: Record<string, number> = {};
      for (const [name, v] of Object.entries(read(degradation).trace)) {
        values[`${moduleId}${SV_SUFFIX[name] ?? name}`] = v;
      }
      out.samples.push({
        type: 'trace',
        toolId: TOOL,
        traceId: 1,
        sampleNo: this.sampleNo++,
        equipmentTimeMs: startMs + k * periodMs,
        receivedTimeMs: startMs + k * periodMs,
        values,
      });
    }
    this.nowMs = startMs + Math.round(durationS * 1000);
    out.events.push(this.event(`${kind}StepEnded`, moduleId, wafer, this.nowMs));
    this.nowMs += 5000;
  }

  private event(name: string, moduleId: string, wafer: string, atMs: number): EventRecord {
    return {
      type: 'event',
      toolId: TOOL,
      dataId: this.dataId++,
      ceid: name.endsWith('Started') ? 4106 : 4107,
      name,
      equipmentTimeMs: atMs,
      receivedTimeMs: atMs,
      data: { StepModule: moduleId, StepSubstrates: wafer },
    };
  }
}

export function emptyRecords(): SimRecords {
  return { events: [], pairs: [], samples: [] };
}
