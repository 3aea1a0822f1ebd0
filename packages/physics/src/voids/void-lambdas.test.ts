import { describe, expect, it } from 'vitest';
import { dieGrid } from '../geometry/die-grid.js';
import { padLayout } from '../geometry/pad-layout.js';
import { type BondParams, defaultParams } from '../params.js';
import { voidLambdas } from './void-lambdas.js';

const withVoids = (v: Partial<BondParams['voids']>): BondParams => ({
  ...defaultParams,
  voids: { ...defaultParams.voids, ...v },
});

describe('voidLambdas', () => {
  const dies = dieGrid(defaultParams);
  const layout = padLayout(defaultParams);
  const base = voidLambdas(defaultParams, layout, dies);

  it('is exactly linear in D0', () => {
    const ten = voidLambdas(withVoids({ D0: 1e-8 }), layout, dies);
    for (let i = 0; i < dies.length; i++) expect(ten[i]! / base[i]!).toBeCloseTo(10, 12);
  });

  it('gives edge dies a lower void yield than centre dies (longer tails)', () => {
    const rho = dies.map((d) => Math.hypot(d.cx, d.cy));
    const centre = rho.indexOf(Math.min(...rho));
    const edge = rho.indexOf(Math.max(...rho));
    expect(Math.exp(-base[edge]!)).toBeLessThan(Math.exp(-base[centre]!));
    // a centre die sees no tails (none reach inward) and about D0 x (die + plateau ring) area
    expect(base[centre]!).toBeGreaterThan(1e-9 * 9990 ** 2);
  });

  it('without tails, agrees with an independent brute-force integral over the wafer', () => {
    // P(main disc reaches) = min(1, ((kR rho + kR0) sqrt(t0) / (d - Rt))^(2(z-1))), summed on a grid of cells
    const p = withVoids({ kL: 0, kN: 0, kS: 0 });
    const v = p.voids;
    const rt = layout.Rt;
    const half = 4995;
    const pick = [dies[0]!, dies[Math.floor(dies.length / 2)]!];
    const lam = voidLambdas(p, layout, pick);
    pick.forEach((die, k) => {
      const R = p.wafer.R;
      let sum = 0;
      // fine cells near the die, coarse far away (the integrand falls as d^-4)
      const integrate = (
        x0: number,
        x1: number,
        y0: number,
        y1: number,
        h: number,
        skip?: (x: number, y: number) => boolean,
      ) => {
        for (let x = x0 + h / 2; x < x1; x += h) {
          for (let y = y0 + h / 2; y < y1; y += h) {
            if (x * x + y * y >= R * R || skip?.(x, y)) continue;
            const dx = Math.max(Math.abs(x - die.cx) - half, 0);
            const dy = Math.max(Math.abs(y - die.cy) - half, 0);
            const d = Math.hypot(dx, dy) - rt;
            const a = (v.kR * Math.hypot(x, y) + v.kR0) * Math.sqrt(v.t0);
            sum += v.D0 * h * h * (d <= a ? 1 : (a / d) ** (2 * (v.z - 1)));
          }
        }
      };
      const near = 8000;
      integrate(die.cx - near, die.cx + near, die.cy - near, die.cy + near, 20);
      integrate(-R, R, -R, R, 400, (x, y) => Math.abs(x - die.cx) < near && Math.abs(y - die.cy) < near);
      expect(Math.abs(lam[k]! / sum - 1)).toBeLessThan(2e-3);
    });
  });
});
