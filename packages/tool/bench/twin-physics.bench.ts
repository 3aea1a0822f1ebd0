// The digital twin's cost (docs/tool.md §4): CPU and wall time per bond() call (mark rendering and
// registration of both wafers included) and per inspect() call (metrology sites and the die yield
// map of physics' realisedDieMap), a whole 25-pair lot through every step, and the memory one pair's
// results keep. Bond model: examples/yield.yaml (1 µm pitch, 540 dies). Run:
// npm run bench -w @bondline/tool -- twin
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadBondConfig } from '@bondline/physics';
import {
  type BonderParams,
  type BondOutcome,
  createTwinPhysics,
  type Degradation,
  type InspectionParams,
  type PairMetrology,
  type ProcessPhysics,
  twinParamsSchema,
  type WaferSurface,
} from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const loaded = await loadBondConfig(resolve(import.meta.dirname, '../../../examples/yield.yaml'));
if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
const bond = loaded.value.params;
const twin = twinParamsSchema.parse({});
const bonder: BonderParams = {
  alignS: 20,
  alignRetries: 2,
  vacuumZones: 3,
  pinForceN: 5,
  bowUm: 0.5,
  initiationDelayS: 1,
  bondS: 30,
};
const inspection: InspectionParams = { sites: 49, siteS: 1, scanS: 60, voidThresholdUm: 50 };
const NO_OFFSETS = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

/** Per-call CPU and wall time of `fn` over `n` calls after `warm` warm-up calls, ms. */
function time(label: string, n: number, warm: number, fn: (k: number) => void): void {
  for (let k = 0; k < warm; k++) fn(k);
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let k = 0; k < n; k++) fn(warm + k);
  const wall = (performance.now() - t) / n;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / n;
  console.log(
    `${label.padEnd(58)} ${cpuMs.toFixed(2).padStart(7)} ms CPU ${wall.toFixed(2).padStart(7)} ms wall  n=${n}`,
  );
}

const surfaces = (p: ProcessPhysics, k: number): [WaferSurface, WaferSurface] => [
  p.incoming(`B-T${k}`, 'top'),
  p.incoming(`B-B${k}`, 'bottom'),
];

// a whole lot: cold (first in the process: the first pair builds physics' tables and the JIT warms up), then warm
const lot = (p: ProcessPhysics, pairs: number, degradation: Degradation = {}) => {
  const out: { bond: BondOutcome; metrology: PairMetrology }[] = [];
  for (let k = 1; k <= pairs; k++) {
    const ws = (['top', 'bottom'] as const).map((role) => {
      const w = p.incoming(`L-${role}${k}`, role);
      const ctx = { wafersSinceMaintenance: k, degradation };
      const pl = p.plasma(
        w,
        { gas: 'O2', rfPowerW: 300, timeS: 30, pressurePa: 40 },
        { moduleId: 'PL1', ...ctx },
      );
      const cl = p.clean(
        { ...w, particles: pl.particles },
        { rinseS: 30, spinRpm: 2000, dryS: 20 },
        {
          moduleId: 'CL1',
          ...ctx,
        },
      );
      return { ...w, particles: cl.particles };
    }) as [WaferSurface, WaferSurface];
    const b = p.bond(ws[0], ws[1], bonder, { moduleId: 'BD1', r2rOffsets: NO_OFFSETS, degradation });
    if (b.aligned) out.push({ bond: b, metrology: p.inspect(`L-S${k}`, b, inspection, {}) });
  }
  return out;
};
for (const [label, degradation] of [
  ['25-pair lot, healthy', {}],
  [
    '25-pair lot, drifts Tx 120 nm Rot 0.8 µrad Mag 0.5 ppm',
    { overlayDrift: { Tx: 120, Rot: 0.8, Mag: 0.5 } },
  ],
] as const) {
  for (const round of ['cold', 'warm']) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const r = lot(createTwinPhysics({ bond, twin, seed: 3 }), 25, degradation);
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const mean = r.reduce((s, x) => s + x.metrology.yield, 0) / r.length;
    console.log(
      `${`${label} (${round})`.padEnd(58)} ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms CPU ${wall.toFixed(0).padStart(7)} ms wall  mean yield ${mean.toFixed(3)}`,
    );
  }
}

// bond(): registration of both marks, terms, voids
{
  const p = createTwinPhysics({ bond, twin, seed: 1 });
  time('bond() healthy (2 registrations, 64x64 px)', 400, 40, (k) => {
    const [top, bottom] = surfaces(p, k);
    p.bond(top, bottom, bonder, { moduleId: 'BD1', r2rOffsets: NO_OFFSETS, degradation: {} });
  });
  time('bond() with alignNoiseFactor 40 (refusals, 3 rounds)', 100, 10, (k) => {
    const [top, bottom] = surfaces(p, k);
    p.bond(top, bottom, bonder, {
      moduleId: 'BD1',
      r2rOffsets: NO_OFFSETS,
      degradation: { alignNoiseFactor: 40 },
    });
  });
}

// inspect(): 49 sites and the die yield map, healthy and with drifts that put the overlay cliff across the wafer
for (const [label, drift] of [
  ['inspect() healthy', {}],
  ['inspect() Tx drift 150 nm (yield ~0.5)', { Tx: 150 }],
  ['inspect() Rot drift 1 µrad (cliff crosses the wafer)', { Rot: 1 }],
  ['inspect() Rot drift 3 µrad (yield ~0.06)', { Rot: 3 }],
  ['inspect() Mag drift 10 ppm (every die lost)', { Mag: 10 }],
] as const) {
  const p = createTwinPhysics({ bond, twin, seed: 2 });
  const degradation: Degradation = { overlayDrift: drift };
  const bonded: BondOutcome[] = [];
  for (let k = 0; k < 60; k++) {
    const [top, bottom] = surfaces(p, k);
    bonded.push(p.bond(top, bottom, bonder, { moduleId: 'BD1', r2rOffsets: NO_OFFSETS, degradation }));
  }
  time(label, 50, 10, (k) => {
    const b = bonded[k] as BondOutcome;
    p.inspect(`B-S${k}`, b, inspection, {});
  });
}

// memory one pair's results keep: bond outcome + metrology (49 sites, die map), retained for 500 pairs
{
  const p = createTwinPhysics({ bond, twin: { ...twin, incomingParticles: 2, cleanRemoval: 0.5 }, seed: 4 });
  const kept: unknown[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  const results = lot(p, 500);
  kept.push(results);
  gc();
  const after = process.memoryUsage().heapUsed;
  const voids = results.reduce((s, r) => s + r.bond.voids.length, 0) / results.length;
  console.log(
    `memory per pair result (bond + metrology, ${voids.toFixed(1)} voids/pair, 49 sites): ${((after - before) / results.length / 1024).toFixed(1)} KiB over ${results.length} pairs`,
  );
  if (kept.length !== 1) throw new Error('unreachable');
}
