import {
  buildDieIndex,
  CAUSE_GOOD,
  CAUSE_OVERLAY,
  CAUSE_VOID,
  defaultParams,
  dieGrid,
  diesKilledBy,
  padLayout,
} from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { OFF_WAFER, pairDieYield } from './die-yield.js';
import { demoBond } from './twin.test-util.js';

const zero = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };

describe('pairDieYield', () => {
  it('maps every die of the grid by row and column, tiles without a die off the wafer (docs/physics.md §1.1)', () => {
    const y = pairDieYield(defaultParams, zero, [], 1);
    // floor(300 mm / 11 mm) + 1 = 28 tiles a side, 540 dies on a 300 mm wafer
    expect([y.map.cols, y.map.rows]).toEqual([28, 28]);
    const onWafer = y.map.causes.filter((c) => c !== OFF_WAFER);
    expect(onWafer).toHaveLength(540);
    expect(y.yield).toBeCloseTo(onWafer.filter((c) => c === CAUSE_GOOD).length / 540, 15);
    // the default pair at zero terms loses almost nothing (p = 10 µm: dmax 2.3 µm)
    expect(y.yield).toBeGreaterThan(0.99);
    for (const d of dieGrid(defaultParams)) expect(y.map.causes[d.row * 28 + d.col]).not.toBe(OFF_WAFER);
  });

  it("kills the dies physics' diesKilledBy names for the voids (docs/physics.md §3)", () => {
    const voids = [
      { xMm: 0, yMm: 0, diameterUm: 4000, cause: 'edge' as const },
      { xMm: 100, yMm: -60, diameterUm: 600, cause: 'particle' as const },
    ];
    const y = pairDieYield(defaultParams, zero, voids, 2);
    const dies = dieGrid(defaultParams);
    const layout = padLayout(defaultParams);
    const index = buildDieIndex(defaultParams, dies);
    const killed = new Set([
      ...diesKilledBy(defaultParams, layout, dies, [{ x: 0, y: 0, r: 2000 }], index),
      ...diesKilledBy(defaultParams, layout, dies, [{ x: 100_000, y: -60_000, r: 300 }], index),
    ]);
    expect(killed.size).toBeGreaterThanOrEqual(5);
    dies.forEach((d, i) => {
      const cause = y.map.causes[d.row * 28 + d.col];
      if (killed.has(i)) expect([CAUSE_VOID, CAUSE_OVERLAY]).toContain(cause);
      else expect(cause).not.toBe(CAUSE_VOID);
    });
  });

  it('converts the terms to physics units: the demo pair (p = 1 µm, dmax 0.23 µm) against translation, rotation, magnification', async () => {
    const demo = await demoBond();
    expect(pairDieYield(demo, { ...zero, Tx: 300 }, [], 3).yield).toBe(0);
    expect(pairDieYield(demo, { ...zero, Tx: 60 }, [], 3).yield).toBeGreaterThan(0.95);
    // 3 µrad turns the edge dies by 0.45 µm, 3 ppm stretches them as far: most are lost
    expect(pairDieYield(demo, { ...zero, Rot: 3 }, [], 3).yield).toBeLessThan(0.1);
    expect(pairDieYield(demo, { ...zero, Mag: 3 }, [], 3).yield).toBeLessThan(0.1);
    // 0.3 µrad and 0.3 ppm move them by 0.045 µm each: none
    expect(pairDieYield(demo, { ...zero, Rot: 0.3, Mag: 0.3 }, [], 3).yield).toBeGreaterThan(0.95);
  });
});
