// Writes: every record stored once whatever is redelivered (FAB.md "nothing acknowledged is lost,
// nothing is stored twice"), all of a batch or none of it, and bad records refused by field.
import { expect, it } from 'vitest';
import type { FabRecord, ToolRecord } from '../records.js';
import {
  alarm,
  ecChange,
  event,
  everything,
  line,
  lot,
  lotContents,
  pair,
  T0,
  trace,
} from '../store-fixtures.test-util.js';
import { type HarnessFactory, withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

export function writesContract(factory: HarnessFactory): void {
  it('stores a batch of every record type; the same batch again stores nothing and counts duplicates', async () => {
    await withStore(factory, async (store) => {
      const batch = everything(4);
      expect(okValue(await store.writeBatch(batch))).toEqual({ new: batch.length, duplicate: 0 });
      expect(okValue(await store.writeBatch(batch))).toEqual({ new: 0, duplicate: batch.length });
      expect(okValue(await store.listEvents()).items).toHaveLength(3);
      expect(okValue(await store.listAlarms()).items).toHaveLength(2);
      expect(okValue(await store.listTrace()).items).toHaveLength(2);
      expect(okValue(await store.listEcChanges()).items).toHaveLength(2);
      expect(okValue(await store.listPairs()).items).toHaveLength(4);
      expect(okValue(await store.getLot('L1')).substrates).toHaveLength(12);
    });
  });

  it('counts a record repeated inside one batch once, and a redelivery mixed with new records by record', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const e0 = event('B1', 0);
      expect(okValue(await store.writeBatch([e0, e0, alarm('B1', 1), alarm('B1', 1)]))).toEqual({
        new: 2,
        duplicate: 2,
      });
      // After a crash the collector redelivers what it had not seen acknowledged, plus what came next.
      const redelivery = [e0, event('B1', 1), alarm('B1', 1), alarm('B1', 2), trace('B1', 0)];
      expect(okValue(await store.writeBatch(redelivery))).toEqual({ new: 3, duplicate: 2 });
      expect(okValue(await store.listEvents()).items.map((e) => e.dataId)).toEqual([1, 2]);
      expect(okValue(await store.listAlarms()).items.map((a) => a.alid)).toEqual([
        2_000_000_001, 2_000_000_002,
      ]);
    });
  });

  it('keys facts by tool, DATAID, CEID/ALID and equipment time: a change in any one is a new record', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1', 'B2'])));
      const e = event('B1', 0);
      const variants = [
        { ...e, toolId: 'B2' },
        { ...e, dataId: e.dataId + 1 },
        { ...e, ceid: e.ceid + 1 },
        { ...e, equipmentTimeMs: e.equipmentTimeMs + 1 },
      ];
      expect(okValue(await store.writeBatch([e, ...variants]))).toEqual({ new: 5, duplicate: 0 });
      // Received time and data are not part of the key: a redelivery received later is the same event.
      const later = { ...e, receivedTimeMs: e.receivedTimeMs + 60_000, data: { Other: 1 } };
      expect(okValue(await store.writeBatch([later]))).toEqual({ new: 0, duplicate: 1 });
      const stored = okValue(await store.listEvents({ toolId: 'B1', ceid: e.ceid }));
      expect(
        stored.items.find((x) => x.dataId === e.dataId && x.equipmentTimeMs === e.equipmentTimeMs),
      ).toEqual(e);
    });
  });

  it('keys alarms and constant changes by the DATAID of their report too: two in one clock tick are two', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      // Two changes of one constant reported in one tick of the tool's clock (10 ms), DATAIDs 3 and 4.
      const first = { ...ecChange('B1', 1), dataId: 3 };
      const second = { ...ecChange('B1', 2), equipmentTimeMs: first.equipmentTimeMs, dataId: 4 };
      const set = { ...alarm('B1', 1), dataId: 5 };
      const again = { ...set, dataId: 7 };
      expect(okValue(await store.writeBatch([first, second, set, again]))).toEqual({ new: 4, duplicate: 0 });
      // The same report delivered again is a duplicate.
      expect(okValue(await store.writeBatch([second, again]))).toEqual({ new: 0, duplicate: 2 });
      expect(okValue(await store.listEcChanges({ toolId: 'B1' })).items).toEqual([first, second]);
      expect(okValue(await store.listAlarms({ toolId: 'B1' })).items).toEqual([set, again]);
      // A record no report carried (stored 0) reads back without a dataId.
      const plain = ecChange('B1', 9);
      okValue(await store.writeBatch([plain]));
      expect(okValue(await store.listEcChanges({ toolId: 'B1' })).items.at(-1)).toEqual(plain);
    });
  });

  it('fills in a lot and a pair once they end; an older record redelivered late changes nothing', async () => {
    await withStore(factory, async (store) => {
      const started = lot('L1', 'B1');
      okValue(await store.writeBatch([...line(['B1']), started, pair('L1-P1', 'B1', 'L1', 1)]));
      const ended = lot('L1', 'B1', { endedMs: T0 + 3_600_000, outcome: 'stopped', summary: { pairs: 1 } });
      const pairEnded = { ...pair('L1-P1', 'B1', 'L1', 1), endedMs: T0 + 100_000 };
      expect(okValue(await store.writeBatch([ended, pairEnded]))).toEqual({ new: 2, duplicate: 0 });
      expect(okValue(await store.writeBatch([started, ended, pairEnded]))).toEqual({ new: 0, duplicate: 3 });
      // A different end for a lot already ended is not taken: the first end stored stands.
      const other = lot('L1', 'B1', { endedMs: T0 + 7_200_000, outcome: 'aborted' });
      expect(okValue(await store.writeBatch([other]))).toEqual({ new: 0, duplicate: 1 });
      expect(okValue(await store.getLot('L1')).lot).toEqual(ended);
      expect(okValue(await store.getPair('L1-P1')).pair).toEqual(pairEnded);
    });
  });

  it('replaces a tool configuration that changed, and counts an unchanged one as a duplicate', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const renamed: ToolRecord = {
        type: 'tool',
        id: 'B1',
        name: 'Bonder 1 (bay 3)',
        organisationId: 'maker-a',
      };
      expect(okValue(await store.writeBatch([renamed]))).toEqual({ new: 1, duplicate: 0 });
      expect(okValue(await store.writeBatch([renamed]))).toEqual({ new: 0, duplicate: 1 });
      expect(okValue(await store.getTool('B1')).tool).toEqual(renamed);
    });
  });

  it('two writers delivering the same records at once store each record once', async () => {
    await withStore(factory, async (store, h) => {
      okValue(await store.writeBatch(line(['B1'])));
      const other = await h.open();
      const batch = Array.from({ length: 300 }, (_, i) => event('B1', i));
      const [a, b] = await Promise.all([store.writeBatch(batch), other.writeBatch(batch)]);
      const ra = okValue(a);
      const rb = okValue(b);
      expect(ra.new + rb.new).toBe(300);
      expect(ra.duplicate + rb.duplicate).toBe(300);
      expect(okValue(await store.listEvents({ limit: 1000 })).items).toHaveLength(300);
    });
  });

  it('rolls back the whole batch when one record names a tool that is not stored', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const newTool: ToolRecord = { type: 'tool', id: 'B9', name: 'Bonder 9', organisationId: 'maker-a' };
      const batch: FabRecord[] = [newTool, event('B1', 0), alarm('B1', 0), event('NO-SUCH-TOOL', 1)];
      const issues = issuesOf(await store.writeBatch(batch));
      expect(issues[0]?.code).toBe('unknown-reference');
      expect(okValue(await store.listEvents()).items).toEqual([]);
      expect(okValue(await store.listAlarms()).items).toEqual([]);
      expect(issuesOf(await store.getTool('B9'))[0]?.code).toBe('not-found');
      // The store goes on: the same batch without the bad record is stored whole.
      expect(okValue(await store.writeBatch(batch.slice(0, 3)))).toEqual({ new: 3, duplicate: 0 });
    });
  });

  it('rolls back a batch many slices long whose bad record comes last', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch([...line(['B1']), lot('L1', 'B1')]));
      const batch: FabRecord[] = Array.from({ length: 1200 }, (_, i) => event('B1', i));
      batch.push(...lotContents('L1', 'B1', 3));
      batch.push(pair('L1-P9', 'B1', 'NO-SUCH-LOT', 9));
      expect(issuesOf(await store.writeBatch(batch))[0]?.code).toBe('unknown-reference');
      expect(okValue(await store.listEvents()).items).toEqual([]);
      expect(okValue(await store.listPairs()).items).toEqual([]);
      expect(okValue(await store.getLot('L1')).substrates).toEqual([]);
    });
  });

  it('refuses a batch of more than 100,000 records whole', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const e = event('B1', 0);
      const issues = issuesOf(await store.writeBatch(new Array<FabRecord>(100_001).fill(e)));
      expect(issues).toEqual([
        {
          code: 'batch-too-large',
          message: 'a batch of 100001 records is more than 100000: split it',
          path: 'records',
        },
      ]);
      expect(okValue(await store.listEvents()).items).toEqual([]);
    });
  });

  it('refuses a batch with bad records before writing any of it, naming each field', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const bad: unknown[] = [
        event('B1', 0),
        { ...event('B1', 1), data: { BondForceN: Number.NaN } },
        { ...event('B1', 2), dataId: -1 },
        { ...event('B1', 3), equipmentTimeMs: 1.5 },
        { ...event('B1', 4), colour: 'red' },
        { ...alarm('B1', 0), state: 'on' },
        {
          type: 'pair-result',
          pairId: 'P',
          yield: 0.5,
          summary: {},
          dieYieldMap: { dims: [3, 3], data: new Uint8Array(8) },
        },
        { type: 'widget', id: 'x' },
        { ...event('B1', 5), toolId: 'B1\u200b' },
      ];
      const issues = issuesOf(await store.writeBatch(bad as FabRecord[]));
      expect(issues.every((i) => i.code === 'invalid-record')).toBe(true);
      const paths = issues.map((i) => i.path);
      expect(paths).toEqual([
        'records[1].data.BondForceN',
        'records[2].dataId',
        'records[3].equipmentTimeMs',
        'records[4].colour',
        'records[5].state',
        'records[6].dieYieldMap',
        'records[7].type',
        'records[8].toolId',
      ]);
      expect(issues[0]?.message).toMatch(/NaN cannot be stored as JSON/);
      expect(issues[5]?.message).toMatch(/dims \[3, 3\] hold 9 elements but data has 8/);
      expect(okValue(await store.listEvents()).items).toEqual([]);
    });
  });
}
