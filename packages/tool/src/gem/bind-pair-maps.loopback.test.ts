// A pair's maps over GEM (docs/tool.md §7.5): PairResult carries the overlay site map, the void map and
// the die yield map as SECS-II arrays, and a full wafer's maps fit in one S6F11.
import { F8, type Item, U1, U2 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PairRecord } from '../controller/tool-api.js';
import { testPair } from './gem-fixtures.test-util.js';
import { type GemRig, record, startOnlineRig, until } from './gem-rig.test-util.js';

let rig: GemRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const MAPS = ['PairOverlayMap', 'PairVoidMap', 'PairDieMap', 'PairDieRows', 'PairDieCols'];

/** testPair with `sites` metrology sites, `voids` voids and a rows x cols die map. */
function bigPair(sites: number, voids: number, rows: number, cols: number): PairRecord {
  const p = testPair('LOT1', 1);
  const causes = new Uint8Array(rows * cols).map((_, i) => (i % 7 === 0 ? 255 : i % 5));
  return {
    ...p,
    metrology: {
      ...p.metrology,
      sites: Array.from({ length: sites }, (_, i) => ({
        wafer: p.stackId,
        X: i,
        Y: -i,
        dx: i / 8,
        dy: -i / 4,
      })),
      voids: Array.from({ length: voids }, (_, i) => ({
        xMm: i,
        yMm: -i / 2,
        diameterUm: 50 + i,
        cause: (['particle', 'edge', 'fault'] as const)[i % 3] ?? 'particle',
      })),
      dieYield: { rows, cols, causes },
    },
  };
}

async function pairMaps(r: GemRig, pair: PairRecord): Promise<Item[]> {
  const ceid = r.model.events.find((e) => e.name === 'PairResult')?.id ?? 0;
  expect(await r.host.defineReports([{ rptid: 7, vids: MAPS }])).toBe(0);
  expect(await r.host.linkEvents([{ ceid, rptids: [7] }])).toBe(0);
  expect(await r.host.enableEvents(false)).toBe(0);
  expect(await r.host.enableEvents(true, [ceid])).toBe(0);
  const events = record(r.host, 'event');
  r.tool.emit('pair-result', pair);
  await until(() => events.length === 1, 'the PairResult event');
  return events[0]?.reports[0]?.items ?? [];
}

describe('PairResult maps', () => {
  it('carry the sites (X, Y, dx, dy), the voids (x, y, diameter, cause code) and the die causes', async () => {
    rig = await startOnlineRig();
    const items = await pairMaps(rig, testPair('LOT1', 1));
    // testPair: sites at X 0, 1000, 2000, 3000 with dx/dy (1,-2) (-1,2) (2,2) (2,-2); one particle void.
    expect(items).toEqual([
      F8([0, 0, 1, -2, 1000, 0, -1, 2, 2000, 0, 2, 2, 3000, 0, 2, -2]),
      F8([10, -20, 300, 1]),
      U1([0]),
      U2(1),
      U2(1),
    ]);
    expect(rig.issues).toEqual([]);
  });

  it('fit in one S6F11 for a full wafer: 3,900 dies, 2,000 sites, 500 voids', async () => {
    rig = await startOnlineRig();
    const pair = bigPair(2000, 500, 60, 65);
    const items = await pairMaps(rig, pair);
    const [overlay, voids, dies, rows, cols] = items;
    if (overlay?.format !== 'F8' || voids?.format !== 'F8') throw new Error('expected two F8 maps');
    expect(overlay.value.length).toBe(8000);
    expect(overlay.value.slice(4, 8)).toEqual(Float64Array.of(1, -1, 0.125, -0.25));
    expect(voids.value.slice(4, 12)).toEqual(Float64Array.of(1, -0.5, 51, 2, 2, -1, 52, 3));
    expect(dies).toEqual(U1(Array.from(pair.metrology.dieYield.causes)));
    expect([rows, cols]).toEqual([U2(60), U2(65)]);
    expect(rig.issues).toEqual([]);
  });
});
