import { fitWafer } from '@bondline/align';
import { createRng } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { measureSites, siteGrid } from './metrology-sites.js';

describe('siteGrid', () => {
  it('spreads any number of distinct sites inside 0.95 R', () => {
    for (const n of [1, 9, 49, 200]) {
      const g = siteGrid(n, 150_000);
      expect(g).toHaveLength(n);
      expect(g.every((s) => Math.hypot(s.X, s.Y) <= 0.95 * 150_000)).toBe(true);
      expect(new Set(g.map((s) => `${s.X},${s.Y}`)).size).toBe(n);
    }
    expect(siteGrid(0, 150_000)).toEqual([]);
    // equal area per site: the outermost of 200 sites lies at 0.95 R sqrt(199.5/200)
    const far = Math.max(...siteGrid(200, 150_000).map((s) => Math.hypot(s.X, s.Y)));
    expect(far).toBeCloseTo(0.95 * 150_000 * Math.sqrt(199.5 / 200), 6);
  });
});

describe('measureSites', () => {
  const terms = { Tx: 12, Ty: -7, Rot: 0.3, Mag: -0.15 };

  it("writes align's site format whose 4-term fit gives back the terms (docs/align.md §2)", () => {
    const sites = measureSites(createRng(1), 'L1-S01', siteGrid(49, 150_000), terms, 0);
    expect(sites.every((s) => s.wafer === 'L1-S01')).toBe(true);
    const fit = fitWafer('L1-S01', sites, { model: '4' });
    if (!fit.ok) throw new Error(fit.issues[0]?.message);
    for (const k of ['Tx', 'Ty', 'Rot', 'Mag'] as const)
      expect(fit.value.terms[k]?.value).toBeCloseTo(terms[k], 9);
  });

  it('adds the measurement noise: the fit residual sigma is the noise (3 nm)', () => {
    const sites = measureSites(createRng(2), 'L1-S02', siteGrid(400, 150_000), terms, 3);
    const fit = fitWafer('L1-S02', sites, { model: '4' });
    if (!fit.ok) throw new Error(fit.issues[0]?.message);
    // 400 sites: the sample sd of 3 nm noise has a relative standard error of 1/sqrt(800) = 3.5 %
    expect(fit.value.residual.x.sigma).toBeGreaterThan(3 * 0.86);
    expect(fit.value.residual.x.sigma).toBeLessThan(3 * 1.14);
    expect(Math.abs((fit.value.terms.Tx?.value ?? 0) - terms.Tx)).toBeLessThan(
      4 * (fit.value.terms.Tx?.stderr ?? 0),
    );
  });
});
