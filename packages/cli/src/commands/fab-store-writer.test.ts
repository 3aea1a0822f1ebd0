// End to end: `bondline fab store` in the scaled layout, as a child process, on a JetStream stream of
// this test's own (random names, deleted after; the test fails, never skips, when NATS at
// 127.0.0.1:4222 is down): records published on the bus are committed into the SQLite store, and the
// pair the writer committed is analysed by the analyser it runs beside it (docs/fab.md §7.5).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { type FabRecord, openJetStreamBus, openSqliteStore } from '@bondline/fab';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline, startBondline } from './e2e.test-util.js';

const NATS = process.env.BONDLINE_TEST_NATS ?? '127.0.0.1:4222';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const RECORDS: FabRecord[] = [
  { type: 'organisation', id: 'maker-a', name: 'Maker A', role: 'maker' },
  { type: 'tool', id: 'B1', name: 'Bonder 1', organisationId: 'maker-a' },
  { type: 'lot', id: 'L1', toolId: 'B1', recipe: 'BOND-STD', plannedPairs: 1, startedMs: T0 },
  {
    type: 'pair',
    id: 'L1-P1',
    toolId: 'B1',
    lotId: 'L1',
    slot: 1,
    recipe: 'BOND-STD',
    topId: 'T1',
    bottomId: 'B1W',
    stackId: 'S1',
    startedMs: T0 + 1000,
  },
  // The bond step of the pair's wafers: SPC charts its bond force (the config's spc: block).
  {
    type: 'event',
    toolId: 'B1',
    dataId: 7,
    ceid: 4113,
    name: 'BonderStepEnded',
    equipmentTimeMs: T0 + 900,
    receivedTimeMs: T0 + 900,
    data: { StepSubstrates: 'T1,B1W', StepBondForce: 5.01, StepChamberPressure: 101_300 },
  },
  // No maps: the analysis is stored with its issues (missing-map), which is enough to show it ran.
  { type: 'pair-result', pairId: 'L1-P1', yield: 0.9, summary: { PairAlarms: 'BD-012' } },
];

describe('bondline fab store', () => {
  it('commits what collectors publish and analyses the pairs it committed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-fab-store-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const id = randomBytes(5).toString('hex');
    const names = {
      stream: `TEST_RECORDS_${id}`,
      subjectPrefix: `test_${id}.records`,
      committedSubject: `test_${id}.committed`,
      statusBucket: `test_status_${id}`,
    };
    cleanups.push(async () => {
      const nc = await connect({ servers: NATS });
      try {
        const jsm = await jetstreamManager(nc);
        await jsm.streams.delete(names.stream).catch(() => undefined);
        await jsm.streams.delete(`KV_${names.statusBucket}`).catch(() => undefined);
      } finally {
        await nc.close();
      }
    });
    const path = join(dir, 'fab.sqlite');
    const config = join(dir, 'fab.yaml');
    await writeFile(
      config,
      `fab: { id: fab-1, name: Fab }\ntools: []\nstore: { kind: sqlite, path: fab.sqlite }\n` +
        `bus: { servers: ["nats://${NATS}"], stream: ${names.stream}, subjectPrefix: ${names.subjectPrefix}, ` +
        `committedSubject: ${names.committedSubject}, statusBucket: ${names.statusBucket}, durable: writers }\n` +
        'spc: { baselinePoints: 10 }\n',
    );
    expect((await runBondline('fab', ['migrate', '--store', `sqlite:${path}`])).code).toBe(0);

    const writer = startBondline('fab', ['store', '--config', config]);
    cleanups.push(async () => {
      await writer.stop('SIGKILL');
    });
    await writer.printed(/^store writer: /m);
    const bus = await openJetStreamBus({ servers: NATS, ...names });
    if (!bus.ok) throw new Error(`NATS JetStream is not reachable at ${NATS}: ${bus.issues[0]?.message}`);
    cleanups.push(() => bus.value.close());
    const sent = await bus.value.sink().write(RECORDS);
    expect(sent.ok).toBe(true);

    const opened = await openSqliteStore({ path });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    cleanups.push(() => store.close());
    await until(async () => (await store.getPairAnalysis('L1-P1')).ok, 'the pair analysed by the writer', {
      detail: () => `${writer.out()}\n${writer.err()}`,
    });
    const a = await store.getPairAnalysis('L1-P1');
    if (!a.ok) throw new Error(a.issues[0]?.message);
    expect(a.value.faultPoints).toEqual(['BD-012']);
    expect(a.value.analysis.issues.map((i) => i.code)).toContain('missing-map');
    // SPC beside the analyser: the pair's bond force charted (no maps: no overlay or yield points).
    await until(
      async () => {
        const p = await store.listSpcPoints({ chartId: 'bondForce@B1+BOND-STD+default' });
        return p.ok && p.value.items.length === 1;
      },
      'the bond force charted by the writer',
      { detail: () => `${writer.out()}\n${writer.err()}` },
    );
    const charts = await store.listSpcCharts({ toolId: 'B1' });
    expect(charts.ok && charts.value.items.map((c) => c.parameter)).toEqual(['bondForce', 'chamberPressure']);
    expect(await writer.stop('SIGTERM')).toBe(0);
    expect(writer.out()).toMatch(/SIGTERM: stopped after \d+ records/);
    expect(hasStackTrace(writer.err())).toBe(false);
  });
});
