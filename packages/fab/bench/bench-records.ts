// The records the ingest benches write: the fab's organisation and tools, and events as a bonder
// sends them (a 10-variable report), the same in every bench so their figures compare.
import type { PairRecord } from '@bondline/tool';
import type { EventRecord, FabRecord, PairResultRecord } from '../src/store/records.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

/** A maker and `tools` tools, B0 to B<tools - 1>: what events name. */
export function benchTools(tools: number): FabRecord[] {
  const out: FabRecord[] = [{ type: 'organisation', id: 'maker-a', name: 'Maker A', role: 'maker' }];
  for (let t = 0; t < tools; t++)
    out.push({ type: 'tool', id: `B${t}`, name: `Bonder ${t}`, organisationId: 'maker-a' });
  return out;
}

/** Event `n` of tool `t` with DATAID `dataId`, 5 ms of equipment time after event n - 1. */
export function benchEvent(t: number, dataId: number, n: number): EventRecord {
  const time = T0 + n * 5;
  return {
    type: 'event',
    toolId: `B${t}`,
    dataId,
    ceid: 4001,
    name: 'PairBonded',
    equipmentTimeMs: time,
    receivedTimeMs: time + 2,
    data: {
      PairId: `L${Math.floor(n / 25)}-P${n % 25}`,
      Slot: (n % 25) + 1,
      BondForceN: 20 + (n % 7) * 0.01,
      ChamberPressurePa: 1.2e-3,
      ChuckTemperatureC: 23.05,
      AlignResidualTopNm: 12.5,
      AlignResidualBottomNm: -3.25,
      Attempts: 1,
      Recipe: 'BOND-STD',
      Yield: 0.93,
    },
  };
}

/** Cause codes of the void map's fourth column (docs/tool.md §7.5). */
const VOID_CODE = { particle: 1, edge: 2, fault: 3 } as const;

/** A simulated tool pair's three maps as the collector stores them (docs/fab.md §1.4, docs/tool.md §7.5). */
export function toolPairMaps(
  p: PairRecord,
): Pick<PairResultRecord, 'overlayMap' | 'voidMap' | 'dieYieldMap'> {
  const { sites, voids, dieYield } = p.metrology;
  return {
    overlayMap: {
      dims: [sites.length, 4],
      data: Float64Array.from(sites.flatMap((s) => [s.X, s.Y, s.dx, s.dy])),
    },
    voidMap: {
      dims: [voids.length, 4],
      data: Float64Array.from(voids.flatMap((v) => [v.xMm, v.yMm, v.diameterUm, VOID_CODE[v.cause]])),
    },
    dieYieldMap: { dims: [dieYield.rows, dieYield.cols], data: dieYield.causes },
  };
}
