import { describe, expect, it } from 'vitest';
import { defaultParams } from '../params.js';
import { pareto } from '../random/distributions.js';
import { createRng } from '../random/rng.js';
import { discsOfMeasuredVoid, mainRadius, voidDiscs } from './void-discs.js';

const v = defaultParams.voids;

describe('voidDiscs', () => {
  it('builds the main disc and a radial tail whose disc areas sum to S = kS rho sqrt(t)', () => {
    const x = 90000;
    const y = -60000;
    const t = 0.4;
    const rho = Math.hypot(x, y);
    const discs = voidDiscs(defaultParams, x, y, t);
    const main = discs[0]!;
    expect(main).toEqual({ x, y, r: (v.kR * rho + v.kR0) * Math.sqrt(t) });
    const n = Math.round(v.kN * rho * Math.sqrt(t)); // 9e-5 * 108167 * 0.632 = 6.16 -> 6
    expect(n).toBe(6);
    const tail = discs.slice(1);
    expect(tail.length).toBe(n);
    const area = tail.reduce((a, d) => a + Math.PI * d.r * d.r, 0);
    expect(area).toBeCloseTo(v.kS * rho * Math.sqrt(t), 6);
    const Ltail = v.kL * rho * Math.sqrt(t);
    tail.forEach((d, i) => {
      const j = i + 1;
      // radially outward: on the ray through the particle, at j*Ltail/n
      expect(Math.hypot(d.x - x, d.y - y)).toBeCloseTo((j * Ltail) / n, 6);
      expect((d.x - x) * y - (d.y - y) * x).toBeCloseTo(0, 0);
      expect((d.x - x) * x + (d.y - y) * y).toBeGreaterThan(0);
      // radius r1 (n - j + 1): ratios to the last disc
      expect(d.r / tail[n - 1]!.r).toBeCloseTo(n - j + 1, 9);
    });
  });

  it('has no tail at the wafer centre or while kN rho sqrt(t) < 0.5', () => {
    expect(voidDiscs(defaultParams, 0, 0, 1)).toHaveLength(1);
    // rho = 10000, t = 0.1: 9e-5 * 1e4 * 0.316 = 0.28 -> n = 0
    expect(voidDiscs(defaultParams, 10000, 0, 0.1)).toHaveLength(1);
  });

  it('clips tail discs lying wholly outside the wafer', () => {
    const R = defaultParams.wafer.R;
    const discs = voidDiscs(defaultParams, R - 100, 0, 1);
    // unclipped there would be round(9e-5 * 149900) = 13 discs over Ltail = 9294 µm
    expect(discs.length).toBeLessThan(14);
    for (const d of discs.slice(1)) expect(Math.hypot(d.x, d.y) - d.r).toBeLessThan(R);
  });

  it('stops at the first tail disc when each lies inside the one before (step <= r1)', () => {
    // kL = 0 puts every tail disc on the particle, each smaller than the last: with kN = 0.01 and a
    // 500 mm particle the loop ran n = round(0.01 * 1e5 * 707) = 707107 times and returned them all.
    const p = { ...defaultParams, voids: { ...v, kL: 0, kN: 0.01 } };
    const discs = voidDiscs(p, 100000, 0, 500000);
    expect(discs).toHaveLength(2);
    const n = Math.round(0.01 * 100000 * Math.sqrt(500000));
    const r1 = Math.sqrt((6 * v.kS * 100000 * Math.sqrt(500000)) / (Math.PI * n * (n + 1) * (2 * n + 1)));
    expect(discs[1]).toEqual({ x: 100000, y: 0, r: r1 * n });
    // A step just above r1 keeps the whole tail: rho = 1e5, t = 1 gives n = 1000 discs.
    const r1At = Math.sqrt((6 * v.kS * 100000) / (Math.PI * 1000 * 1001 * 2001));
    const kL = (1.001 * r1At * 1000) / 100000; // step = kL rho sqrt(t) / n
    const whole = voidDiscs({ ...defaultParams, voids: { ...v, kL, kN: 0.01 } }, 100000, 0, 1);
    expect(whole).toHaveLength(1001);
  });

  it('refuses a non-positive thickness', () => {
    expect(() => voidDiscs(defaultParams, 0, 0, 0)).toThrow(RangeError);
  });
});

describe('mean main-void radius over a uniform wafer (docs/physics.md §3 check)', () => {
  // E[rho] = 2R/3 for a uniform disc; E[sqrt t] = sqrt(t0) (z-1)/(z-3/2) for the Pareto law.
  const R = defaultParams.wafer.R;
  const formula = ((2 * v.kR * R) / 3 + v.kR0) * Math.sqrt(v.t0) * ((v.z - 1) / (v.z - 1.5));

  it('formula gives 104.57 µm at the defaults', () => {
    expect(formula).toBeCloseTo(104.57, 2);
  });

  it('the sampler (uniform position, Pareto thickness) agrees within 4 standard errors', () => {
    const rng = createRng(2024);
    const n = 200000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const rho = R * Math.sqrt(rng.uniform());
      const r = mainRadius(v, rho, Math.sqrt(pareto(rng, v.t0, v.z)));
      s += r;
      s2 += r * r;
    }
    const mean = s / n;
    const se = Math.sqrt((s2 / n - mean * mean) / n);
    expect(Math.abs(mean - formula)).toBeLessThan(4 * se);
  });
});

describe('discsOfMeasuredVoid', () => {
  it('gives back the particle void a particle of height t makes, from its measured main disc alone', () => {
    // A particle of t = 2 µm at (60, -30) mm: its main disc's diameter is what a scan measures.
    const x = 60_000;
    const y = -30_000;
    const drawn = voidDiscs(defaultParams, x, y, 2);
    const main = drawn[0];
    if (main === undefined) throw new Error('no main disc');
    const got = discsOfMeasuredVoid(defaultParams, {
      xMm: 60,
      yMm: -30,
      diameterUm: 2 * main.r,
      cause: 'particle',
    });
    expect(got).toHaveLength(drawn.length);
    got.forEach((d, i) => {
      expect(d.x).toBeCloseTo(drawn[i]?.x ?? Number.NaN, 6);
      expect(d.y).toBeCloseTo(drawn[i]?.y ?? Number.NaN, 6);
      expect(d.r).toBeCloseTo(drawn[i]?.r ?? Number.NaN, 6);
    });
  });

  it('keeps an edge or fault void of the bond wave as its one disc', () => {
    expect(discsOfMeasuredVoid(defaultParams, { xMm: -10, yMm: 5, diameterUm: 300, cause: 'fault' })).toEqual(
      [{ x: -10_000, y: 5000, r: 150 }],
    );
  });
});
