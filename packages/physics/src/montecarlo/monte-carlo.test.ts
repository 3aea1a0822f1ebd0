import { describe, expect, it } from 'vitest';
import { type BondParams, defaultParams } from '../params.js';
import { dieCause } from './die-causes.js';
import { MonteCarloCancelled, runMonteCarlo, runMonteCarloAsync } from './monte-carlo.js';

const dense: BondParams = { ...defaultParams, voids: { ...defaultParams.voids, D0: 5e-9 } };

describe('runMonteCarlo', () => {
  it('is reproducible: same seed gives an identical lot, another seed a different one', () => {
    const a = runMonteCarlo(dense, { wafers: 5, seed: 11 });
    const b = runMonteCarlo(dense, { wafers: 5, seed: 11 });
    const c = runMonteCarlo(dense, { wafers: 5, seed: 12 });
    expect(b).toEqual(a);
    expect(c.wafers.map((w) => w.particles)).not.toEqual(a.wafers.map((w) => w.particles));
    expect(c.mean).not.toBe(a.mean);
  });

  it('reports progress after every wafer pair and can be cancelled between pairs', () => {
    const seen: [number, number][] = [];
    runMonteCarlo(defaultParams, { wafers: 3, seed: 1, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const ac = new AbortController();
    let caught: unknown;
    try {
      runMonteCarlo(defaultParams, {
        wafers: 10,
        seed: 1,
        signal: ac.signal,
        onProgress: (d) => {
          if (d === 2) ac.abort();
        },
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MonteCarloCancelled);
    expect((caught as MonteCarloCancelled).code).toBe('cancelled');
    expect((caught as MonteCarloCancelled).wafersDone).toBe(2);
  });

  it('draws a Poisson particle count of mean D0 pi R^2 and keeps the die maps consistent', () => {
    const n = 60;
    const r = runMonteCarlo(dense, { wafers: n, seed: 3 });
    const mu = 5e-9 * Math.PI * 150000 ** 2; // 353.4 particles a pair
    const mean = r.wafers.reduce((a, w) => a + w.particles, 0) / n;
    expect(Math.abs(mean - mu)).toBeLessThan(4 * Math.sqrt(mu / n));
    let ys = 0;
    for (const w of r.wafers) {
      expect(w.causes).toHaveLength(r.dies.length);
      let good = 0;
      w.causes.forEach((code, i) => {
        const cause = dieCause(code);
        // void is named only when overlay passed; a die with a killer is never good
        if (cause === 'void') expect(w.killers[i]).toBeGreaterThan(0);
        if (cause === 'good' || cause === 'cu') expect(w.killers[i]).toBe(0);
        if (cause === 'good') good++;
      });
      expect(w.yield).toBeCloseTo(good / r.dies.length, 12);
      ys += w.yield;
    }
    expect(r.mean).toBeCloseTo(ys / n, 12);
    const sd = Math.sqrt(r.wafers.reduce((a, w) => a + (w.yield - r.mean) ** 2, 0) / (n - 1));
    expect(r.spread).toBeCloseTo(sd, 10);
    expect(r.stderr).toBeCloseTo(sd / Math.sqrt(n), 10);
  });

  it('async driver gives the same lot for the same seed and stops on an abort from outside', async () => {
    const sync = runMonteCarlo(dense, { wafers: 4, seed: 21 });
    expect(await runMonteCarloAsync(dense, { wafers: 4, seed: 21, yieldEvery: 1 })).toEqual(sync);
    const ac = new AbortController();
    let pauses = 0;
    const run = runMonteCarloAsync(defaultParams, {
      wafers: 50,
      seed: 2,
      yieldEvery: 3,
      signal: ac.signal,
      // the injected pause stands in for the event loop turn in which a timer or SIGINT handler aborts
      pause: async () => {
        pauses++;
        if (pauses === 2) ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled', wafersDone: 6 });
  });

  it('rejects a wafer count that is not a positive integer', () => {
    expect(() => runMonteCarlo(defaultParams, { wafers: 0, seed: 1 })).toThrow(RangeError);
  });
});
