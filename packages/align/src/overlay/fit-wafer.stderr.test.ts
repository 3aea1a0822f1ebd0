import { describe, expect, it } from 'vitest';
import { fitWafer } from './fit-wafer.js';
import { synthesiseSites } from './synthetic-sites.js';

// The standard errors are checked against the scatter they claim to describe: refit the same
// layout with fresh noise many times and look at z = (estimate - truth) / stderr. If the errors
// are right, z follows Student's t with m - p degrees of freedom (~70 here), so mean(z^2) is
// dof/(dof - 2) ~ 1.03 and |z| < 1 about 68 % of the time. With 400 trials mean(z^2) has a
// standard error of about sqrt(2/400) = 0.07 and the 68 % coverage one of 0.023; the bounds
// below are about 3.5 of those, so they fail for errors that are off by ~20 % or more.
// (Measured: mean(z^2) 0.99-1.18 and |z| < 1 in 64-69 % of trials, over all fourteen terms.)
const TRIALS = 400;

function zStats(model: '4' | '6', truth: Record<string, number>, terms: Record<string, number>) {
  const z: Record<string, number[]> = {};
  for (const k of Object.keys(truth)) z[k] = [];
  for (let seed = 1; seed <= TRIALS; seed++) {
    // One site per field (~74 sites on a 300 mm wafer), 3 nm noise per axis.
    const sites = synthesiseSites({ wafer: 'Z', terms, noiseNm: 3, seed, perField: 1 });
    const r = fitWafer('Z', sites, { model });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    for (const [k, v] of Object.entries(truth)) {
      const t = r.value.terms[k];
      if (t === undefined) throw new Error(`term ${k} missing`);
      z[k]?.push((t.value - v) / t.stderr);
    }
  }
  return Object.entries(z).map(([name, zs]) => ({
    name,
    meanZ2: zs.reduce((s, v) => s + v * v, 0) / zs.length,
    within1: zs.filter((v) => Math.abs(v) < 1).length / zs.length,
  }));
}

function expectCalibrated(stats: ReturnType<typeof zStats>) {
  for (const s of stats) {
    expect(s.meanZ2, s.name).toBeGreaterThan(0.78);
    expect(s.meanZ2, s.name).toBeLessThan(1.28);
    expect(s.within1, s.name).toBeGreaterThan(0.6);
    expect(s.within1, s.name).toBeLessThan(0.76);
  }
}

describe('fitWafer: standard errors match the scatter of repeated fits', () => {
  it('6-term model and its derived terms (Rot, NonOrth, Mag, MagAsym)', () => {
    const t = { Tx: 12, Ty: -8, Mx: 0.4, My: 0.3, Rx: 0.15, Ry: 0.09 };
    const truth = {
      ...t,
      Rot: (t.Rx + t.Ry) / 2,
      NonOrth: t.Rx - t.Ry,
      Mag: (t.Mx + t.My) / 2,
      MagAsym: (t.Mx - t.My) / 2,
    };
    expectCalibrated(zStats('6', truth, t));
  });

  it('4-term model (dx and dy solved as one coupled system)', () => {
    const truth = { Tx: 5, Ty: 3, Rot: 0.2, Mag: -0.3 };
    const terms = { Tx: 5, Ty: 3, Mx: -0.3, My: -0.3, Rx: 0.2, Ry: 0.2 };
    expectCalibrated(zStats('4', truth, terms));
  });
});
