// Analytic vs a 2000-wafer Monte Carlo on the agreement cases (issue 2): the analytic mean lambda must be
// within 2% of the MC's. Prints both, the relative difference and the z-score against the MC standard error.
// Run: npm run bench -w @bondline/physics -- agreement
import { loadavg } from 'node:os';
import { analyticYield, runMonteCarlo } from '../src/index.js';
import { agreementCases } from '../src/montecarlo/agreement-cases.js';

const wafers = Number(process.env.AGREEMENT_WAFERS ?? 2000);
console.log(`${wafers} wafer pairs per case; load average ${loadavg()[0]?.toFixed(2)}`);
console.log(
  '| case | analytic lambda | MC lambda (± se) | rel. diff | z | analytic yield | MC yield (± se) | MC ms/pair |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const [k, c] of agreementCases.entries()) {
  const a = analyticYield(c.params);
  const t = performance.now();
  const mc = runMonteCarlo(c.params, { wafers, seed: 5000 + k });
  const ms = (performance.now() - t) / wafers;
  const nd = mc.dies.length;
  const per = mc.wafers.map((w) => w.killers.reduce((s, x) => s + x, 0) / nd);
  const mean = per.reduce((s, x) => s + x, 0) / wafers;
  const se = Math.sqrt(per.reduce((s, x) => s + (x - mean) ** 2, 0) / (wafers - 1) / wafers);
  const rel = a.lambdaMean / mean - 1;
  const flag = Math.abs(rel) <= 0.02 ? '' : ' (over 2%)';
  console.log(
    `| ${c.name} | ${a.lambdaMean.toFixed(5)} | ${mean.toFixed(5)} ± ${se.toFixed(5)} | ${(100 * rel).toFixed(2)}%${flag} | ${((a.lambdaMean - mean) / se).toFixed(2)} | ${a.yield.total.toFixed(5)} | ${mc.mean.toFixed(5)} ± ${mc.stderr.toFixed(5)} | ${ms.toFixed(2)} |`,
  );
}
