// Equipment memory under a host that stops reading (packages/secs/README.md, "Slow or stalled
// peers"). The host (slow-reader-host.ts, a child process) sets up a report of 10 SVs on event 1 and
// spooling of S6F11, then reads nothing. This process is the equipment: it fires event 1 without
// pause for SLOW_READER_BENCH_S seconds (default 15) with a spool as `bondline equipment` opens it
// (100,000 messages, 256 MiB, overwrite; no fsync per append here), sampling its RSS, unsent bytes and
// the spool's appends not yet on disk every 50 ms, and reports whether and when it dropped the host.
// At the end it stops the equipment and closes the spool before removing the directory (removing it
// under a spool still writing fails the spool's next generation switch).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GemEquipment,
  HsmsPassiveEndpoint,
  HsmsSession,
  recipeDirectory,
  Spool,
  validateModel,
} from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.SLOW_READER_BENCH_S ?? 15);
// SLOW_READER_MAX_OPEN raises maxOpenTransactions (default 10,000), so that the byte bound decides.
const MAX_OPEN = process.env.SLOW_READER_MAX_OPEN;
const MB = 1024 * 1024;

const svs = Array.from({ length: 100 }, (_, i) => ({
  id: i + 1,
  name: `SV${i + 1}`,
  type: i % 2 === 0 ? 'F8' : 'U4',
  unit: '',
  value: i,
}));
const parsed = validateModel({
  mdln: 'BENCH',
  softrev: '1',
  deviceId: 1,
  control: { initial: 'online-remote', remote: true },
  processing: { states: ['IDLE'], initial: 'IDLE' },
  statusVariables: svs,
  events: [{ id: 1, name: 'Tick', data: [] }],
});
if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
const dir = mkdtempSync(join(tmpdir(), 'slow-reader-bench-'));
const spool = await Spool.open({
  dir: join(dir, 'spool'),
  maxMessages: 100_000,
  maxBytes: 256 * MB,
  policy: 'overwrite',
  sync: false,
});
const session = new HsmsSession({
  sessionId: 1,
  ...(MAX_OPEN === undefined ? {} : { maxOpenTransactions: Number(MAX_OPEN) }),
});
const errors: string[] = [];
let closedAt: number | undefined;
let t0 = 0;
session.on('error', (e) => {
  errors.push(`${e.code}: ${e.message}`);
});
session.on('state', (s) => {
  if (s.from === 'selected' && closedAt === undefined) closedAt = performance.now() - t0;
});
const equipment = new GemEquipment({
  model: parsed.value,
  session,
  recipes: recipeDirectory(dir),
  spool,
});
const equipmentErrors: string[] = [];
equipment.on('error', (e) => {
  equipmentErrors.push(`${e.code}: ${e.message}`);
});
await equipment.start();
const passive = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
const { port } = await passive.listen();

const child: ChildProcess = spawn(
  process.execPath,
  ['--import', 'tsx', join(here, 'slow-reader-host.ts'), String(port)],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
await new Promise<void>((resolve, reject) => {
  let text = '';
  child.stdout!.on('data', (c: Buffer) => {
    text += c.toString();
    if (text.includes('ready')) resolve();
  });
  child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
});

const outbound = (): number => (session as { outboundBytes?: number }).outboundBytes ?? Number.NaN;
const rss0 = process.memoryUsage().rss;
let peakRss = rss0;
let peakRssLinked = rss0; // while the link was up
let peakOut = 0;
let peakPending = 0;
let fired = 0;
let acknowledged = 0;
const samples: string[] = [];
t0 = performance.now();
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  if (closedAt === undefined) peakRssLinked = Math.max(peakRssLinked, rss);
  peakOut = Math.max(peakOut, outbound());
  peakPending = Math.max(peakPending, spool.stats.pendingAppends);
  const t = (performance.now() - t0) / 1000;
  if (t >= samples.length) {
    const link = closedAt === undefined ? 'connected' : 'disconnected';
    samples.push(
      `${t.toFixed(1)} s: RSS ${(rss / MB).toFixed(0)} MB (heap ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MB), unsent ${(outbound() / MB).toFixed(2)} MB, ${session.openTransactions} open transactions, ${link}, spool ${spool.countActual.toLocaleString('en-US')} held / ${spool.stats.pendingAppends.toLocaleString('en-US')} not yet on disk`,
    );
  }
}, 50);
const end = t0 + SECONDS * 1000;
while (performance.now() < end) {
  for (let i = 0; i < 500; i++) {
    fired++;
    equipment.triggerEvent(1).then((ok) => {
      if (ok) acknowledged++;
    });
  }
  peakOut = Math.max(peakOut, outbound());
  await new Promise((r) => setImmediate(r));
}
clearInterval(sampler);
await new Promise((r) => setTimeout(r, 200));

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `events fired without pause for ${SECONDS} s: ${fired.toLocaleString('en-US')} (report of 10 SVs, ~120-byte S6F11)`,
);
for (const s of samples) console.log(`  ${s}`);
console.log(
  `RSS at start ${(rss0 / MB).toFixed(0)} MB; peak while the host was connected ${(peakRssLinked / MB).toFixed(0)} MB; peak over the run ${(peakRss / MB).toFixed(0)} MB`,
);
const cfg = session.config as { maxOutboundBytes?: number; maxOpenTransactions?: number };
console.log(
  `peak unsent bytes (HsmsSession.outboundBytes): ${(peakOut / MB).toFixed(2)} MB; bounds: maxOutboundBytes ${cfg.maxOutboundBytes ?? 'n/a'}, maxOpenTransactions ${cfg.maxOpenTransactions ?? 'n/a'}`,
);
console.log(
  closedAt === undefined
    ? 'the host was never disconnected'
    : `the host was disconnected ${(closedAt / 1000).toFixed(2)} s after the first event: ${errors[0] ?? 'no error reported'}`,
);
const st = spool.stats;
console.log(
  `acknowledged ${acknowledged}; spool: ${spool.countActual.toLocaleString('en-US')} held (bound 100,000, overwrite), ${spool.countTotal.toLocaleString('en-US')} spooled in all; ` +
    `appends not yet on disk: peak ${st.peakPendingAppends.toLocaleString('en-US')} (sampled ${peakPending.toLocaleString('en-US')}; bound 16,384), ${(st.peakPendingBytes / MB).toFixed(2)} MB; ` +
    `overwritten before reaching the disk ${st.droppedUnwritten.toLocaleString('en-US')}, refused ${st.refusedBacklog + st.refusedFailed}; storage failure: ${spool.failed?.message ?? 'none'}`,
);
console.log(`equipment error events: ${equipmentErrors.length}`);
for (const e of equipmentErrors.slice(0, 5)) console.log(`  ${e}`);

// Everything stopped and closed before the directory goes: the spool's queue may still be writing.
child.stdin!.end();
equipment.stop();
await passive.close();
await spool.close();
rmSync(dir, { recursive: true, force: true });
