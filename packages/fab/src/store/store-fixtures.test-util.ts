// Records for the store tests: a small line (one fab, one maker, tools with modules and a recipe, a
// lot of pairs with results) and streams of events, alarms, trace samples and constant changes, with
// values that exercise the columns (optional fields present and absent, JSON nesting, large ids).
import type { NumericMap } from './map-codec.js';
import type {
  AlarmRecord,
  EcChangeRecord,
  EventRecord,
  FabRecord,
  LotRecord,
  PairRecord,
  PairResultRecord,
  ToolRecord,
  TraceSampleRecord,
} from './records.js';

/** 2026-01-05T08:00:00Z, ms. */
export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

export function line(toolIds: readonly string[]): FabRecord[] {
  const out: FabRecord[] = [
    { type: 'organisation', id: 'fab', name: 'Fab 1', role: 'fab' },
    { type: 'organisation', id: 'maker-a', name: 'Maker A', role: 'maker' },
  ];
  toolIds.forEach((id, i) => {
    const tool: ToolRecord =
      i % 2 === 0
        ? {
            type: 'tool',
            id,
            name: `Bonder ${id}`,
            organisationId: 'maker-a',
            address: '10.0.0.7',
            port: 5000 + i,
            deviceId: i,
          }
        : { type: 'tool', id, name: `Bonder ${id}`, organisationId: 'maker-a' };
    out.push(tool);
    out.push({ type: 'module', toolId: id, id: 'PM1', kind: 'plasma' });
    out.push({ type: 'module', toolId: id, id: 'BD1', kind: 'aligner-bonder' });
    out.push({
      type: 'recipe',
      toolId: id,
      name: 'BOND-STD',
      version: 1,
      body: 'bond:\n  forceN: 20\n',
      createdMs: T0,
    });
  });
  return out;
}

export function lot(id: string, toolId: string, extra: Partial<LotRecord> = {}): LotRecord {
  return {
    type: 'lot',
    id,
    toolId,
    recipe: 'BOND-STD',
    recipeVersion: 1,
    plannedPairs: 25,
    startedMs: T0,
    ...extra,
  };
}

/** Carriers, substrates and a pair per slot, with the pair's result (maps included on odd slots). */
export function lotContents(lotId: string, toolId: string, pairs: number): FabRecord[] {
  const out: FabRecord[] = [
    { type: 'carrier', id: `${lotId}-T`, capacity: 25, role: 'top' },
    { type: 'carrier', id: `${lotId}-B`, capacity: 25 },
  ];
  for (let slot = 1; slot <= pairs; slot++) {
    const top = `${lotId}-T${slot}`;
    const bottom = `${lotId}-B${slot}`;
    const stack = `${lotId}-S${slot}`;
    out.push({ type: 'substrate', id: top, kind: 'top', lotId, carrierId: `${lotId}-T`, slot });
    out.push({ type: 'substrate', id: bottom, kind: 'bottom', lotId, carrierId: `${lotId}-B`, slot });
    out.push({ type: 'substrate', id: stack, kind: 'stack', lotId, topId: top, bottomId: bottom });
    out.push(pair(`${lotId}-P${slot}`, toolId, lotId, slot));
    out.push(pairResult(`${lotId}-P${slot}`, slot));
  }
  return out;
}

export function pair(id: string, toolId: string, lotId: string, slot: number): PairRecord {
  return {
    type: 'pair',
    id,
    toolId,
    lotId,
    slot,
    recipe: 'BOND-STD',
    topId: `${lotId}-T${slot}`,
    bottomId: `${lotId}-B${slot}`,
    stackId: `${lotId}-S${slot}`,
    startedMs: T0 + slot * 60_000,
    ...(slot % 2 === 0 ? { recipeVersion: 1, endedMs: T0 + slot * 60_000 + 45_000 } : {}),
  };
}

