// Analytic calculator timings: full analyticYield per configuration (cold = first call in the
// process, building the Rice tables; warm = median of repeats), with its parts, and the cost of
// dieOverlayLogPass over one wafer (what the Monte Carlo pays per wafer pair).
import {
  analyticYield,
  type BondParams,
  defaultParams,
  dieGrid,
  dieOverlayLogPass,
  padLayout,
} from '../src/index.js';
import { expectedOverlay } from '../src/overlay/expected-overlay.js';
import { voidLambdas } from '../src/voids/void-lambdas.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time<T>(f: () => T): [number, T] {
  const t0 = performance.now();
  const v = f();
  return [performance.now() - t0, v];
}

const configs: [string, BondParams][] = [
  ['p = 10 µm, 10 mm dies (defaults)', defaultParams],
  ['p = 0.4 µm, 10 mm dies', { ...defaultParams, pads: { ...defaultParams.pads, p: 0.4 } }],
  // The default overlay spreads kill every die at 0.4 µm (dmax 0.092 µm); an aligner good enough
  // for that pitch puts the yield cliff inside the integration range, which is the costly case.
  [
    'p = 0.4 µm, sigmaR 0.008, sigmaT 0.01, theta 1e-7',
    {
      ...defaultParams,
      pads: { ...defaultParams.pads, p: 0.4 },
      overlay: { ...defaultParams.overlay, sigmaR: 0.008, sigmaTx: 0.01, sigmaTy: 0.01, muTheta: 1e-7 },
    },
  ],
  [
    'p = 1 µm, sigmaR 0.035, sigmaT 0.05',
    {
      ...defaultParams,
      pads: { ...defaultParams.pads, p: 1 },
      overlay: { ...defaultParams.overlay, sigmaR: 0.035, sigmaTx: 0.05, sigmaTy: 0.05 },
    },
  ],
];

for (const [name, params] of configs) {
  const [cold, r] = time(() => analyticYield(params));
  const warm: number[] = [];
  const ov: number[] = [];
  const vl: number[] = [];
  const dies = dieGrid(params);
  const layout = padLayout(params);
  for (let i = 0; i < 5; i++) {
    warm.push(time(() => analyticYield(params))[0]);
    ov.push(time(() => expectedOverlay(params, layout, dies))[0]);
    vl.push(time(() => voidLambdas(params, layout, dies))[0]);
  }
  const sys = { tx: 0.01, ty: -0.005, theta: 5e-8, m: 5e-8 };
  const mc: number[] = [];
  for (let i = 0; i < 20; i++) {
    mc.push(
      time(() => {
        let s = 0;
        for (const d of dies) s += dieOverlayLogPass(params, layout, d, sys);
        return s;
      })[0],
    );
  }
  console.log(
    `${name}: ${dies.length} dies, ${layout.criticalPads.toExponential(2)} pads/die; Y = ${r.yield.total.toFixed(5)}\n` +
      `  analyticYield cold ${cold.toFixed(1)} ms, warm median ${median(warm).toFixed(1)} ms ` +
      `(overlay expectation ${median(ov).toFixed(1)} ms, void lambdas ${median(vl).toFixed(1)} ms)\n` +
      `  dieOverlayLogPass x ${dies.length} dies: median ${median(mc).toFixed(2)} ms per wafer pair`,
  );
}
