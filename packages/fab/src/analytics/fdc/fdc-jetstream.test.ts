// FDC in the JetStream layout (docs/fab.md §9.6): a leak lot published on the stream as a collector
// would, committed by a store writer; the FDC service on the writer's commits writes its check and
// faults back through the bus, so a store writer commits them and the live feed (what /api/stream
// sends) carries them.

import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteTestBus,
  openTestBus,
  tempSqliteStore,
  testBusNames,
} from '../../bus/bus-testing.test-util.js';
import { InProcessFeed } from '../../bus/in-process-feed.js';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import type { FabRecord, FdcFaultRecord } from '../../store/records.js';
import { line } from '../../store/store-fixtures.test-util.js';
import { learnFdcFromStore } from './fdc-learn.js';
import { FdcService } from './fdc-service.js';
import { emptyRecords, SimLine } from './fdc-sim.test-util.js';
import { LEAK, laterSample, lotRecords } from './fdc-store.test-util.js';

const closers: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('FDC over JetStream', () => {
  it('checks what a store writer commits and streams the faults it writes back through the bus', async () => {
    const names = testBusNames();
    closers.push(() => deleteTestBus(names));
    const { store, cleanup } = await tempSqliteStore();
    closers.push(cleanup);
    okValue(await store.writeBatch(line(['B1'])));
    const sim = await SimLine.open(9);
    const golden = emptyRecords();
    sim.pairs(25, 'G', golden);
    okValue(await store.writeBatch(lotRecords('L-GOLD', golden)));
    expect(okValue(await learnFdcFromStore(store, { lotIds: ['L-GOLD'] }, 0)).record.version).toBe(1);

    const bus = await openTestBus(names);
    closers.push(() => bus.close());
    const commits = new InProcessFeed();
    const writer = okValue(
      await bus.startStoreWriter(store, { durable: 'fdc', onCommitted: (records) => commits.emit(records) }),
    );
    closers.push(() => writer.stop());
    const fdc = new FdcService({ store, sink: bus.sink() });
    const detach = fdc.attach(commits);
    closers.push(async () => {
      detach();
      await fdc.idle();
    });
    const streamed: FabRecord[] = [];
    const unsubscribe = bus.liveFeed().subscribe((records) => {
      streamed.push(...records.filter((r) => r.type === 'fdc-fault'));
    });
    closers.push(async () => unsubscribe());

    const leak = emptyRecords();
    sim.pairs(2, 'LEAK', leak, LEAK);
    okValue(await bus.sink().write([...lotRecords('L-LEAK', leak), laterSample(leak)]));
    await until(async () => streamed.length >= 4, 'the faults on the live feed', {
      detail: () => JSON.stringify(fdc.counters()),
    });
    const faults = streamed as FdcFaultRecord[];
    expect(faults.map((f) => `${f.pairId}/${f.step}`).sort()).toEqual([
      'LEAK-0/plasma.bottom',
      'LEAK-0/plasma.top',
      'LEAK-1/plasma.bottom',
      'LEAK-1/plasma.top',
    ]);
    expect(okValue(await store.getFdcCheck('LEAK-1'))).toMatchObject({ flagged: true, modelVersion: 1 });
    expect(okValue(await store.listFdcFaults({ toolId: 'B1' })).items).toHaveLength(4);
  });
});
