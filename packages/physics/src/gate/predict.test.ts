import { describe, expect, it } from 'vitest';
import { dieGrid } from '../geometry/die-grid.js';
import { defaultParams } from '../params.js';
import { predictGate } from './predict.js';

const params = defaultParams;
const dies = dieGrid(params);
// Default grid (docs/physics.md §1): 11000 µm tiles, 28 a side, so die centres sit at odd multiples of 5500 µm.
const dieAt = (x: number, y: number) =>
  dies.find((d) => Math.abs(d.cx - x) < 1 && Math.abs(d.cy - y) < 1)!.id;

describe('predictGate', () => {
  it('mirrors a top-wafer particle (x -> -x) and kills the die under it', () => {
    const r = predictGate(params, [{ id: 1, x: 49500, y: 16500, sizeUm: 0.1 }], []);
    expect(r.particles[0]).toMatchObject({ wafer: 'top', x: -49500, y: 16500 });
    expect(r.killedDies).toEqual([dieAt(-49500, 16500)]);
  });

  it('does not mirror a bottom-wafer particle', () => {
    const r = predictGate(params, [], [{ id: 1, x: 49500, y: 16500, sizeUm: 0.1 }]);
    expect(r.particles[0]).toMatchObject({ wafer: 'bottom', x: 49500, y: 16500 });
    expect(r.killedDies).toEqual([dieAt(49500, 16500)]);
  });

  it('sizes the main void from height = factor x size (docs/physics.md §3)', () => {
    const r = predictGate(params, [], [{ id: 7, x: 30000, y: 40000, sizeUm: 0.5 }], { heightFactor: 2 });
    const p = r.particles[0]!;
    expect(p.heightUm).toBe(1);
    // (kR rho + kR0) sqrt(t) with rho = 50000: (1.8e-4 * 50000 + 230) * 1
    expect(p.discs[0]!.r).toBeCloseTo(239, 9);
  });

  it('a small particle in the middle of a street kills no die', () => {
    // Street centre x = 0 lies 500 µm from the nearest die edges; the void radius is ~77 µm.
    const r = predictGate(params, [], [{ id: 1, x: 0, y: 16500, sizeUm: 0.1 }]);
    expect(r.particles[0]!.discs[0]!.r).toBeLessThan(100);
    expect(r.killedDies).toEqual([]);
    expect(r.decision).toBe('bond');
  });

  it('a large particle kills its die and, through its radial tail, dies farther out', () => {
    const r = predictGate(params, [], [{ id: 1, x: 60500, y: 5500, sizeUm: 20 }]);
    const killed = r.killedDies;
    expect(killed).toContain(dieAt(60500, 5500));
    // Tail length kL rho sqrt(t) = 0.062 * 60750 * 4.47 ≈ 16800 µm, pointing outward (+x here).
    expect(killed).toContain(dieAt(71500, 5500));
    expect(killed.every((id) => dies[id]!.cx >= 49500)).toBe(true);
  });

  it('the decision flips exactly at the threshold', () => {
    const defects = [
      { id: 1, x: 49500, y: 16500, sizeUm: 0.1 },
      { id: 2, x: -27500, y: -5500, sizeUm: 0.1 },
    ];
    const loss = 2 / dies.length;
    const at = predictGate(params, defects, [], { maxLoss: loss });
    expect(at.predictedLoss).toBeCloseTo(loss, 15);
    expect(at.decision).toBe('bond');
    const below = predictGate(params, defects, [], { maxLoss: loss * 0.999 });
    expect(below.decision).toBe('re-clean');
  });

  it('counts a die killed from both wafers once and skips zero-size and off-wafer defects', () => {
    const r = predictGate(
      params,
      [
        { id: 1, x: -49500, y: 16500, sizeUm: 0.1 },
        { id: 2, x: 0, y: 0, sizeUm: 0 },
      ],
      [
        { id: 3, x: 49500, y: 16500, sizeUm: 0.1 },
        { id: 4, x: 200000, y: 0, sizeUm: 1 },
      ],
    );
    expect(r.killedDies).toEqual([dieAt(49500, 16500)]);
    expect(r.skipped).toEqual([
      { wafer: 'top', id: 2, reason: 'zero size' },
      { wafer: 'bottom', id: 4, reason: 'off wafer' },
    ]);
  });

  it('refuses nonsense options', () => {
    expect(() => predictGate(params, [], [], { heightFactor: 0 })).toThrow(RangeError);
    expect(() => predictGate(params, [], [], { maxLoss: 2 })).toThrow(RangeError);
  });
});
