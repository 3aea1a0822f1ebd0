// Alarm → ticket with its data, visible to the maker (issue 13's target: p99 ≤ 1 s): on the embedded
// pipeline with a SQLite store (synchronous FULL, a file in a temporary folder), the ticket service on
// its feed. The store holds a tool with a line of 10 lots of 25 pairs, 200 constant changes and trace
// samples; while a trace writer adds 500 samples a second in batches of 50, alarms arrive one at a
// time, each a new ALID (a new ticket, its data captured: the heavier path) or, every fourth, one seen
// before (a recurrence). Latency: from the alarm's write to the sink to the ticket event (what the
// live stream sends the maker). Quoted in packages/fab/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedPipeline } from '../src/bus/embedded-pipeline.js';
import { TicketService } from '../src/loop/ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from '../src/loop/ticket-settings.js';
import { okValue } from '../src/store/contract/result-helpers.test-util.js';
import type { AlarmRecord, FabRecord } from '../src/store/records.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { line, lot, lotContents, T0 } from '../src/store/store-fixtures.test-util.js';

const ALARMS = Number(process.env.BENCH_ALARMS ?? 400);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

const dir = await mkdtemp(join(tmpdir(), 'bondline-ticket-bench-'));
const store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
okValue(await store.migrate());
const pipeline = createEmbeddedPipeline(store);
const service = new TicketService({ store, settings: DEFAULT_TICKET_SETTINGS });
service.attach(pipeline.feed);
const waiting = new Map<string, () => void>();
service.subscribe((e) => {
  const key = `${e.ticket.faultKey}#${e.ticket.occurrences}`;
  waiting.get(key)?.();
});
const write = async (r: FabRecord[]): Promise<void> => {
  const w = await pipeline.sink.write(r);
  if (!w.ok) throw new Error(w.issues[0]?.message);
};

await write(line(['B1']));
for (let l = 1; l <= 10; l++)
  await write([lot(`L${l}`, 'B1', { startedMs: T0 + l }), ...lotContents(`L${l}`, 'B1', 25)]);
const ecs: FabRecord[] = [];
for (let i = 0; i < 200; i++)
  ecs.push({
    type: 'ec-change',
    toolId: 'B1',
    ecid: 2000 + (i % 20),
    name: `EC${i % 20}`,
    oldValue: i,
    newValue: i + 1,
    source: 'host',
    equipmentTimeMs: T0 + i,
    receivedTimeMs: T0 + i,
    dataId: i,
  });
await write(ecs);

let sample = 0;
let tracing = true;
const traceWriter = (async () => {
  while (tracing) {
    const batch: FabRecord[] = [];
    for (let i = 0; i < 50; i++, sample++)
      batch.push({
        type: 'trace',
        toolId: 'B1',
        traceId: 1,
        sampleNo: sample,
        equipmentTimeMs: T0 + 10_000 + sample * 2,
        receivedTimeMs: T0 + 10_000 + sample * 2,
        values: { ChamberPressurePa: 100 + (sample % 7), RfForwardW: 300 },
      });
    await write(batch);
    await new Promise((r) => setTimeout(r, 100));
  }
})();

console.log(
  `load average before: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}; ${ALARMS} alarms, SQLite synchronous FULL, 500 trace samples/s alongside`,
);
const opened: number[] = [];
const recurred: number[] = [];
const seen = new Map<number, number>();
for (let i = 0; i < ALARMS; i++) {
  const alid = i % 4 === 3 ? 7000 + (i - 3) : 7000 + i;
  const occurrence = (seen.get(alid) ?? 0) + 1;
  seen.set(alid, occurrence);
  const at = T0 + 10_000 + i * 50;
  const alarm: AlarmRecord = {
    type: 'alarm',
    toolId: 'B1',
    alid,
    state: 'set',
    category: 4,
    text: `BD-ALIGN-${String(alid % 1000).padStart(3, '0')} Registration failed`,
    equipmentTimeMs: at,
    receivedTimeMs: at,
    dataId: i,
  };
  const t0 = performance.now();
  const shown = new Promise<void>((resolve) => waiting.set(`alarm:${alid}#${occurrence}`, resolve));
  await write([alarm]);
  await shown;
  (occurrence === 1 ? opened : recurred).push(performance.now() - t0);
}
tracing = false;
await traceWriter;
await service.idle();
const o = opened.sort((a, b) => a - b);
const r = recurred.sort((a, b) => a - b);
const f = (s: number[]) =>
  `p50 ${quantile(s, 0.5).toFixed(1)} ms, p99 ${quantile(s, 0.99).toFixed(1)} ms, max ${(s.at(-1) ?? Number.NaN).toFixed(1)} ms (${s.length})`;
console.log(`alarm -> ticket opened with its data: ${f(o)}`);
console.log(`alarm -> recurrence counted:          ${f(r)}`);
console.log(`trace samples written alongside: ${sample}`);
console.log(
  `load average after: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
await pipeline.close();
await store.close();
await rm(dir, { recursive: true, force: true });
