// Durable GEM engines: spool append and acknowledged delivery (with and without fsync), store writes,
// limits updates, deleting 50,000 linked reports. Prints the figures quoted in packages/secs/README.md (### Durable engines).
// Spool modes: 'no fsync' (sync: false) and 'group commit' append 100 per event-loop turn without
// waiting (group commit shares the durable writes; each append is acknowledged once on disk); 'fsync
// each' awaits every append before the next (one durable write each). All I/O is asynchronous: the
// latency and event-loop figures are in spool-durability.bench.ts. The spool's pending bound
// (maxPendingAppends, default 16,384) is raised to the run's size so that every append is taken: this
// measures group commit, not the bound (slow-reader.bench.ts runs the default bound under overload).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportTable } from '../src/gem/equipment/report-table.js';
import { LimitsMonitor } from '../src/gem/limits/limits-monitor.js';
import { Spool } from '../src/gem/spool/spool.js';
import type { SpoolMessage } from '../src/gem/spool/spool-record.js';
import { DocumentStore } from '../src/gem/store/document-store.js';

// An S6F11 body of about the size of a 10-variable report (120 bytes).
const body = new Uint8Array(120).map((_, i) => i);
const msg: SpoolMessage = { stream: 6, function: 11, wBit: true, body };

type Mode = 'no fsync' | 'fsync each' | 'group commit';

async function spoolRun(
  n: number,
  mode: Mode,
): Promise<{ append: number; deliver: number; pending: number }> {
  const sync = mode !== 'no fsync';
  const dir = mkdtempSync(join(tmpdir(), 'bondline-spool-bench-'));
  try {
    const s = await Spool.open({
      dir,
      maxMessages: 1e6,
      maxBytes: 1e9,
      policy: 'stop',
      sync,
      maxPendingAppends: n,
    });
    await s.setStreams([{ stream: 6, functions: [] }]);
    let t0 = performance.now();
    const inTurn = mode === 'fsync each' ? 1 : 100;
    for (let i = 0; i < n; i += inTurn) {
      const batch: Promise<unknown>[] = [];
      for (let k = 0; k < inTurn; k++) batch.push(s.append(msg));
      if (mode === 'fsync each') await Promise.all(batch);
      else await new Promise((r) => setImmediate(r));
    }
    await s.flush();
    const append = n / ((performance.now() - t0) / 1000);
    const pending = s.stats.peakPendingAppends;
    await s.close();
    const r = await Spool.open({ dir, maxMessages: 1e6, maxBytes: 1e9, policy: 'stop', sync });
    t0 = performance.now();
    r.startTransmit();
    let k = 0;
    for await (const _ of r.messages()) {
      await r.ack();
      k++;
    }
    const deliver = k / ((performance.now() - t0) / 1000);
    await r.close();
    if (k !== n) throw new Error(`delivered ${k} of ${n}`);
    return { append, deliver, pending };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
for (const [n, mode] of [
  [20_000, 'no fsync'],
  [2_000, 'fsync each'],
  [20_000, 'group commit'],
] as const) {
  const best = { append: 0, deliver: 0, pending: 0 };
  for (let round = 0; round < 3; round++) {
    const r = await spoolRun(n, mode);
    best.append = Math.max(best.append, r.append);
    best.deliver = Math.max(best.deliver, r.deliver);
    best.pending = Math.max(best.pending, r.pending);
  }
  console.log(
    `spool ${mode}, ${fmt(n)} msgs: append ${fmt(best.append)} msg/s, ` +
      `deliver+ack ${fmt(best.deliver)} msg/s (best of 3); most appends not yet on disk ${fmt(best.pending)}`,
  );
}

{
  const dir = mkdtempSync(join(tmpdir(), 'bondline-store-bench-'));
  const st = await DocumentStore.open(dir);
  const doc = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [String(1000 + i), i * 1.5]));
  const n = 300;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await st.write('equipment-constants', doc);
  const ms = (performance.now() - t0) / n;
  rmSync(dir, { recursive: true, force: true });
  console.log(`store atomic write (200 constants, fsync file + dir): ${ms.toFixed(2)} ms per write`);
}

{
  const m = new LimitsMonitor([
    { vid: 1, units: 'C', limitMin: 0, limitMax: 1000, limitIds: [1, 2, 3, 4], numeric: true },
  ]);
  m.define([
    {
      vid: 1,
      limits: [1, 2, 3, 4].map((id) => ({
        limitId: id,
        deadband: { upper: id * 100 + 10, lower: id * 100 },
      })),
    },
  ]);
  const n = 1_000_000;
  let events = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) events += m.update(1, (i * 37) % 600).length;
  const rate = n / ((performance.now() - t0) / 1000);
  console.log(
    `limits update (4 limits on one variable): ${fmt(rate)} updates/s (${fmt(events)} transitions)`,
  );
}

{
  // 50,000 reports linked to one event, deleted in one S2F33 (a pass per deletion took 2.5e9 steps).
  const n = 50_000;
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  const t = new ReportTable(
    (v) => v === 12,
    (c) => c === 400,
    [400],
  );
  t.define(ids.map((rptid) => ({ rptid, vids: [12] })));
  t.link([{ ceid: 400, rptids: ids }]);
  const t0 = performance.now();
  const drack = t.define(ids.map((rptid) => ({ rptid, vids: [] })));
  const ms = performance.now() - t0;
  if (drack !== 0 || t.reportsFor(400).length !== 0) throw new Error('the reports were not deleted');
  console.log(`report table: delete ${fmt(n)} reports linked to one event: ${ms.toFixed(1)} ms`);
}
