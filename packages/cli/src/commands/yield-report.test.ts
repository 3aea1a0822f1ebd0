import { type AnalyticResult, causeCode, type DieCause, type McResult } from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import { lotLossCounts, yieldCsv, yieldTable } from './yield-report.js';

const dies = [
  { id: 0, col: 0, row: 0, cx: -5500, cy: 0 },
  { id: 1, col: 1, row: 0, cx: 5500, cy: 0 },
];
const codes = (...names: DieCause[]) => Uint8Array.from(names, causeCode);
const mc = {
  dies,
  wafers: [
    { causes: codes('good', 'void'), yield: 0.5, killers: new Uint32Array(2), particles: 1 },
    { causes: codes('overlay', 'void'), yield: 0, killers: new Uint32Array(2), particles: 1 },
    { causes: codes('cu', 'good'), yield: 0.5, killers: new Uint32Array(2), particles: 0 },
  ],
  mean: 1 / 3,
  stderr: 0.1,
  spread: 0.2,
  lambdaMean: 0.5,
  byCause: { overlay: 2 / 3, void: 1 / 3, cu: 2 / 3 },
  seed: 3,
} as unknown as McResult;
const analytic = {
  dies,
  dmaxUm: 2.3,
  dCAUm: 2.3,
  dCDUm: 3.3,
  perDie: {
    overlay: Float64Array.of(1, 0.5),
    void: Float64Array.of(0.9, 0.8),
    cu: Float64Array.of(1, 1),
    total: Float64Array.of(0.9, 0.4),
    lambda: Float64Array.of(0.105, 0.223),
  },
  yield: { overlay: 0.75, void: 0.85, cu: 1, total: 0.65 },
  lambdaMean: 0.164,
} as unknown as AnalyticResult;

describe('yield report', () => {
  it('counts per-die losses by cause over the lot', () => {
    const lot = lotLossCounts(mc);
    expect(lot.wafers).toBe(3);
    expect([...lot.overlay]).toEqual([1, 0]);
    expect([...lot.void]).toEqual([0, 2]);
    expect([...lot.cu]).toEqual([1, 0]);
  });

  it('writes one CSV row per die with the per-die MC yield', () => {
    const csv = yieldCsv(analytic, lotLossCounts(mc)).trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toBe(`0,0,0,-5500,0,1,0.9,1,0.9,0.105,3,1,0,1,${1 - 2 / 3}`);
    expect(csv[2]).toBe(`1,1,0,5500,0,0.5,0.8,1,0.4,0.223,3,0,2,0,${1 - 2 / 3}`);
  });

  it('states how many standard errors MC and analytic differ by', () => {
    // (1/3 - 0.65) / 0.1 = -3.2
    expect(yieldTable('f.yaml', 'bondline', analytic, mc)).toContain('MC - analytic = -3.2 standard errors');
  });
});
