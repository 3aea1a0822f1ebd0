// Test data for the GEM binding (the tool itself is config/tool-config.test-util.ts): a small fault
// catalogue with alarming and silent points, a recipe and pair records.

import type { PairRecord } from '../controller/tool-api.js';
import type { FaultPoint } from '../faults/fault-point.js';
import type { AlarmingFault } from '../faults/fault-source.js';
import type { Recipe } from '../recipe/recipe-types.js';

const point = (
  id: string,
  module: FaultPoint['module'],
  text: string,
  alarm: FaultPoint['alarm'],
  recovery: FaultPoint['recovery'] = 'operator-clear',
): FaultPoint => ({
  id,
  module,
  name: id.toLowerCase(),
  text,
  severity: alarm === undefined ? 'warning' : 'error',
  detection: alarm === undefined ? 'none' : 'sensor',
  recovery,
  recoveryS: 60,
  ...(alarm === undefined ? {} : { alarm }),
  effect: { stopsModule: alarm !== undefined },
});

/** Three alarming fault points (plasma, bonder, clean) and two silent ones. */
export function testCatalogue(): FaultPoint[] {
  return [
    point('PL-RF-001', 'plasma', 'RF generator reflected power above limit', { alid: 40101, alcd: 2 }),
    point('PL-PART-010', 'plasma', 'chamber wall flaking adds particles', undefined),
    point('BD-ALIGN-017', 'bonder', 'alignment mark not found after all retries', { alid: 70117, alcd: 4 }),
    point('BD-DRIFT-002', 'bonder', 'stage thermal drift shifts overlay', undefined),
    point('CL-SPIN-003', 'clean', 'spin chuck speed not reached', { alid: 50103, alcd: 6 }, 'maintenance'),
  ];
}

/** The fault a catalogue point raises in module `moduleId`. */
export function alarmingFault(fp: FaultPoint, moduleId: string): AlarmingFault {
  if (fp.alarm === undefined) throw new RangeError(`${fp.id} raises no alarm`);
  return {
    faultId: fp.id,
    moduleId,
    alid: fp.alarm.alid,
    alcd: fp.alarm.alcd,
    text: fp.text,
    recovery: fp.recovery,
    recoveryS: fp.recoveryS,
  };
}

export function testRecipe(name: string): Recipe {
  return {
    name,
    version: 1,
    description: `${name} for the GEM tests`,
    params: {
      robot: { moveS: 2, pickS: 1, placeS: 1 },
      prealigner: { timeS: 10 },
      plasma: { gas: 'N2', rfPowerW: 100, timeS: 30, pressurePa: 20 },
      clean: { rinseS: 30, spinRpm: 2000, dryS: 20 },
      flipper: { timeS: 8 },
      bonder: {
        alignS: 40,
        alignRetries: 2,
        vacuumZones: 3,
        pinForceN: 5,
        bowUm: 20,
        initiationDelayS: 1,
        bondS: 30,
      },
      inspection: { sites: 4, siteS: 2, scanS: 40, voidThresholdUm: 50 },
    },
  };
}

/** Pair `index` (1-based) of lot `lotId`, with four metrology sites and `faults` acting on it. */
export function testPair(lotId: string, index: number, faults: string[] = []): PairRecord {
  const n = String(index).padStart(2, '0');
  const overlay = { Tx: 12.5 * index, Ty: -3.25, Rot: 0.125, Mag: -0.0625 };
  const sites = [
    [1, -2],
    [-1, 2],
    [2, 2],
    [2, -2],
  ].map(([dx, dy], i) => ({ wafer: `${lotId}-S${n}`, X: 1000 * i, Y: 0, dx: dx ?? 0, dy: dy ?? 0 }));
  const voids = [{ xMm: 10, yMm: -20, diameterUm: 300, cause: 'particle' as const }];
  return {
    pairId: `${lotId}-P${n}`,
    lotId,
    index,
    recipe: 'BOND-STD',
    topId: `${lotId}-T${n}`,
    bottomId: `${lotId}-B${n}`,
    stackId: `${lotId}-S${n}`,
    destination: { carrier: `${lotId}-STACK`, slot: index },
    bond: {
      topId: `${lotId}-T${n}`,
      bottomId: `${lotId}-B${n}`,
      realised: overlay,
      registration: { topResidualNm: 2, bottomResidualNm: 3, attempts: 1 },
      aligned: true,
      voids,
      trace: { bondForceN: 5 },
    },
    metrology: {
      sites,
      voids,
      dieYield: { cols: 1, rows: 1, causes: new Uint8Array([0]) },
      yield: 0.875,
      trace: {},
    },
    overlay,
    yield: 0.875,
    faults,
    doneS: 600 + 120 * index,
  };
}
