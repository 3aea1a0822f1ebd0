// The SPC service in the scaled layout: JetStream and PostgreSQL. Violations go through the bus like
// any record (the service's sink is the bus), a store writer commits them into PostgreSQL and announces
// them on the committed subject (the live feed `fab serve` streams); an R2R link on that feed holds the
// context, and a close through the API (its record sink the bus) releases it. Same hand-computed
// series as spc-service.test.ts: the baseline's UCL is 5.61 nm, the point 20 nm is beyond it.
import { until } from '@bondline/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildFabApi } from '../../api/fab-api.js';
import { deleteTestBus, openTestBus, testBusNames } from '../../bus/bus-testing.test-util.js';
import { InProcessFeed } from '../../bus/in-process-feed.js';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import { createTestDatabase, type TestDatabase } from '../../store/postgres/postgres-test-db.test-util.js';
import type { SpcViolationRecord } from '../../store/records.js';
import { line, lot } from '../../store/store-fixtures.test-util.js';
import { fakeToolPort } from '../r2r/r2r-fakes.test-util.js';
import { R2rService } from '../r2r/r2r-service.js';
import { r2rSettingsSchema } from '../r2r/r2r-settings.js';
import { analysedPair, spcPair } from './spc-fixtures.test-util.js';
import { SpcR2rLink } from './spc-r2r-link.js';
import { SpcService } from './spc-service.js';
import { spcSettingsSchema } from './spc-settings.js';

const CONTEXT = 'B1+BOND-STD+default';
const SERIES = [1, -1, 2, -2, 0.5, -0.5, 1.5, -1.5, 0, 0, 0.5, 20];

let db: TestDatabase | undefined;
const names = testBusNames();
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await deleteTestBus(names);
});

describe('SPC over JetStream into PostgreSQL', () => {
  it('a violation goes through the bus, is stored, announced on the live feed, holds R2R; its close releases it', async () => {
    if (db === undefined) throw new Error('the test database was not created (see the beforeAll error)');
    const h = await db.harness();
    closers.push(() => h.cleanup());
    const store = await h.open();
    okValue(await store.migrate());
    const bus = await openTestBus(names);
    closers.push(() => bus.close());
    const commits = new InProcessFeed();
    const writer = okValue(
      await bus.startStoreWriter(store, { durable: 'spc', onCommitted: (r) => commits.emit(r) }),
    );
    closers.push(() => writer.stop());
    const live = bus.liveFeed();
    const announced: SpcViolationRecord[] = [];
    live.subscribe((records) => {
      for (const r of records) if (r.type === 'spc-violation') announced.push(r);
    });
    const sink = bus.sink();
    okValue(await sink.write([...line(['B1']), lot('L1', 'B1'), ...SERIES.map((_, n) => spcPair(n))]));
    await until(
      async () => okValue(await store.listPairs({ limit: 100 })).items.length === SERIES.length,
      'the pairs stored',
    );
    const settings = spcSettingsSchema.parse({
      baselinePoints: 10,
      defaults: false,
      parameters: [{ name: 'tx' }],
    });
    const spc = new SpcService({ settings, store, sink });
    const r2r = new R2rService({
      settings: r2rSettingsSchema.parse({ enabled: true }),
      store,
      tools: fakeToolPort(),
      toolIds: ['B1'],
    });
    const link = new SpcR2rLink({ store, r2r, feed: live });
    await link.start();
    closers.push(async () => link.stop());

    SERIES.forEach((tx, n) => {
      spc.analysed(analysedPair(n, tx));
    });
    await spc.idle();
    await until(
      async () => okValue(await store.listSpcViolations({ state: 'open' })).items.length === 2,
      'the violations stored by the writer',
    );
    await until(() => announced.length === 2, 'the violations on the live feed');
    expect(announced.map((v) => [v.rule, v.pointIndex, v.pairId])).toEqual([
      ['we1', 11, 'L1-P11'],
      ['dispersion-limit', 11, 'L1-P11'],
    ]);
    const held = () => r2r.contexts().find((c) => c.key === CONTEXT)?.held;
    await until(() => held() !== undefined, 'the R2R hold');
    expect(held()?.reason).toContain('SPC violation we1 on tx');

    const app = await buildFabApi({ store, feed: live, recordSink: sink, checkResponses: true });
    closers.push(() => app.close());
    for (const v of okValue(await store.listSpcViolations({ state: 'open' })).items) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/spc/violations/${v.seq}/close`,
        payload: { reason: 'stage recalibrated' },
      });
      expect(res.statusCode).toBe(200);
    }
    await until(() => held() === undefined, 'the R2R release');
    await until(
      async () => okValue(await store.listSpcViolations({ state: 'closed' })).items.length === 2,
      'the closes stored',
    );
  });
});
