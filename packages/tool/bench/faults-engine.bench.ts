// Fault engine speed and what the shipped profiles do to a lot (docs/tool.md §5). Speed: engine
// steps per second over the synthetic lot's call sequence (faults-lot-steps.ts). Effect: per 50-pair
// lot, averaged over seeds, along the mature profile's fixes (k = 0 is immature, k = all is mature):
// alarms, bonds with an overlay drift, mean |drift| at the bond, particles added, mean edge-void
// probability at the bond. These are the engine's outputs, before the digital twin turns them into
// yield; the yield targets are calibrated with the twin.
// Run: npm run bench -w @bondline/tool -- faults-engine
import { loadavg } from 'node:os';
import { FaultEngine, type FaultProfile, loadCatalogue, loadProfile, withFixes } from '../src/index.js';
import { syntheticLotSteps } from './faults-lot-steps.js';

const SEEDS = Number(process.env.FAULTS_BENCH_SEEDS ?? 20);
const PAIRS = 50;

const c = await loadCatalogue();
if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
const catalogue = c.value;
const m = await loadProfile('mature', catalogue);
if (!m.ok) throw new Error(m.issues.map((i) => i.message).join('\n'));
const mature = m.value;
const steps = syntheticLotSteps(PAIRS);

interface LotFigures {
  alarms: number;
  driftedBonds: number;
  driftNm: number;
  particles: number;
  edgeVoid: number;
}

/** One lot through the engine; every alarm is cleared at once (recovery time is the controller's). */
function lot(profile: FaultProfile, seed: number): LotFigures {
  const e = new FaultEngine({ catalogue, profile, seed });
  const f: LotFigures = { alarms: 0, driftedBonds: 0, driftNm: 0, particles: 0, edgeVoid: 0 };
  for (const s of steps) {
    const r = e.atStep(s);
    if (r.alarm !== undefined) {
      f.alarms++;
      e.cleared(r.alarm.faultId, s.moduleId);
    }
    f.particles += r.degradation.extraParticles ?? 0;
    if (s.kind === 'bonder') {
      const d = r.degradation.overlayDrift;
      if (d !== undefined) {
        f.driftedBonds++;
        // Drift at the wafer edge (150 mm): translation plus rotation and magnification run-out, nm.
        f.driftNm += Math.hypot(d.Tx ?? 0, d.Ty ?? 0) + 150 * (Math.abs(d.Rot ?? 0) + Math.abs(d.Mag ?? 0));
      }
      f.edgeVoid += r.degradation.edgeVoidProbability ?? 0;
    }
  }
  return f;
}

// Speed: whole lots, immature and mature.
for (const [name, profile] of [
  ['immature', withFixes(mature, 0)],
  ['mature', mature],
] as const) {
  lot(profile, 1); // warm-up
  const t0 = performance.now();
  const lots = 40;
  for (let seed = 0; seed < lots; seed++) lot(profile, seed);
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${name}: ${((lots * steps.length) / s / 1e6).toFixed(2)} M steps/s (${steps.length} steps per lot)`,
  );
}

console.log(`\n${SEEDS} seeds per row; ${PAIRS} pairs per lot; load average ${loadavg()[0]?.toFixed(2)}`);
console.log(
  '| fixes applied | alarms / lot | bonds with drift / 50 | mean edge drift at drifted bonds, nm | particles added / lot | mean edge-void p / bond |',
);
console.log('|---|---|---|---|---|---|');
const n = mature.fixes.length;
for (const k of [0, Math.round(n / 4), Math.round(n / 2), Math.round((3 * n) / 4), n]) {
  const profile = withFixes(mature, k);
  const sum: LotFigures = { alarms: 0, driftedBonds: 0, driftNm: 0, particles: 0, edgeVoid: 0 };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const f = lot(profile, seed);
    for (const key of Object.keys(sum) as (keyof LotFigures)[]) sum[key] += f[key];
  }
  const label = k === 0 ? '0 (immature)' : k === n ? `${n} (mature)` : String(k);
  const drift = sum.driftedBonds > 0 ? (sum.driftNm / sum.driftedBonds).toFixed(0) : '-';
  console.log(
    `| ${label} | ${(sum.alarms / SEEDS).toFixed(1)} | ${(sum.driftedBonds / SEEDS).toFixed(1)} | ${drift} | ${(sum.particles / SEEDS).toFixed(1)} | ${(sum.edgeVoid / SEEDS / PAIRS).toFixed(3)} |`,
  );
}
