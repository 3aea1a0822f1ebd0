// Analysed pairs with chosen figures for the SPC service tests: a schema-valid analysis (the yield
// fixtures' 10-die map) with an overlay fit whose Tx is the value charted, so a series of tx values can
// be fed through the service as the pair analyser would hand it over.
import { analysisRecord } from '../../store/pair-analysis-fixtures.test-util.js';
import type { FabRecord, PairRecord } from '../../store/records.js';
import { T0 } from '../../store/store-fixtures.test-util.js';
import type { AnalysedPair } from '../pair/pair-analyser.js';
import type { OverlayAnalysis } from '../pair/pair-analysis-schema.js';

const stats = { n: 9, mean: 0, sigma: 1, mean3sigma: 3, maxAbs: 2, r2: null };

function overlayWith(txNm: number): OverlayAnalysis {
  const fit = {
    terms: {
      Tx: { value: txNm, stderr: 0.1, unit: 'nm' },
      Ty: { value: 0, stderr: 0.1, unit: 'nm' },
      Rot: { value: 0, stderr: 0.01, unit: 'µrad' },
      Mag: { value: 0, stderr: 0.01, unit: 'ppm' },
    },
    residual: { x: stats, y: stats },
    residuals: { site: [], x: [], y: [] },
  };
  return { model: '10', sites: 9, radiusUm: 150_000, fieldPitchUm: [10_000, 10_000], fit, robust: null };
}

/** Pair `n` of lot L1 on B1 (recipe BOND-STD): its wafers are L1-T<n> and L1-B<n>. */
export function spcPair(n: number): PairRecord {
  return {
    type: 'pair',
    id: `L1-P${n}`,
    toolId: 'B1',
    lotId: 'L1',
    slot: (n % 25) + 1,
    recipe: 'BOND-STD',
    topId: `L1-T${n}`,
    bottomId: `L1-B${n}`,
    stackId: `L1-S${n}`,
    startedMs: T0 + n * 60_000,
  };
}

/** The bond step's end of pair `n` with its bond force (N), as a Bondline bonder reports it. */
export function bondStepEnded(n: number, forceN: number): FabRecord {
  return {
    type: 'event',
    toolId: 'B1',
    dataId: 1000 + n,
    ceid: 4113,
    name: 'BonderStepEnded',
    equipmentTimeMs: T0 + n * 60_000 - 1000,
    receivedTimeMs: T0 + n * 60_000 - 1000,
    data: { StepSubstrates: `L1-T${n},L1-B${n}`, StepBondForce: forceN, StepChamberPressure: 101_325 },
  };
}

/** Pair `n` as the analyser hands it over, with the fit's Tx = `txNm` (1 of 10 dies lost to voids). */
export function analysedPair(n: number, txNm: number): AnalysedPair {
  const pair = spcPair(n);
  const base = analysisRecord(pair.id, { dies: 10, overlay: 0, void: 1, cu: 0 });
  return {
    toolId: 'B1',
    lotId: 'L1',
    recipe: 'BOND-STD',
    pair,
    record: { ...base, analysis: { ...base.analysis, overlay: overlayWith(txNm) } },
  };
}
