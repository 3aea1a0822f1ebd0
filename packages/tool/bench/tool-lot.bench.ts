// The assembled simulated tool (openSimulatedTool: the real twin with its mark registration and die
// maps, the fault engine, the controller): the wall time of a 25-pair lot at max speed; the
// scheduler's steady state per shipped recipe against the bound; the GEM events a pair costs over
// loopback HSMS; the memory a pair keeps.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { GemHost, HsmsActiveEndpoint, HsmsSession } from '@bondline/secs';
import { runToolLot } from '../src/assemble/run-tool-lot.js';
import { openSimulatedTool, type SimulatedTool } from '../src/assemble/simulated-tool.js';
import { startToolEquipment } from '../src/assemble/tool-equipment.js';
import type { PairRecord } from '../src/controller/tool-api.js';
import { loadCatalogue } from '../src/faults/load-catalogue.js';
import { CEID } from '../src/gem/gem-ids.js';
import { resourceBusy } from '../src/schedule/lot-metrics.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'bench-tool-'));
  dirs.push(d);
  return d;
};
const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] as number;

// A tool without faults: the scheduler's own figures, not the alarms'.
const catalogue = await loadCatalogue();
if (!catalogue.ok) throw new Error('catalogue');
const healthy = join(tmp(), 'healthy.yaml');
writeFileSync(
  healthy,
  `name: healthy\nrates:\n${catalogue.value.points.map((p) => `  ${p.id}: { perStep: 0 }`).join('\n')}\n`,
);

async function open(seed: number, profile: string): Promise<SimulatedTool> {
  const t = await openSimulatedTool({ stateDir: tmp(), seed, profile });
  if (!t.ok) throw new Error(t.issues.map((i) => i.message).join('\n'));
  return t.value;
}

async function timedLot(seed: number, profile: string, recipe = 'BOND-STD') {
  const tool = await open(seed, profile);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runToolLot(tool, { pairs: 25, recipe });
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return { wallMs, cpuMs: (c.user + c.system) / 1000, summary: r.value.summary };
}

// 1. A 25-pair lot at max speed, physics and registration included (the tool opened beforehand).
const tOpen = performance.now();
await open(100, 'mature');
console.log(
  `open the simulated tool (config, catalogue, profile, recipe store), first in the process: ${(performance.now() - tOpen).toFixed(0)} ms`,
);
for (const profile of ['mature', 'immature']) {
  await timedLot(200, profile); // warm-up (JIT, physics' tables)
  const runs = [];
  for (let seed = 1; seed <= 5; seed++) runs.push(await timedLot(seed, profile));
  console.log(
    `25-pair BOND-STD lot, max speed, ${profile}: wall median ${med(runs.map((r) => r.wallMs)).toFixed(0)} ms, ` +
      `max ${Math.max(...runs.map((r) => r.wallMs)).toFixed(0)} ms; CPU median ${med(runs.map((r) => r.cpuMs)).toFixed(0)} ms ` +
      `(5 seeds; yield ${runs.map((r) => r.summary.yield.toFixed(2)).join(', ')})`,
  );
}

// 2. The scheduler with the real twin, per shipped recipe: no faults, and the mature profile.
for (const [label, profile] of [
  ['no faults', healthy],
  ['mature', 'mature'],
] as const) {
  for (const recipe of ['BOND-STD', 'CLEAN-LONG', 'INSPECT-FULL']) {
    const busy: number[] = [];
    const ratio: number[] = [];
    let last = (await timedLot(1, profile, recipe)).summary;
    busy.push(resourceBusy(last.bottleneck, last.modules) ?? Number.NaN);
    ratio.push(last.pairsPerHour / last.boundPairsPerHour);
    for (let seed = 2; seed <= 3; seed++) {
      last = (await timedLot(seed, profile, recipe)).summary;
      busy.push(resourceBusy(last.bottleneck, last.modules) ?? Number.NaN);
      ratio.push(last.pairsPerHour / last.boundPairsPerHour);
    }
    console.log(
      `${label}, ${recipe}: bottleneck ${last.bottleneck} busy ${Math.min(...busy).toFixed(3)}..${Math.max(...busy).toFixed(3)} ` +
        `in steady state; ${last.pairsPerHour.toFixed(2)} pairs/h vs bound ${last.boundPairsPerHour.toFixed(2)} ` +
        `(ratio ${Math.min(...ratio).toFixed(3)}..${Math.max(...ratio).toFixed(3)}, seeds 1-3); fill ${last.fillS.toFixed(0)} s, drain ${last.drainS.toFixed(0)} s (seed 3)`,
    );
  }
}

// 3. GEM: a 25-pair lot through the equipment to a Bondline host over loopback, every event linked to a report.
{
  const tool = await open(1, 'mature');
  const eq = await startToolEquipment(tool, { port: 0 });
  if (!eq.ok) throw new Error(eq.issues.map((i) => i.message).join('\n'));
  const session = new HsmsSession({ sessionId: 0 });
  const host = new GemHost(session);
  let events = 0;
  let ended = false;
  host.on('event', (e) => {
    events++;
    if (e.ceid === CEID.lotEnded) ended = true;
  });
  const active = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port: eq.value.port });
  active.start();
  while (eq.value.equipment.communicationState !== 'communicating')
    await new Promise((r) => setTimeout(r, 5));
  await host.requestOnline();
  await host.learnNames();
  await host.defineReports([{ rptid: 1, vids: ['ToolTimeS', 'StepModule', 'MovedSubstrate', 'PairId'] }]);
  await host.linkEvents((await host.eventNames()).map((e) => ({ ceid: e.ceid, rptids: [1] })));
  const before = events;
  const t0 = performance.now();
  const r = await runToolLot(tool, { pairs: 25 });
  if (!r.ok) throw new Error('lot');
  const lotMs = performance.now() - t0;
  while (!ended) await new Promise((res) => setTimeout(res, 5));
  const allMs = performance.now() - t0;
  const n = events - before;
  console.log(
    `GEM, 25-pair mature lot: ${n} S6F11 (${(n / 25).toFixed(1)} per pair); lot done in ${lotMs.toFixed(0)} ms, ` +
      `last S6F11 at the host after ${allMs.toFixed(0)} ms`,
  );
  active.dispose();
  await eq.value.close();
  await tool.close();
}

// 4. Memory a pair keeps: its PairRecord (metrology sites, die map, voids) and the controller's
// substrate records (three substrates with their histories), over 4 lots of 25 on one tool.
{
  const tool = await open(7, 'mature');
  await runToolLot(tool, { pairs: 25 }); // the tool's own tables and first-lot structures
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: PairRecord[] = [];
  for (let lot = 0; lot < 4; lot++) {
    const r = await runToolLot(tool, { pairs: 25 });
    if (!r.ok) throw new Error('lot');
    kept.push(...r.value.pairs);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `memory per pair (its record and the controller's substrate records, retained): ${((after - before) / kept.length / 1024).toFixed(1)} KiB over ${kept.length} pairs`,
  );
  await tool.close();
}

for (const d of dirs) rmSync(d, { recursive: true, force: true });
