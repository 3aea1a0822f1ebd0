// The tool's GEM binding over loopback TCP (127.0.0.1), equipment and Bondline host in this process:
// a synthetic lot's tool events (synthetic-lot.test-util.ts: every step with its module states, robot
// moves, trace samples, pair results) go through bindTool into S6F11s that the host acknowledges.
// - GEM events per pair: S6F11 per bonded pair, and trace samples (no S6F11 of their own);
// - binding cost: time the tool spends in the binding's listeners per pair, events disabled (S2F37), so
//   nothing is sent: what the controller pays at --speed max;
// - S6F11 throughput: every event enabled with a report of 4 variables linked, from the first tool event
//   until the host has received the last S6F11; the peak of unanswered S6F11s (secs drops the link
//   above 10,000, maxOpenTransactions).
// Prints the figures quoted in packages/tool/README.md (## GEM binding).
import { performance } from 'node:perf_hooks';
import { testToolConfig } from '../src/config/tool-config.test-util.js';
import { bindTool } from '../src/gem/bind-tool.js';
import { testCatalogue } from '../src/gem/gem-fixtures.test-util.js';
import { type GemRig, record, startGemRig, until } from '../src/gem/gem-rig.test-util.js';
import { emitLot } from '../src/gem/synthetic-lot.test-util.js';

const PAIRS = 200;
const rig: GemRig = await startGemRig();
if ((await rig.host.requestOnline()) !== 0) throw new Error('S1F17 refused');
await rig.host.learnNames();
if (
  (await rig.host.defineReports([
    { rptid: 1, vids: ['ToolTimeS', 'StepModule', 'MovedSubstrate', 'PairId'] },
  ])) !== 0
)
  throw new Error('S2F33');
if ((await rig.host.linkEvents(rig.model.events.map((e) => ({ ceid: e.id, rptids: [1] })))) !== 0)
  throw new Error('S2F35');
const events = record(rig.host, 'event');
let toolEvents = 0;
let traces = 0;
for (const name of ['module-state', 'step-started', 'step-ended', 'substrate-moved', 'pair-result'] as const)
  rig.tool.on(name, () => toolEvents++);
rig.tool.on('trace', () => traces++);

// ---- events per pair ----
await emitLot(rig.tool, 'COUNT', 10);
await until(() => events.length === toolEvents + 2, 'the counting lot', { timeoutMs: 60_000 });
const perPair = (events.length - 2) / 10;
console.log(
  `GEM events per pair: ${perPair} S6F11 (+ LotStarted/LotEnded per lot), ${traces / 10} trace samples`,
);

// ---- binding cost, nothing sent ----
if ((await rig.host.enableEvents(false)) !== 0) throw new Error('S2F37');
/** Median ms per pair the tool spends emitting a lot's events (listeners included), over 5 lots. */
const emitCost = async (tag: string): Promise<number[]> => {
  const perPairMs: number[] = [];
  for (let run = 0; run < 5; run++) {
    let spent = 0;
    let t0 = performance.now();
    await emitLot(rig.tool, `${tag}${run}`, PAIRS, async () => {
      spent += performance.now() - t0;
      await new Promise((res) => setImmediate(res));
      t0 = performance.now();
    });
    perPairMs.push(spent / PAIRS);
  }
  return perPairMs.sort((a, b) => a - b);
};
await emitCost('WARM');
const bound = await emitCost('BOUND');
// The same stream with the binding gone: what building and emitting the events costs by itself.
rig.binding.unbind();
const alone = await emitCost('ALONE');
const us = (ms: number | undefined): string => ((ms ?? 0) * 1000).toFixed(0);
const cost = ((bound[2] ?? 0) - (alone[2] ?? 0)) * 1000;
console.log(
  `binding cost, events disabled: ${cost.toFixed(0)} µs per pair = ${(cost / perPair).toFixed(1)} µs per event ` +
    `(median emit ${us(bound[2])} µs/pair bound, ${us(alone[2])} µs/pair unbound; bound runs ${bound.map(us).join(' ')})`,
);
// ---- S6F11 throughput ----
const config = testToolConfig();
bindTool(rig.equipment, rig.tool, { config, catalogue: testCatalogue(), onIssue: (i) => rig.issues.push(i) });
if ((await rig.host.enableEvents(true)) !== 0) throw new Error('S2F37');
const rates: { eventsPerS: number; peakOpen: number }[] = [];
for (let run = 0; run < 3; run++) {
  const before = events.length;
  let peakOpen = 0;
  const t0 = performance.now();
  await emitLot(rig.tool, `RATE${run}`, PAIRS, async () => {
    peakOpen = Math.max(peakOpen, rig.toolSession.openTransactions);
    await new Promise((res) => setImmediate(res));
  });
  const expected = before + PAIRS * perPair + 2;
  await until(() => events.length >= expected, `lot RATE${run}`, { timeoutMs: 120_000 });
  const s = (performance.now() - t0) / 1000;
  rates.push({ eventsPerS: (events.length - before) / s, peakOpen });
}
for (const r of rates)
  console.log(
    `S6F11 + S6F12, ${PAIRS}-pair lot: ${r.eventsPerS.toFixed(0)} events/s = ${(r.eventsPerS / perPair).toFixed(0)} pairs/s; peak unanswered ${r.peakOpen}`,
  );
if (rig.issues.length > 0) throw new Error(rig.issues.map((i) => i.message).join('\n'));
await rig.close();
