// Pair analyses with chosen die counts for the store and API tests: schema-valid PairAnalysis values
// whose die map is one row of `dies` dies (good first, then overlay, void and copper losses), so the
// yield figures of a set of them can be computed by hand.
import type { PairAnalysis } from '../analytics/pair/pair-analysis-schema.js';
import type { PairAnalysisRecord } from './pair-analysis-record.js';
import type { FabRecord } from './records.js';
import { line, lotContents, T0 } from './store-fixtures.test-util.js';

export interface DieCounts {
  readonly dies: number;
  readonly overlay: number;
  readonly void: number;
  readonly cu: number;
}

/** An analysis of `pairId` with these dies lost by cause (expected = realised, no overlay fit). */
function analysisWith(pairId: string, c: DieCounts): PairAnalysis {
  const good = c.dies - c.overlay - c.void - c.cu;
  const causes = [
    ...Array<number>(good).fill(0),
    ...Array<number>(c.overlay).fill(1),
    ...Array<number>(c.void).fill(2),
    ...Array<number>(c.cu).fill(3),
  ];
  return {
    pairId,
    overlay: null,
    voids: {
      count: c.void,
      byCause: { particle: c.void, edge: 0, fault: 0 },
      totalAreaUm2: c.void * 100,
      areaFraction: 0,
      largest: null,
    },
    dieYield: {
      rows: 1,
      cols: c.dies,
      causes,
      dies: c.dies,
      good,
      yield: good / c.dies,
      lostDies: { overlay: c.overlay, void: c.void, cu: c.cu },
      expected: {
        yield: good / c.dies,
        lost: { overlay: c.overlay / c.dies, void: c.void / c.dies, cu: c.cu / c.dies },
      },
      inputs: { overlayFit: 'plain', Tx: 0, Ty: 0, Rot: 0, Mag: 0, voids: c.void, seed: 1 },
      tool: null,
    },
    issues: [],
  };
}

export function analysisRecord(
  pairId: string,
  c: DieCounts,
  faultPoints: readonly string[] = [],
  version = 1,
): PairAnalysisRecord {
  return { pairId, version, computedMs: T0 + 3_600_000, faultPoints, analysis: analysisWith(pairId, c) };
}

/** Lot L2's pairs start this much later than L1's. */
export const L2_LATER_MS = 3_600_000;

/**
 * Two tools (B1, B2), lot L1 of B1 and L2 of B2 (an hour later), two pairs each (recipe BOND-STD; the
 * tools' results report yields 0.901 and 0.902 for slots 1 and 2).
 */
export function yieldLine(): FabRecord[] {
  const l2 = lotContents('L2', 'B2', 2).map((r) =>
    r.type === 'pair' ? { ...r, startedMs: r.startedMs + L2_LATER_MS } : r,
  );
  return [
    ...line(['B1', 'B2']),
    { type: 'lot', id: 'L1', toolId: 'B1', recipe: 'BOND-STD', plannedPairs: 2, startedMs: T0 },
    { type: 'lot', id: 'L2', toolId: 'B2', recipe: 'BOND-STD', plannedPairs: 2, startedMs: T0 + L2_LATER_MS },
    ...lotContents('L1', 'B1', 2),
    ...l2,
  ];
}

/**
 * The hand-computed case of the yield tests (10 dies a pair):
 *   L1-P1 (B1): 8 good, 1 overlay, 1 void, faults FP-A      L1-P2 (B1): 10 good, no fault
 *   L2-P1 (B2): 5 good, 4 void, 1 cu, faults FP-A, FP-B     L2-P2 (B2): 9 good, 1 cu, no fault
 */
export function yieldAnalyses(): PairAnalysisRecord[] {
  return [
    analysisRecord('L1-P1', { dies: 10, overlay: 1, void: 1, cu: 0 }, ['FP-A']),
    analysisRecord('L1-P2', { dies: 10, overlay: 0, void: 0, cu: 0 }),
    analysisRecord('L2-P1', { dies: 10, overlay: 0, void: 4, cu: 1 }, ['FP-A', 'FP-B']),
    analysisRecord('L2-P2', { dies: 10, overlay: 0, void: 0, cu: 1 }),
  ];
}
