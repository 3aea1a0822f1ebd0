import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSimulatedTool, runToolLot } from './src/index.ts';
const profile = process.argv[2] ?? 'immature';
const seeds = (process.argv[3] ?? '1').split(',').map(Number);
const pairs = Number(process.argv[4] ?? 50);
for (const seed of seeds) {
  const dir = mkdtempSync(join(tmpdir(), 'cal-'));
  const t0 = performance.now();
  const tool = await openSimulatedTool({ stateDir: dir, seed, profile });
  if (!tool.ok) throw new Error(JSON.stringify(tool.issues));
  const all = [];
  let summary;
  for (let done = 0; done < pairs; done += 25) {
    const r = await runToolLot(tool.value, { pairs: Math.min(25, pairs - done) });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    all.push(...r.value.pairs);
    summary = r.value.summary;
  }
  const r = { value: { pairs: all, summary: { ...summary, yield: all.reduce((a, p) => a + p.yield, 0) / all.length } } };
  const alarms = new Set<string>();
  const causes = [0, 0, 0, 0];
  for (const p of r.value.pairs) {
    for (const c of p.metrology.dieYield.causes) if (c < 4) causes[c]++;
  }
  console.log(profile, seed, 'yield', r.value.summary.yield.toFixed(3), 'wall', ((performance.now() - t0) / 1000).toFixed(2), 's', 'causes good/ovl/void/cu', causes.join('/'), 'pairs/h', r.value.summary.pairsPerHour.toFixed(2), 'faulty pairs', r.value.pairs.filter(p=>p.faults.length>0).length, 'mean |Tx|', (r.value.pairs.reduce((a,p)=>a+Math.abs(p.overlay.Tx),0)/pairs).toFixed(1), 'voids', r.value.pairs.reduce((a,p)=>a+p.bond.voids.length,0));
  await tool.value.close();
  rmSync(dir, { recursive: true, force: true });
}
