import { describe, expect, it } from 'vitest';
import { fitLot } from './fit-lot.js';
import type { OverlaySite } from './site.js';
import { synthesiseSites } from './synthetic-sites.js';

describe('fitLot', () => {
  const txs = [3, 5, 10];
  const sites = txs.flatMap((tx, i) =>
    synthesiseSites({
      wafer: `W${i + 1}`,
      terms: { Tx: tx, Mx: 0.1 * i, My: 0.1 * i },
      noiseNm: 0.5,
      seed: i + 1,
    }),
  );

  it('fits each wafer on its own and summarises the terms across wafers', () => {
    const r = fitLot(sites, { model: '4' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.wafers.map((w) => w.id)).toEqual(['W1', 'W2', 'W3']);
    const tx = r.value.wafers.map((w) => w.terms.Tx?.value as number);
    const mean = (tx[0]! + tx[1]! + tx[2]!) / 3;
    const sd = Math.sqrt(((tx[0]! - mean) ** 2 + (tx[1]! - mean) ** 2 + (tx[2]! - mean) ** 2) / 2);
    expect(r.value.lot.terms.Tx?.mean).toBeCloseTo(mean, 12);
    expect(r.value.lot.terms.Tx?.sigma).toBeCloseTo(sd, 12);
    // The true Tx spread is sd([3,5,10]) = 3.606; fitted values are within a few 0.01 nm.
    expect(r.value.lot.terms.Tx?.sigma).toBeCloseTo(3.6056, 1);
    expect(r.value.lot.terms.Mag?.mean).toBeCloseTo(0.1, 2);
    expect(r.value.lot.residual.x.n).toBe(sites.length);
    expect(r.value.lot.residual.x.sigma).toBeCloseTo(0.5, 1);
  });

  it('lists every wafer that cannot be fitted', () => {
    const broken: OverlaySite[] = [
      ...sites,
      { wafer: 'X9', X: 0, Y: 0, dx: 1, dy: 1 },
      { wafer: 'X9', X: 1, Y: 1, dx: 1, dy: 1 },
    ];
    const r = fitLot(broken, { model: '6' });
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'too-few-sites', message: expect.stringMatching(/^wafer X9: /) }],
    });
  });
});
