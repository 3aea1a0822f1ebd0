import { type OverlaySite, type SyntheticTerms, synthesiseSites } from '@bondline/align';
import { type BondParams, defaultParams } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import type { NumericMap } from '../../store/map-codec.js';
import { analysePair } from './analyse-pair.js';
import type { OverlayAnalysis } from './pair-analysis-schema.js';

// A die grid whose tiles are centred on multiples of the pitch, like align's synthetic field grid:
// pitch 10 mm, floor(2R / pitch) + 1 = 31 tiles a side (odd), centres at (i - 15) x 10 mm.
const bond: BondParams = { ...defaultParams, die: { W: 9500, L: 9500, s: 500 } };
const PITCH_UM = 10_000;

// The true terms (nm, ppm, µrad) of docs/align.md §2's 10-term model, chosen of realistic size.
const TRUE: Required<Omit<SyntheticTerms, 'poly'>> = {
  Tx: 12,
  Ty: -8,
  Mx: 0.5,
  My: -0.3,
  Rx: 0.2,
  Ry: 0.4,
  mx: 2,
  my: -1,
  rx: 1.5,
  ry: -0.5,
};

function siteMap(sites: readonly OverlaySite[]): NumericMap {
  return { dims: [sites.length, 4], data: Float64Array.from(sites.flatMap((s) => [s.X, s.Y, s.dx, s.dy])) };
}

function synthetic(noiseNm: number): OverlaySite[] {
  return synthesiseSites({
    wafer: 'P1',
    terms: TRUE,
    noiseNm,
    seed: 3,
    radiusUm: bond.wafer.R,
    fieldUm: [PITCH_UM, PITCH_UM],
    perField: 2,
  });
}

function overlayOf(map: NumericMap): OverlayAnalysis {
  const a = analysePair(
    { pairId: 'P1', overlayMap: map, voidMap: { dims: [0, 4], data: new Float64Array(0) } },
    { bond },
  );
  if (a.overlay === null) throw new Error(JSON.stringify(a.issues));
  return a.overlay;
}

describe('overlay fit of a pair (10-term, @bondline/align)', () => {
  it('recovers the terms of a noise-free synthesised site map to rounding (1e-9 relative)', () => {
    const o = overlayOf(siteMap(synthetic(0)));
    for (const [name, value] of Object.entries(TRUE)) {
      expect(o.fit.terms[name]?.value, name).toBeCloseTo(value, 9);
    }
    expect(o.fieldPitchUm).toEqual([PITCH_UM, PITCH_UM]);
    expect(o.fit.residual.x.maxAbs).toBeLessThan(1e-9);
    expect(o.robust?.rejected).toEqual([]);
  });

  it('with 1 nm noise, every term within 4 of its standard errors, residual 3 sigma about 3 nm', () => {
    const sites = synthetic(1);
    const o = overlayOf(siteMap(sites));
    for (const [name, value] of Object.entries(TRUE)) {
      const t = o.fit.terms[name];
      expect(t, name).toBeDefined();
      expect(Math.abs((t?.value ?? Number.NaN) - value), name).toBeLessThan(4 * (t?.stderr ?? 0));
    }
    // Derived terms (align's derivedTerms): Rot = (Rx + Ry)/2 = 0.3 µrad, Mag = (Mx + My)/2 = 0.1 ppm.
    expect(o.fit.terms.Rot?.value).toBeCloseTo(0.3, 1);
    expect(o.fit.terms.Mag?.value).toBeCloseTo(0.1, 1);
    // Residual sigma estimates the 1 nm noise: 3 sigma near 3 nm (thousands of sites: within 10 %).
    expect(o.fit.residual.x.sigma * 3).toBeGreaterThan(2.7);
    expect(o.fit.residual.x.sigma * 3).toBeLessThan(3.3);
    expect(o.fit.residuals.site).toHaveLength(sites.length);
    expect(o.fit.residuals.x).toHaveLength(sites.length);
    // A per-site residual is measured minus model: site 0's dx less the model at its position.
    const s0 = sites[0] as OverlaySite;
    const model =
      TRUE.Tx + 1e-3 * (TRUE.Mx * s0.X - TRUE.Rx * s0.Y + TRUE.mx * (s0.x ?? 0) - TRUE.rx * (s0.y ?? 0));
    expect(o.fit.residuals.x[0]).toBeCloseTo(s0.dx - model, 0);
  });

  it('the robust pass rejects the outlier sites, names their rows, and its terms are not pulled', () => {
    const sites = synthetic(1);
    const bad = [5, 17, 40];
    for (const i of bad) {
      const s = sites[i] as OverlaySite;
      sites[i] = { ...s, dx: s.dx + 400 };
    }
    const o = overlayOf(siteMap(sites));
    expect(o.robust?.k).toBe(4);
    expect(o.robust?.rejected.map((r) => r.site).sort((a, b) => a - b)).toEqual(bad);
    expect(o.robust?.rejected[0]?.dx).toBe(sites[o.robust?.rejected[0]?.site ?? -1]?.dx);
    expect(o.robust?.residuals.site).not.toContain(5);
    // The plain fit carries the outliers: 3 x 400 nm over ~2500 sites moves Tx by about 0.5 nm.
    const robustTx = o.robust?.terms.Tx;
    expect(Math.abs((robustTx?.value ?? Number.NaN) - TRUE.Tx)).toBeLessThan(4 * (robustTx?.stderr ?? 0));
    expect(o.fit.residual.x.maxAbs).toBeGreaterThan(390);
    expect(o.robust?.residual.x.maxAbs).toBeLessThan(10);
  });

  it('in-field coordinates come from the die grid: a site 1 mm right of a tile centre is x = 1000 µm', () => {
    // Six sites whose fields are known by hand: tiles centred on multiples of 10 mm (see `bond`).
    // dx = mx x with mx = 1 ppm -> 1e-3 nm/µm x 1000 µm = 1 nm; without field coordinates it could not be fitted.
    const rows = [
      [1000, 0],
      [21_000, 0],
      [-19_000, 10_000],
      [0, -2000],
      [30_000, 40_000],
      [-50_000, -32_000],
      [10_000, 3000],
      [-2000, 60_000],
    ];
    const inField = (v: number) => v - Math.round(v / PITCH_UM) * PITCH_UM;
    const map: NumericMap = {
      dims: [rows.length, 4],
      data: Float64Array.from(
        rows.flatMap(([X = 0, Y = 0]) => [X, Y, 1e-3 * inField(X) + 1e-4 * X, 1e-3 * inField(Y) + 2e-4 * Y]),
      ),
    };
    const o = overlayOf(map);
    expect(o.fit.terms.mx?.value).toBeCloseTo(1, 6);
    expect(o.fit.terms.Mx?.value).toBeCloseTo(0.1, 6);
    expect(o.fit.terms.my?.value).toBeCloseTo(1, 6);
    expect(o.fit.terms.My?.value).toBeCloseTo(0.2, 6);
  });
});
