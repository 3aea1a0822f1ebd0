// The die yield map of a pair by cause, recomputed from its measurements with @bondline/physics'
// realisedDieMap (docs/physics.md §5): the pair's fitted systematic overlay (Tx, Ty, Rot, Mag) in place
// of drawn terms, its measured voids as their discs (docs/physics.md §3), and per die one Bernoulli
// draw of its overlay pass probability and one of its copper pass probability. A lost die's cause is
// the first failing mechanism in the order overlay, void, cu. The draws come from a generator seeded
// from the pair id, so the same pair analysed again gives the same map.
import {
  type BondParams,
  CAUSE_CU,
  CAUSE_OVERLAY,
  CAUSE_VOID,
  createRng,
  discsOfMeasuredVoid,
  realisedDieMap,
} from '@bondline/physics';
import type { NumericMap } from '../../store/map-codec.js';
import type { VoidRow } from './map-rows.js';
import type { DieYieldAnalysis, PairAnalysisIssue } from './pair-analysis-schema.js';

/** Code of a grid position without a die (docs/fab.md §1.4). */
export const NO_DIE = 255;

/** The systematic overlay the map is computed for: Tx, Ty nm; Rot µrad; Mag ppm. */
export interface SystematicTerms {
  readonly Tx: number;
  readonly Ty: number;
  readonly Rot: number;
  readonly Mag: number;
}

/** 32-bit FNV-1a of a string's UTF-16 code units: the default seed of a pair's die draws. */
export function pairSeed(pairId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < pairId.length; i++) {
    h ^= pairId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface DieYieldInputs {
  readonly terms: SystematicTerms;
  readonly overlayFit: 'robust' | 'plain';
  readonly voids: readonly VoidRow[];
  readonly seed: number;
  /** The tool's own die yield map, compared when on the same grid. */
  readonly toolMap?: NumericMap | undefined;
}

export interface DieYieldOutcome {
  readonly dieYield: DieYieldAnalysis;
  readonly issues: readonly PairAnalysisIssue[];
}

/** The pair's die yield map, its yield and loss by cause, drawn and expected, and the tool's map compared. */
export function pairDieYield(bond: BondParams, inputs: DieYieldInputs): DieYieldOutcome {
  const { terms } = inputs;
  const sys = { tx: terms.Tx / 1000, ty: terms.Ty / 1000, theta: terms.Rot * 1e-6, m: terms.Mag * 1e-6 };
  const voids = inputs.voids.map((v) => discsOfMeasuredVoid(bond, v));
  const r = realisedDieMap(bond, { sys, voids }, createRng(inputs.seed));
  const cols = Math.floor((2 * bond.wafer.R) / (bond.die.W + bond.die.s)) + 1;
  const rows = Math.floor((2 * bond.wafer.R) / (bond.die.L + bond.die.s)) + 1;
  const causes = new Uint8Array(rows * cols).fill(NO_DIE);
  const lostDies = { overlay: 0, void: 0, cu: 0 };
  const lost = { overlay: 0, void: 0, cu: 0 };
  let good = 0;
  r.dies.forEach((d, i) => {
    const c = r.causes[i] as number;
    causes[d.row * cols + d.col] = c;
    if (c === CAUSE_OVERLAY) lostDies.overlay++;
    else if (c === CAUSE_VOID) lostDies.void++;
    else if (c === CAUSE_CU) lostDies.cu++;
    else good++;
    // The probabilities behind the draw, in the same order: overlay first, then a void, then copper.
    const pOverlay = r.overlayPass[i] as number;
    lost.overlay += 1 - pOverlay;
    if ((r.killers[i] as number) > 0) lost.void += pOverlay;
    else lost.cu += pOverlay * (1 - r.cuPass);
  });
  const nd = r.dies.length;
  const frac = (v: number) => (nd > 0 ? v / nd : 0);
  const issues: PairAnalysisIssue[] = [];
  const tool = compareToolMap(inputs.toolMap, causes, rows, cols, issues);
  return {
    dieYield: {
      rows,
      cols,
      causes: Array.from(causes),
      dies: nd,
      good,
      yield: frac(good),
      lostDies,
      expected: {
        yield: r.expectedYield,
        lost: { overlay: frac(lost.overlay), void: frac(lost.void), cu: frac(lost.cu) },
      },
      inputs: {
        overlayFit: inputs.overlayFit,
        Tx: terms.Tx,
        Ty: terms.Ty,
        Rot: terms.Rot,
        Mag: terms.Mag,
        voids: inputs.voids.length,
        seed: inputs.seed,
      },
      tool,
    },
    issues,
  };
}

/** The tool's map against ours, die by die; null (with an issue) when it is not on the same grid. */
function compareToolMap(
  toolMap: NumericMap | undefined,
  ours: Uint8Array,
  rows: number,
  cols: number,
  issues: PairAnalysisIssue[],
): DieYieldAnalysis['tool'] {
  if (toolMap === undefined) return null;
  const mismatch = (why: string) => {
    issues.push({
      code: 'tool-map-mismatch',
      message: `dieYieldMap: ${why}; not compared`,
      path: 'dieYieldMap',
    });
    return null;
  };
  const { dims, data } = toolMap;
  if (dims.length !== 2 || dims[0] !== rows || dims[1] !== cols || data.length !== rows * cols) {
    return mismatch(`dims [${dims.join(', ')}], the product's die grid is [${rows}, ${cols}]`);
  }
  const confusion = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const lostDies = { overlay: 0, void: 0, cu: 0 };
  let dies = 0;
  let good = 0;
  let sameCause = 0;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i] as number;
    const b = data[i] as number;
    if ((a === NO_DIE) !== (b === NO_DIE)) {
      return mismatch(
        `position ${i} (row ${Math.floor(i / cols)}, col ${i % cols}) is a die in one map only`,
      );
    }
    if (a === NO_DIE) continue;
    const row = confusion[a];
    if (row === undefined || !(b >= 0 && b <= 3 && Number.isInteger(b))) {
      return mismatch(`position ${i} holds ${b}, not a cause code (0..3 or 255)`);
    }
    row[b] = (row[b] as number) + 1;
    dies++;
    if (a === b) sameCause++;
    if (b === CAUSE_OVERLAY) lostDies.overlay++;
    else if (b === CAUSE_VOID) lostDies.void++;
    else if (b === CAUSE_CU) lostDies.cu++;
    else good++;
  }
  return { yield: dies > 0 ? good / dies : 0, lostDies, sameCause, confusion };
}
