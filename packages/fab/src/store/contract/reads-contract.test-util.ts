// Reads: what was written comes back as it was written (maps bit for bit), and a bad query is an
// issue with a code, never a thrown error.
import type { Result } from '@bondline/core';
import { expect, it } from 'vitest';
import type { NumericMap } from '../map-codec.js';
import type { FabRecord, PairResultRecord } from '../records.js';
import { everything, line, lot, pair, T0 } from '../store-fixtures.test-util.js';
import { type HarnessFactory, withStore } from './fab-store-contract.test-util.js';
import { okValue } from './result-helpers.test-util.js';

const ofType = <T extends FabRecord['type']>(records: readonly FabRecord[], type: T) =>
  records.filter((r): r is Extract<FabRecord, { type: T }> => r.type === type);

/** The bytes of a map's data, to compare bit for bit (NaN payloads, -0). */
const bytesOf = (m: NumericMap | undefined) =>
  m === undefined ? undefined : Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);

export function readsContract(factory: HarnessFactory): void {
  it('reads every record type back as it was written', async () => {
    await withStore(factory, async (store) => {
      const batch = everything(4);
      okValue(await store.writeBatch(batch));
      const tools = okValue(await store.listTools()).items;
      expect(tools).toEqual(ofType(batch, 'tool'));
      const b1 = okValue(await store.getTool('B1'));
      expect(b1.modules).toEqual(
        ofType(batch, 'module')
          .filter((m) => m.toolId === 'B1')
          .sort(byId),
      );
      expect(b1.recipes).toEqual(ofType(batch, 'recipe').filter((r) => r.toolId === 'B1'));
      expect(okValue(await store.listLots()).items).toEqual(ofType(batch, 'lot'));
      const l1 = okValue(await store.getLot('L1'));
      expect(l1.substrates).toEqual(ofType(batch, 'substrate').sort(byId));
      expect(l1.carriers).toEqual(ofType(batch, 'carrier').sort(byId));
      const results = ofType(batch, 'pair-result');
      expect(okValue(await store.listPairs()).items).toEqual(
        ofType(batch, 'pair').map((p) => ({ pair: p, yield: results.find((r) => r.pairId === p.id)?.yield })),
      );
      for (const result of results) {
        const detail = okValue(await store.getPair(result.pairId));
        expect(detail.result).toEqual(result);
      }
      expect(okValue(await store.listEvents()).items).toEqual(ofType(batch, 'event'));
      const events = ofType(batch, 'event');
      const name = events[0]?.name ?? '';
      expect(okValue(await store.listEvents({ name })).items).toEqual(events.filter((e) => e.name === name));
      expect(okValue(await store.listEvents({ name: 'NoSuchEvent' })).items).toEqual([]);
      expect(okValue(await store.listAlarms()).items).toEqual(ofType(batch, 'alarm'));
      expect(okValue(await store.listTrace()).items).toEqual(ofType(batch, 'trace'));
      expect(okValue(await store.listEcChanges()).items).toEqual(ofType(batch, 'ec-change'));
    });
  });

  it('gives a pair without a result yet, and its list entry without a yield', async () => {
    await withStore(factory, async (store) => {
      const p = pair('L1-P1', 'B1', 'L1', 1);
      okValue(await store.writeBatch([...line(['B1']), lot('L1', 'B1'), p]));
      expect(okValue(await store.getPair('L1-P1'))).toEqual({ pair: p });
      expect(okValue(await store.listPairs()).items).toEqual([{ pair: p }]);
    });
  });

  it('round-trips maps bit for bit: NaN payloads, -0, infinities, subnormals, every element type, empty maps', async () => {
    await withStore(factory, async (store) => {
      const f64 = new Float64Array([
        Number.NaN,
        -0,
        0,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        5e-324,
        1.7976931348623157e308,
        -1 / 3,
      ]);
      // A NaN with a payload other than the canonical one: its bits must survive too.
      new DataView(f64.buffer).setUint32(4, 0x7ff80dea, true);
      const f32 = new Float32Array([Math.fround(0.1), -0, Number.NaN, 1e-45]);
      const result: PairResultRecord = {
        type: 'pair-result',
        pairId: 'L1-P1',
        yield: 0.875,
        summary: { note: 'maps' },
        overlayMap: { dims: [2, 4], data: f64 },
        voidMap: { dims: [0, 4], data: new Float64Array(0) },
        dieYieldMap: { dims: [2, 2], data: f32 },
      };
      const others: NumericMap[] = [
        { dims: [3], data: new Int8Array([-128, 0, 127]) },
        { dims: [2], data: new Uint16Array([0, 65535]) },
        { dims: [2], data: new Int16Array([-32768, 32767]) },
        { dims: [2], data: new Uint32Array([0, 4294967295]) },
        { dims: [1, 1, 2], data: new Int32Array([-2147483648, 2147483647]) },
        { dims: [2, 1, 1, 2], data: new Uint8Array([0, 1, 254, 255]) },
      ];
      const batch: FabRecord[] = [...line(['B1']), lot('L1', 'B1'), pair('L1-P1', 'B1', 'L1', 1), result];
      others.forEach((m, i) => {
        batch.push(pair(`L1-X${i}`, 'B1', 'L1', 2 + i));
        batch.push({ type: 'pair-result', pairId: `L1-X${i}`, yield: 1, summary: {}, dieYieldMap: m });
      });
      okValue(await store.writeBatch(batch));
      const back = okValue(await store.getPair('L1-P1')).result;
      expect(back?.overlayMap?.dims).toEqual([2, 4]);
      expect(back?.overlayMap?.data).toBeInstanceOf(Float64Array);
      expect(bytesOf(back?.overlayMap)).toEqual(bytesOf(result.overlayMap));
      expect(back?.voidMap).toEqual(result.voidMap);
      expect(back?.dieYieldMap?.data).toBeInstanceOf(Float32Array);
      expect(bytesOf(back?.dieYieldMap)).toEqual(bytesOf(result.dieYieldMap));
      for (const [i, m] of others.entries()) {
        const got = okValue(await store.getPair(`L1-X${i}`)).result?.dieYieldMap;
        expect(got?.dims).toEqual(m.dims);
        expect(got?.data.constructor).toBe(m.data.constructor);
        expect(bytesOf(got)).toEqual(bytesOf(m));
      }
    });
  });

  it('answers bad queries with an issue and its code, never a throw', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(everything(2)));
      const code = async <T>(p: Promise<Result<T>>) => {
        const r = await p;
        return r.ok ? 'ok' : r.issues[0]?.code;
      };
      const page = okValue(await store.listEvents({ limit: 1 }));
      const cursor = page.nextCursor ?? '';
      expect(cursor).not.toBe('');
      const bad = Buffer.from(JSON.stringify([1, 'events', 'asc', 'x', 1])).toString('base64url');
      expect(await code(store.listEvents({ cursor: 'not a cursor!' }))).toBe('bad-cursor');
      expect(await code(store.listEvents({ cursor: 'Zm9v' }))).toBe('bad-cursor');
      expect(await code(store.listEvents({ cursor: bad }))).toBe('bad-cursor');
      expect(await code(store.listEvents({ cursor: 'A'.repeat(5000) }))).toBe('bad-cursor');
      expect(await code(store.listAlarms({ cursor }))).toBe('bad-cursor');
      expect(await code(store.listEvents({ cursor, order: 'desc' }))).toBe('bad-cursor');
      expect(await code(store.listEvents({ cursor: 42 as unknown as string }))).toBe('bad-cursor');
      expect(await code(store.listEvents({ order: 'sideways' as 'asc' }))).toBe('bad-cursor');
      for (const limit of [0, -1, 1001, 1.5, Number.NaN]) {
        expect(await code(store.listPairs({ limit }))).toBe('bad-limit');
      }
      expect(await code(store.listEvents({ fromMs: T0 + 10, toMs: T0 }))).toBe('bad-range');
      expect(await code(store.listTrace({ fromMs: 1.5 }))).toBe('bad-range');
      expect(await code(store.listEvents({ ceid: -4 }))).toBe('bad-filter');
      expect(await code(store.listEvents({ name: 4 as unknown as string }))).toBe('bad-filter');
      expect(await code(store.listPairs({ toolId: 7 as unknown as string }))).toBe('bad-filter');
      expect(await code(store.getPair('no-such-pair'))).toBe('not-found');
      expect(await code(store.getTool('no-such-tool'))).toBe('not-found');
      expect(await code(store.getLot("L1' OR '1'='1"))).toBe('not-found');
      const r = await store.listEvents({ cursor: 'garbage' });
      expect(r.ok ? undefined : r.issues[0]).toMatchObject({ code: 'bad-cursor', path: 'cursor' });
    });
  });
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
