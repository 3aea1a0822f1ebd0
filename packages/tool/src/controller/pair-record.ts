// A bonded pair's record (docs/tool.md §1): both wafers, the stack and its slot, the bond and the
// metrology, and the correctable overlay fitted from the metrology sites with @bondline/align's
// 4-term model (Tx, Ty nm; Rot µrad; Mag ppm), as the fab would fit it.
import { correctablesFromFit, fitWafer } from '@bondline/align';
import type { BondOutcome, OverlayTerms, PairMetrology } from '../sim/process-physics.js';
import type { PairMaterial } from '../tracking/lot-job.js';
import type { PairRecord } from './tool-api.js';

/**
 * Overlay terms fitted from the sites; NaN terms when the sites cannot be fitted (too few, or a
 * degenerate layout): the pair is reported, its overlay is unknown.
 */
function fitOverlay(stackId: string, metrology: PairMetrology): OverlayTerms {
  const fit = fitWafer(stackId, metrology.sites, { model: '4' });
  const terms = fit.ok ? correctablesFromFit(fit.value) : undefined;
  return terms ?? { Tx: Number.NaN, Ty: Number.NaN, Rot: Number.NaN, Mag: Number.NaN };
}

export function buildPairRecord(args: {
  lotId: string;
  recipe: string;
  pair: PairMaterial;
  bond: BondOutcome;
  metrology: PairMetrology;
  faults: string[];
  doneS: number;
}): PairRecord {
  const { pair, metrology } = args;
  return {
    pairId: pair.pairId,
    lotId: args.lotId,
    index: pair.index,
    recipe: args.recipe,
    topId: pair.topId,
    bottomId: pair.bottomId,
    stackId: pair.stackId,
    destination: { ...pair.destination },
    bond: args.bond,
    metrology,
    overlay: fitOverlay(pair.stackId, metrology),
    yield: metrology.yield,
    faults: args.faults,
    doneS: args.doneS,
  };
}
