import { describe, expect, it } from 'vitest';
import type { ControllerConfig } from './controller-config.js';
import { R2rController } from './r2r-controller.js';
import { type SimConfig, type SimResult, simulateR2r } from './simulate.js';

const context = { tool: 'T', chamber: 'C', product: 'P', layer: 'L' };

function config(
  controller: ControllerConfig,
  process: Partial<SimConfig['correctables'][string]['process']> = {},
) {
  const c: SimConfig = {
    runs: 300,
    seed: 11,
    lastN: 100,
    context,
    maintenance: [],
    correctables: { Tx: { controller, process: { offset: 20, drift: 0.5, noise: 0, gain: 1, ...process } } },
  };
  return c;
}

/** The simulation's result, failing the test on a refusal. */
function simulated(...args: Parameters<typeof simulateR2r>): SimResult {
  const r = simulateR2r(...args);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
}

describe('EWMA under a linear drift', () => {
  it('single EWMA keeps a steady offset: estimate lags by d(1−w)/w, the output error is d/w', () => {
    // Disturbance alpha_k = 20 + d·k. At steady state the EWMA of a ramp lags it by d(1−w)/w
    // (geometric series Σ w(1−w)^i·i·d); u for run k+1 uses a_k, and the disturbance has moved on by d,
    // so the output error is d(1−w)/w + d = d/w.
    const w = 0.3;
    const d = 0.5;
    const sim = simulated(config({ kind: 'ewma', w, gain: 1, target: 0 }));
    const last = sim.runs[sim.runs.length - 1];
    expect(last?.values.Tx?.error).toBeCloseTo(d / w, 9);
    const lastMeasure = sim.audit.filter((r) => r.event === 'measure').at(-1);
    const alpha = 20 + d * 300;
    expect(alpha - (lastMeasure?.estimateAfter.a as number)).toBeCloseTo((d * (1 - w)) / w, 9);
  });

  it('double EWMA removes the drift that single EWMA leaves', () => {
    const sim = simulated(config({ kind: 'dewma', w: 0.3, w2: 0.2, gain: 1, target: 0 }));
    expect(Math.abs(sim.runs.at(-1)?.values.Tx?.error as number)).toBeLessThan(1e-6);
    const noisy = simulated(config({ kind: 'dewma', w: 0.3, w2: 0.2, gain: 1, target: 0 }, { noise: 1 }));
    const single = simulated(config({ kind: 'ewma', w: 0.3, gain: 1, target: 0 }, { noise: 1 }));
    const s = noisy.summary[0];
    // Mean of 100 errors: noise-driven standard error well under 0.5; single EWMA sits at d/w = 1.67.
    expect(Math.abs(s?.mean as number)).toBeLessThan(0.5);
    expect(single.summary[0]?.mean).toBeGreaterThan(1.2);
    // Without control the error is the disturbance itself: mean of 20 + 0.5·k over k = 201..300 = 145.25.
    expect(s?.openLoopMean).toBeCloseTo(145.25, 0);
  });

  it('resets at maintenance: the audit trail shows suspend and reset before the run', () => {
    const cfg = config({ kind: 'ewma', w: 0.5, gain: 1, target: 0 }, { drift: 0, maintenanceStep: 10 });
    cfg.maintenance = [50];
    cfg.runs = 60;
    const sim = simulated(cfg);
    const events = sim.audit.filter((r) => r.event === 'suspend' || r.event === 'reset');
    expect(events.map((r) => r.event)).toEqual(['suspend', 'reset']);
    // After the reset the first measurement re-initialises a, so run 51 is back on target.
    expect(sim.runs[49]?.values.Tx?.error).toBeCloseTo(30, 9);
    expect(sim.runs[50]?.values.Tx?.error).toBeCloseTo(0, 9);
  });

  it('is reproducible from its seed', () => {
    const a = simulated(config({ kind: 'ewma', w: 0.3, gain: 1, target: 0 }, { noise: 2 }));
    const b = simulated(config({ kind: 'ewma', w: 0.3, gain: 1, target: 0 }, { noise: 2 }));
    expect(a.runs).toEqual(b.runs);
  });
});

describe('stability under gain mismatch', () => {
  // Independent check of the stability analysis: run the real controller on a noise-free process
  // whose true gain is xi times the model gain and see whether the error dies out or grows.
  function grows(c: ControllerConfig, xi: number): boolean {
    const ctl = new R2rController({ Tx: c }, () => new Date(0));
    let u = 0;
    let err = 0;
    for (let k = 0; k < 400; k++) {
      const y = 10 + xi * c.gain * u;
      err = y - c.target;
      const m = ctl.measure(context, 'Tx', y, u);
      if (!m.ok) throw new Error(m.issues[0]?.message);
      u = m.value.u;
    }
    return Math.abs(err) > 1;
  }
  it('single EWMA diverges exactly when w·xi ≥ 2', () => {
    const c: ControllerConfig = { kind: 'ewma', w: 0.8, gain: 1, target: 0, initialOffset: 0 };
    expect(grows(c, 2.4)).toBe(false); // w·xi = 1.92
    expect(grows(c, 2.6)).toBe(true); // w·xi = 2.08
  });
  it('double EWMA: the Jury-test verdict agrees with simulation across xi', async () => {
    const { loopStable } = await import('./stability.js');
    const c: ControllerConfig = { kind: 'dewma', w: 0.6, w2: 0.4, gain: 1, target: 0, initialOffset: 0 };
    let disagreements = 0;
    for (let xi = 0.1; xi <= 3; xi += 0.1) {
      const stable = loopStable(c, xi);
      // Skip points within 2 % of the boundary, where 400 runs are too few to decide.
      if (loopStable(c, xi * 0.98) !== loopStable(c, xi * 1.02)) continue;
      if (stable === grows(c, xi)) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});
