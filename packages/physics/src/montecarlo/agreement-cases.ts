import { type BondParams, defaultParams } from '../params.js';

/**
 * The parameter sets on which the analytic model and the Monte Carlo must
 * agree (issue 2): shared by the fast agreement test and the 2000-wafer bench.
 */
export interface AgreementCase {
  name: string;
  params: BondParams;
}

function variant(patch: {
  wafer?: BondParams['wafer'];
  die?: Partial<BondParams['die']>;
  pads?: Partial<BondParams['pads']>;
  overlay?: Partial<BondParams['overlay']>;
  voids?: Partial<BondParams['voids']>;
}): BondParams {
  const p = defaultParams;
  return {
    ...p,
    wafer: patch.wafer ?? p.wafer,
    die: { ...p.die, ...patch.die },
    pads: { ...p.pads, ...patch.pads },
    overlay: { ...p.overlay, ...patch.overlay },
    voids: { ...p.voids, ...patch.voids },
  };
}

export const agreementCases: readonly AgreementCase[] = [
  { name: 'defaults', params: defaultParams },
  { name: 'D0 = 1e-8', params: variant({ voids: { D0: 1e-8 } }) },
  { name: '3.2 mm dies', params: variant({ die: { W: 3200, L: 3200 } }) },
  {
    name: 'pitch 1 µm, sigmaR 0.035, sigmaT 0.05',
    params: variant({ pads: { p: 1 }, overlay: { sigmaR: 0.035, sigmaTx: 0.05, sigmaTy: 0.05 } }),
  },
  { name: 't0 = 1 with edge band', params: variant({ voids: { t0: 1, D1: 1e-8, wEdge: 5000 } }) },
  // beyond the list: code paths the five above do not reach
  {
    name: 'odd grid (a die on the wafer centre), D0 = 1e-8',
    params: variant({ die: { W: 9000, L: 9000, s: 1000 }, voids: { D0: 1e-8 } }),
  },
  {
    // a 100 mm wafer keeps it quick: the layout has no symmetry, so every die is its own integral
    name: 'block layout with gaps and a redundant block, R = 50 mm, D0 = 1e-8',
    params: variant({
      wafer: { R: 50000, e: 0 },
      voids: { D0: 1e-8 },
      pads: {
        layout: {
          blockUm: 2500,
          redundantCopies: 2,
          rows: [
            ['critical', 'empty', 'empty', 'critical'],
            ['empty', 'redundant', 'empty', 'empty'],
            ['empty', 'empty', 'empty', 'empty'],
            ['critical', 'empty', 'empty', 'critical'],
          ],
        },
      },
    }),
  },
];
