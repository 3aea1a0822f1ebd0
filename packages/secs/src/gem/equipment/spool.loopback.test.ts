// Link loss with the durable spool (E30 6.5): 5,000 events produced while the link is down are spooled,
// and after reconnect and the host's S6F23 all arrive in order, none twice; also across an equipment
// restart between the loss and the reconnect. Order is checked with a counter variable in the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../host/gem-host.js';
import { Spool } from '../spool/spool.js';
import { dropLink, type Rig, reconnect, roundTrip, startRig } from './test-rig.test-util.js';

const N = 5000;
let rigs: Rig[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const r of rigs) await r.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  rigs = [];
  dirs = [];
});

const openSpool = (dir: string): Promise<Spool> =>
  Spool.open({
    dir: join(dir, 'spool'),
    maxMessages: 100_000,
    maxBytes: 64 << 20,
    policy: 'stop',
    sync: false,
  });

async function up(dir: string, spool: Spool): Promise<Rig> {
  const r = await startRig({ dir, equipment: { spool } });
  rigs.push(r);
  return r;
}

async function configure(r: Rig): Promise<void> {
  expect(await r.host.requestOnline()).toBe(0);
  expect(await r.host.defineReports([{ rptid: 1, vids: [12] }])).toBe(0); // WafersBonded
  expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
  expect(await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).toEqual({
    rspack: 0,
    rejections: [],
  });
}

/** Drop the link; the equipment waits its retry delay before its next S1F13. */
async function dropLinkToWaitDelay(r: Rig): Promise<void> {
  await dropLink(r);
  expect(r.equipment.communicationState).toBe('wait-delay');
}

async function produce(r: Rig): Promise<void> {
  for (let i = 1; i <= N; i++) {
    r.equipment.set('WafersBonded', i);
    expect(await r.equipment.triggerEvent(400)).toBe(false);
  }
}

async function collect(r: Rig, spool: Spool): Promise<number[]> {
  const got: number[] = [];
  const done = new Promise<void>((resolve) => {
    r.host.on('event', (e: HostEvent) => {
      // A control-state event raised after reconnecting joins the still-active spool behind them (E30 6.5).
      if (e.ceid !== 400) return;
      got.push(e.reports[0]?.items[0]?.value[0] as number);
      if (got.length === N) resolve();
    });
  });
  expect(await r.host.transmitSpool()).toBe(0);
  await done;
  // Nothing more may follow: the spool is empty, and what it sent before has been read.
  await until(() => spool.stateName === 'inactive', 'the spool emptied');
  await roundTrip(r);
  return got;
}

describe('spooling across link loss', () => {
  it(`${N} events spooled while down are delivered in order, once, after S6F23`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-spool-'));
    dirs.push(dir);
    const spool = await openSpool(dir);
    const r = await up(dir, spool);
    await configure(r);
    await dropLinkToWaitDelay(r);
    await produce(r);
    expect(spool.countActual).toBe(N);
    await reconnect(r);
    const got = await collect(r, spool);
    expect(got).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(spool.countActual).toBe(0);
    expect(await r.host.transmitSpool()).toBe(2); // nothing left
    await spool.close();
  });

  it('the same after an equipment restart between the loss and the reconnect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-spool-restart-'));
    dirs.push(dir);
    let spool = await openSpool(dir);
    const r1 = await up(dir, spool);
    await configure(r1);
    await dropLinkToWaitDelay(r1);
    await produce(r1);
    await r1.close();
    rigs = [];
    await spool.close();
    spool = await openSpool(dir);
    expect(spool.countActual).toBe(N);
    const r2 = await up(dir, spool);
    expect(await r2.host.requestOnline()).toBe(0);
    const got = await collect(r2, spool);
    expect(got).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    await spool.close();
  });

  it('purge discards, and S2F43 without a spool is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gem-spool-purge-'));
    dirs.push(dir);
    const spool = await openSpool(dir);
    const r = await up(dir, spool);
    await configure(r);
    await dropLinkToWaitDelay(r);
    await r.equipment.triggerEvent(400);
    await reconnect(r);
    expect(await r.host.purgeSpool()).toBe(0);
    expect(spool.countActual).toBe(0);
    await spool.close();
    const plain = await startRig();
    rigs.push(plain);
    expect(await plain.host.requestOnline()).toBe(0);
    expect((await plain.host.setSpoolStreams([{ stream: 6, functions: [] }])).rspack).toBe(1);
  });
});