function pairResult(pairId: string, slot: number): PairResultRecord {
  const base: PairResultRecord = {
    type: 'pair-result',
    pairId,
    yield: 0.9 + slot / 1000,
    summary: { voids: slot, overlay: { Tx: 1.5, Ty: -2, Rot: 0.01, Mag: 0.2 }, faults: ['F-012'] },
  };
  if (slot % 2 === 0) return base;
  return {
    ...base,
    overlayMap: overlayMap(13),
    voidMap: { dims: [2, 4], data: new Float64Array([1, 2, 50, 0, -3, 4, 120, 2]) },
    dieYieldMap: dieMap(9, 7),
  };
}

function overlayMap(sites: number): NumericMap {
  const data = new Float64Array(sites * 4);
  for (let i = 0; i < sites; i++)
    data.set([i * 1000 - 6000, 3000 - i * 500, Math.sin(i) * 5, Math.cos(i) * 5], i * 4);
  return { dims: [sites, 4], data };
}

function dieMap(rows: number, cols: number): NumericMap {
  const data = new Uint8Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = i % 5 === 0 ? 255 : i % 7;
  return { dims: [rows, cols], data };
}

/** Event `i` of a tool: a 10-variable report, DATAID i + 1, one event a second. */
export function event(toolId: string, i: number, timeMs = T0 + i * 1000): EventRecord {
  return {
    type: 'event',
    toolId,
    dataId: i + 1,
    ceid: 4000 + (i % 4),
    name: ['PairBonded', 'StepEnded', 'LotStarted', 'ModuleStateChanged'][i % 4] ?? 'Event',
    equipmentTimeMs: timeMs,
    receivedTimeMs: timeMs + 3,
    data: {
      PairId: `L1-P${i}`,
      Slot: i % 25,
      BondForceN: 20.5,
      ChamberPressurePa: 1.2e-3,
      ChuckTemperatureC: 23.1,
      AlignResidualNm: [12.5, -3.25],
      Attempts: 1,
      Aligned: true,
      Recipe: 'BOND-STD',
      Faults: [],
    },
  };
}

export function alarm(toolId: string, i: number, state: 'set' | 'clear' = 'set'): AlarmRecord {
  return {
    type: 'alarm',
    toolId,
    alid: 2_000_000_000 + i,
    state,
    category: 4,
    text: `Bond chamber pressure high (${i})`,
    equipmentTimeMs: T0 + i * 1000,
    receivedTimeMs: T0 + i * 1000 + 2,
  };
}

export function trace(toolId: string, i: number): TraceSampleRecord {
  return {
    type: 'trace',
    toolId,
    traceId: 7,
    sampleNo: i + 1,
    equipmentTimeMs: T0 + i * 100,
    receivedTimeMs: T0 + i * 100 + 1,
    values: { BondForceN: 20 + i / 100, ChuckTemperatureC: 23 },
  };
}

export function ecChange(toolId: string, i: number): EcChangeRecord {
  return {
    type: 'ec-change',
    toolId,
    ecid: 310,
    name: 'AlignOffsetXNm',
    oldValue: i === 0 ? null : i - 1,
    newValue: i,
    source: i % 2 === 0 ? 'host' : 'tool',
    equipmentTimeMs: T0 + i * 5000,
    receivedTimeMs: T0 + i * 5000 + 4,
  };
}

/** Every record type once: a line of two tools, a lot of `pairs` pairs, and a few facts of each kind. */
export function everything(pairs = 4): FabRecord[] {
  return [
    ...line(['B1', 'B2']),
    lot('L1', 'B1', { endedMs: T0 + 3_600_000, outcome: 'completed', summary: { yield: 0.93, pairs } }),
    ...lotContents('L1', 'B1', pairs),
    ...[0, 1, 2].map((i) => event('B1', i)),
    alarm('B1', 0, 'set'),
    alarm('B1', 0, 'clear'),
    ...[0, 1].map((i) => trace('B2', i)),
    ...[0, 1].map((i) => ecChange('B1', i)),
  ];
}
