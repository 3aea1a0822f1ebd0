import { describe, expect, it } from 'vitest';
import { type BondParams, defaultParams, type PadBlockKind } from '../params.js';
import { mirrorTopToBonded, mirrorTopXInPlace } from './mirror.js';
import { padLayout } from './pad-layout.js';
import { padRadii } from './pad-radii.js';

function withPads(p: number, layout?: BondParams['pads']['layout'], W = 10000, L = 10000): BondParams {
  const pads = layout === undefined ? { ...defaultParams.pads, p } : { ...defaultParams.pads, p, layout };
  return { ...defaultParams, die: { W, L, s: 1000 }, pads };
}

describe('pad radii', () => {
  it('Rb = p/2 * 0.5 and Rt = Rb * 2/3 at the defaults', () => {
    expect(padRadii(defaultParams)).toEqual({ Rb: 2.5, Rt: 2.5 * (2 / 3) });
  });
});

describe('padLayout, full array', () => {
  it('has floor(W/p) x floor(L/p) critical pads, centred, down to 0.2 µm pitch', () => {
    for (const p of [10, 1, 0.4, 0.2, 3]) {
      const l = padLayout(withPads(p));
      const n = Math.floor(10000 / p + 1e-9);
      expect(l.criticalPads).toBe(n * n);
      expect(l.criticalLogicalPads).toBe(n * n);
      const r = l.regions[0];
      expect(r?.x0).toBeCloseTo(-r!.x1, 9);
      expect(r!.x1 - r!.x0).toBeCloseTo((n - 1) * p, 6);
    }
  });
});

describe('padLayout, block bitmap', () => {
  const rows: PadBlockKind[][] = [
    ['critical', 'critical', 'redundant', 'empty'],
    ['critical', 'empty', 'redundant', 'redundant'],
    ['critical', 'critical', 'critical', 'empty'],
  ];
  const layout = { blockUm: 230, redundantCopies: 3, rows };
  const params = withPads(7, layout, 1000, 800);

  // Independent: classify every pad of the grid by the block holding its centre.
  function brute(): { crit: number; red: number } {
    const nx = Math.floor(1000 / 7);
    const ny = Math.floor(800 / 7);
    let crit = 0;
    let red = 0;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const x = (i - (nx - 1) / 2) * 7 + 500;
        const y = (j - (ny - 1) / 2) * 7 + 400;
        const kind = rows[Math.floor(y / 230)]?.[Math.floor(x / 230)] ?? 'empty';
        if (kind === 'critical') crit++;
        if (kind === 'redundant') red++;
      }
    }
    return { crit, red };
  }

  it('masks the pad grid exactly like a pad-by-pad classification', () => {
    const l = padLayout(params);
    const b = brute();
    expect(l.criticalPads).toBe(b.crit);
    expect(l.redundantPads).toBe(b.red);
  });
  it('counts redundant logical pads as floor(pads / copies) per region', () => {
    const l = padLayout(params);
    let logical = 0;
    for (const r of l.regions) {
      expect(r.logicalPads).toBe(Math.floor((r.nx * r.ny) / r.copies));
      logical += r.logicalPads;
    }
    expect(l.criticalLogicalPads).toBe(logical);
    expect(l.regions.every((r) => (r.kind === 'redundant') === (r.copies === 3))).toBe(true);
  });
  it('merges equal blocks into few regions and exposes their rectangles for the void model', () => {
    const l = padLayout(params);
    expect(l.regions.length).toBeLessThanOrEqual(6);
    expect(l.critical).toHaveLength(l.regions.length);
  });
});

describe('mirror', () => {
  it('maps top-wafer (x, y) to (-x, y) and is an involution', () => {
    expect(mirrorTopToBonded(3, -4)).toEqual({ x: -3, y: -4 });
    const xs = Float64Array.from([1, -2, 0.5]);
    mirrorTopXInPlace(mirrorTopXInPlace(xs));
    expect(Array.from(xs)).toEqual([1, -2, 0.5]);
  });
});
