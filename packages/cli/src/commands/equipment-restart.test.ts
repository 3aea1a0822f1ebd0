// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// End to end across a crash: `bondline equipment --state-dir` spools events with the link down, is
// killed (SIGKILL: no flush, no close), and started again on the same directory. Every event it said
// was spooled is still there, DATAIDs after the restart continue above every one handed out before
// it, and the host receives the whole spool in DATAID order, which is the order the events were raised.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import type { GemHost, HostEvent } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasStackTrace } from './e2e.test-util.js';
import { type Cleanups, connectOnlineHost, startSimulatorProcess } from './simulator-process.test-util.js';

const PAIR_BONDED = 400;
const ACTIVATED = 700;
const DEACTIVATED = 701;

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The host's view of one event report: which event, its DATAID, the PairId it carries. */
interface Seen {
  ceid: number;
  dataId: number;
  pair: string | undefined;
}

// The second host did not define report 1 itself, so it reads PairId from the report's first item.
function record(host: GemHost, seen: Seen[]): void {
  host.on('event', (e: HostEvent) => {
    const item = e.reports[0]?.items[0];
    const pair = item?.format === 'A' ? item.value : undefined;
    seen.push({ ceid: e.ceid, dataId: Number(e.dataId), pair });
  });
}

describe('bondline equipment --state-dir across a crash', () => {
  it('keeps every spooled event and keeps DATAIDs increasing; the spool arrives in DATAID order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const state = join(dir, 'state');
    const before = join(dir, 'before.txt');
    writeFileSync(
      before,
      'wait processing EXECUTING\nrepeat 3\n  set PairId up-${i}\n  event PairBonded\nend\ndrop\n' +
        'repeat 5\n  set PairId down-${i}\n  event PairBonded\nend\nsay before the crash: all spooled\n',
    );
    const after = join(dir, 'after.txt');
    writeFileSync(
      after,
      'wait processing EXECUTING\nrepeat 3\n  set PairId after-${i}\n  event PairBonded\nend\n' +
        'say after the restart: all spooled\n',
    );

    // First run: the host sets up reports and spooling, 3 events go out live, 5 are spooled.
    const first = await startSimulatorProcess(cleanups, ['--state-dir', state, '--scenario', before]);
    const a = await connectOnlineHost(cleanups, first.port);
    const seen: Seen[] = [];
    record(a.host, seen);
    expect(await a.host.defineReports([{ rptid: 1, vids: ['PairId'] }])).toBe(0);
    expect(
      await a.host.linkEvents([PAIR_BONDED, ACTIVATED, DEACTIVATED].map((ceid) => ({ ceid, rptids: [1] }))),
    ).toBe(0);
    expect((await a.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
    a.session.on('state', (s) => {
      if (s.to === 'not-connected') a.active.stop(); // stay away: the events go to the spool
    });
    expect((await a.host.command('START')).hcack).toBe(0);
    await first.printed(/before the crash: all spooled\n/);
    expect(first.out().match(/event PairBonded \(400\): spooled/g)).toHaveLength(5);
    first.proc.kill('SIGKILL'); // no flush, no close: what it said was spooled must be on disk
    await first.exited;

    // Second run on the same directory: the spool is still active, so new events join it.
    const second = await startSimulatorProcess(cleanups, ['--state-dir', state, '--scenario', after]);
    const b = await connectOnlineHost(cleanups, second.port);
    record(b.host, seen);
    expect((await b.host.command('START')).hcack).toBe(0);
    await second.printed(/after the restart: all spooled\n/);
    expect(await b.host.transmitSpool()).toBe(0);
    await until(() => seen.some((e) => e.ceid === DEACTIVATED), 'spooling deactivated');

    const pairs = seen.filter((e) => e.ceid === PAIR_BONDED).map((e) => e.pair);
    expect(pairs).toEqual([
      ...['up-1', 'up-2', 'up-3'],
      ...['down-1', 'down-2', 'down-3', 'down-4', 'down-5'],
      ...['after-1', 'after-2', 'after-3'],
    ]);
    // Spooling activated right behind the first spooled event, with the next DATAID.
    const down1 = seen.findIndex((e) => e.pair === 'down-1');
    expect(seen[down1 + 1]?.ceid).toBe(ACTIVATED);
    // One DATAID sequence through the crash: strictly increasing in the order the host received them.
    const ids = seen.map((e) => e.dataId);
    expect(ids.every((d, i) => i === 0 || d > ids[i - 1]!)).toBe(true);
    // The restart resumed above the high-water mark saved a block ahead (10,000 ids).
    const firstAfter = seen.find((e) => e.pair === 'after-1')!;
    expect(firstAfter.dataId).toBeGreaterThan(10_000);
    expect(hasStackTrace(first.err() + second.err())).toBe(false);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
