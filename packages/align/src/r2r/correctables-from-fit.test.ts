import { describe, expect, it } from 'vitest';
import { fitWafer } from '../overlay/fit-wafer.js';
import { synthesiseSites } from '../overlay/synthetic-sites.js';
import { correctablesFromFit } from './correctables-from-fit.js';
import { R2rController } from './r2r-controller.js';

describe('correctablesFromFit', () => {
  const sites = synthesiseSites({ wafer: 'W', terms: { Tx: 6, Ty: -4, Mx: 0.5, My: 0.3, Rx: 0.2, Ry: 0.1 } });
  it('takes Tx, Ty and the mean rotation and magnification from 6-term fits', () => {
    const r = fitWafer('W', sites, { model: '6' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(correctablesFromFit(r.value)).toEqual({
      Tx: expect.closeTo(6, 9),
      Ty: expect.closeTo(-4, 9),
      Rot: expect.closeTo(0.15, 9),
      Mag: expect.closeTo(0.4, 9),
    });
  });
  it('from a 4-term fit of the same data: Rot and Mag weighted by the layout', () => {
    // Least squares of the 4-term model on a centred layout with sum(XY) = 0 gives
    // Rot = (Ry·ΣX² + Rx·ΣY²)/(ΣX² + ΣY²) and Mag = (Mx·ΣX² + My·ΣY²)/(ΣX² + ΣY²)
    // (normal equations: the Rot and Mag columns are orthogonal to each other and to Tx, Ty).
    const sx = sites.reduce((s, p) => s + p.X * p.X, 0);
    const sy = sites.reduce((s, p) => s + p.Y * p.Y, 0);
    expect(Math.abs(sites.reduce((s, p) => s + p.X * p.Y, 0))).toBeLessThan(1e-3 * sx);
    const r = fitWafer('W', sites, { model: '4' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const c = correctablesFromFit(r.value);
    expect(c?.Rot).toBeCloseTo((0.1 * sx + 0.2 * sy) / (sx + sy), 9);
    expect(c?.Mag).toBeCloseTo((0.5 * sx + 0.3 * sy) / (sx + sy), 9);
    expect(c?.Tx).toBeCloseTo(6, 9);
  });
  it('is undefined for poly3, and feeds an R2R bank', () => {
    const p = fitWafer('W', sites, { model: 'poly3' });
    expect(p.ok && correctablesFromFit(p.value)).toBeUndefined();
    const r = fitWafer('W', sites, { model: '6' });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const bank = R2rController.forCorrectables(
      { kind: 'ewma', w: 0.5, gain: 1, target: 0 },
      () => new Date(0),
    );
    const ctx = { tool: 'B1', chamber: 'A', product: 'P', layer: 'L' };
    for (const [k, y] of Object.entries(correctablesFromFit(r.value) ?? {})) bank.measure(ctx, k, y, 0);
    // First measurement sets a = y, so the next u cancels it: u = −y.
    expect(bank.recommend(ctx, 'Mag')).toMatchObject({ ok: true });
    expect(bank.state(ctx, 'Mag')?.u).toBeCloseTo(-0.4, 9);
  });
});
