import { fail, issue, type Result } from '@bondline/core';
import { SeededRandom } from '../random/seeded-random.js';
import type { R2rContext } from './context-key.js';
import type { ControllerConfig } from './controller-config.js';
import { type AuditRecord, R2rController } from './r2r-controller.js';
import { checkStability, type StabilityReport } from './stability.js';

/** Simulated process of one correctable: y_k = offset + drift·k + gain·u_k + noise. */
export interface SimProcess {
  /** Output offset, output units. */
  offset: number;
  /** Offset change per run, output units. */
  drift: number;
  /** Gaussian noise sigma, output units. */
  noise: number;
  /** True gain (output per input); the controller's model gain may differ. */
  gain: number;
  /** Offset step applied at each maintenance, output units (default 0). */
  maintenanceStep?: number;
}

export interface SimConfig {
  runs: number;
  seed: number;
  /** Runs summarised at the end (mean, sigma of error). */
  lastN: number;
  context: R2rContext;
  /** Runs (1-based) before which maintenance happens: the context is suspended, then reset. */
  maintenance: number[];
  correctables: Record<string, { process: SimProcess; controller: ControllerConfig }>;
}

export interface SimRun {
  run: number;
  /** Per correctable: input used, output, error y − T, and the error without control (u = 0). */
  values: Record<
    string,
    { u: number; y: number; error: number; openLoopError: number; clamped: boolean; deadband: boolean }
  >;
}

export interface SimSummary {
  correctable: string;
  /** Mean and sample sigma of the error over the last N runs, output units. */
  mean: number;
  sigma: number;
  openLoopMean: number;
  openLoopSigma: number;
  stability: StabilityReport;
}

export interface SimResult {
  runs: SimRun[];
  summary: SimSummary[];
  audit: AuditRecord[];
}

/**
 * Run a simulated process through the R2R controllers. The clock is injected
 * (one simulated run per `runIntervalMs`, default one hour) so the audit trail
 * is reproducible. Noise for each correctable comes from one seeded stream,
 * drawn in a fixed order, so a config always gives the same result. A loop
 * that diverges until its numbers overflow (weights unstable for the true gain)
 * is refused with the run and the correctable, never continued with NaN.
 */
export function simulateR2r(
  cfg: SimConfig,
  options: { start?: Date; runIntervalMs?: number } = {},
): Result<SimResult, 'diverged'> {
  if (!Number.isInteger(cfg.runs) || cfg.runs < 1)
    throw new RangeError(`runs must be a positive integer (got ${cfg.runs})`);
  const start = (options.start ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const step = options.runIntervalMs ?? 3_600_000;
  let now = start;
  const configs = Object.fromEntries(Object.entries(cfg.correctables).map(([k, v]) => [k, v.controller]));
  const ctl = new R2rController(configs, () => new Date(now));
  const rnd = new SeededRandom(cfg.seed);
  const names = Object.keys(cfg.correctables);
  const offsets = Object.fromEntries(names.map((k) => [k, cfg.correctables[k]?.process.offset ?? 0]));
  const runs: SimRun[] = [];
  for (let k = 1; k <= cfg.runs; k++) {
    now = start + (k - 1) * step;
    if (cfg.maintenance.includes(k)) {
      ctl.suspend(cfg.context);
      ctl.reset(cfg.context);
      for (const n of names)
        offsets[n] = (offsets[n] ?? 0) + (cfg.correctables[n]?.process.maintenanceStep ?? 0);
    }
    const values: SimRun['values'] = {};
    for (const n of names) {
      const { process: p, controller: c } = cfg.correctables[n] as SimConfig['correctables'][string];
      const rec = ctl.recommend(cfg.context, n);
      // The run was resumed above, so a refusal here is a bug, not a property of the config.
      if (!rec.ok) throw new Error(`simulation: ${rec.issues[0]?.message}`);
      const u = rec.value.u;
      const disturbance = (offsets[n] ?? 0) + p.drift * k + p.noise * rnd.nextGaussian();
      const y = disturbance + p.gain * u;
      const m = Number.isFinite(y) ? ctl.measure(cfg.context, n, y, u) : undefined;
      if (m === undefined || !m.ok) {
        const path = `correctables.${n}.controller`;
        const why = checkStability(c).message;
        return fail(
          issue(
            'diverged',
            `${path}: the loop diverged until its numbers overflowed at run ${k} (u = ${u}, y = ${y}): ${why}`,
            path,
          ),
        );
      }
      values[n] = {
        u,
        y,
        error: y - c.target,
        openLoopError: disturbance - c.target,
        clamped: m.value.record.clamped,
        deadband: m.value.record.deadband,
      };
    }
    runs.push({ run: k, values });
  }
  const tail = runs.slice(Math.max(0, runs.length - cfg.lastN));
  const summary = names.map((n) => {
    const e = tail.map((r) => r.values[n]?.error as number);
    const o = tail.map((r) => r.values[n]?.openLoopError as number);
    return {
      correctable: n,
      ...meanSigma(e),
      openLoopMean: meanSigma(o).mean,
      openLoopSigma: meanSigma(o).sigma,
      stability: checkStability((cfg.correctables[n] as SimConfig['correctables'][string]).controller),
    };
  });
  return { ok: true, value: { runs, summary, audit: ctl.auditTrail() } };
}

function meanSigma(v: number[]): { mean: number; sigma: number } {
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const sigma = n > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sigma };
}
