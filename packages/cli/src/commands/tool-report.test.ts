import type { FaultCatalogue, FaultPoint, LotSummary, PairRecord } from '@bondline/tool';
import { describe, expect, it } from 'vitest';
import { lotJson, pairAlarms, pairsCsv, textTable } from './tool-report.js';

/** A catalogue of one alarming and one silent point (only what the report reads). */
function catalogue(): FaultCatalogue {
  const point = (id: string, alarm: boolean) =>
    ({ id, ...(alarm ? { alarm: { alid: 1, alcd: 4 } } : {}) }) as unknown as FaultPoint;
  const points = [point('BD-ALIGN-001', true), point('PL-DRIFT-002', false)];
  return { source: 't', points, byId: new Map(points.map((p) => [p.id, p])), byKind: new Map() };
}

function pair(i: number, yieldFraction: number, faults: string[], tx = 1.5): PairRecord {
  const n = String(i).padStart(2, '0');
  return {
    pairId: `L-P${n}`,
    lotId: 'L',
    index: i,
    recipe: 'R',
    topId: `L-T${n}`,
    bottomId: `L-B${n}`,
    stackId: `L-S${n}`,
    destination: { carrier: 'L-STK', slot: i },
    overlay: { Tx: tx, Ty: -2, Rot: 0.1, Mag: 0.02 },
    yield: yieldFraction,
    faults,
    doneS: 100 * i,
    metrology: {
      sites: [{ wafer: `L-S${n}`, X: 0, Y: 0, dx: 1, dy: 2 }],
      voids: [{ xMm: 1, yMm: 2, diameterUm: 300, cause: 'particle' }],
      dieYield: { cols: 1, rows: 1, causes: new Uint8Array([0]) },
      yield: yieldFraction,
      trace: {},
    },
  } as unknown as PairRecord;
}

const summary = {
  lotId: 'L',
  recipe: 'R',
  pairs: 2,
  yield: 0.75,
  pairsPerHour: 20,
  boundPairsPerHour: 21,
  bottleneck: 'bonder',
  modules: [{ id: 'BD1', kind: 'bonder', busyFraction: 0.99 }],
  fillS: 500,
  drainS: 300,
  startedS: 0,
  endedS: 900,
  outcome: 'completed',
} as LotSummary;

describe('pairAlarms', () => {
  it('keeps the alarming fault points and drops the silent ones (they never leave a tool)', () => {
    expect(pairAlarms(pair(1, 1, ['PL-DRIFT-002', 'BD-ALIGN-001']), catalogue())).toEqual(['BD-ALIGN-001']);
  });
});

describe('lotJson', () => {
  it('names the modules, renames the overlay terms, counts the voids; an unfitted term prints null', () => {
    const doc = lotJson(summary, [pair(1, 1, ['BD-ALIGN-001']), pair(2, 0.5, [], Number.NaN)], catalogue());
    expect(doc.lot).toEqual({
      pairs: 2,
      yield: 0.75,
      pairsPerHour: 20,
      boundPairsPerHour: 21,
      bottleneck: 'bonder',
      modules: [{ name: 'BD1', busyFraction: 0.99 }],
    });
    expect(doc.pairs[0]).toEqual({
      id: 'L-P01',
      topId: 'L-T01',
      bottomId: 'L-B01',
      stackId: 'L-S01',
      yield: 1,
      overlay: { tx: 1.5, ty: -2, rotation: 0.1, magnification: 0.02 },
      voids: 1,
      alarms: ['BD-ALIGN-001'],
    });
    expect(JSON.parse(JSON.stringify(doc)).pairs[1].overlay.tx).toBeNull();
  });
});

describe('pairsCsv', () => {
  it('one row per pair, alarms joined by ;, an unfitted term empty', () => {
    const csv = pairsCsv([pair(1, 1, ['BD-ALIGN-001']), pair(2, 0.5, [], Number.NaN)], catalogue(), () => ({
      x: 3,
      y: 4,
    }));
    expect(csv.split('\n')).toEqual([
      'pair,top,bottom,stack,slot,yield,tx_nm,ty_nm,rot_urad,mag_ppm,overlay_x_m3s_nm,overlay_y_m3s_nm,sites,voids,alarms,done_s',
      'L-P01,L-T01,L-B01,L-S01,L-STK:1,1,1.5,-2,0.1,0.02,3,4,1,1,BD-ALIGN-001,100',
      'L-P02,L-T02,L-B02,L-S02,L-STK:2,0.5,,-2,0.1,0.02,3,4,1,1,,200',
      '',
    ]);
  });
});

describe('textTable', () => {
  it('pads text left and numbers right, and trims line ends', () => {
    expect(
      textTable(
        ['id', 'v', 'note'],
        [
          ['a', '1.5', 'x'],
          ['bbb', '10.25', ''],
        ],
      ),
    ).toBe(['id       v  note', 'a      1.5  x', 'bbb  10.25', ''].join('\n'));
  });
});
