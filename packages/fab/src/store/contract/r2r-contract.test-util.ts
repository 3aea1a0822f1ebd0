// The R2R audit table (migration `r2r`, record type `r2r-action`): stored once per (context, action
// number), read back whole per context in stored order, paged, and refused when it names an unknown
// tool. Both stores run it from fab-store-contract.test-util.ts.
import { expect, it } from 'vitest';
import type { R2rActionRecord } from '../records.js';
import { line, T0 } from '../store-fixtures.test-util.js';
import type { HarnessFactory } from './fab-store-contract.test-util.js';
import { withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

function action(context: string, actionNo: number, extra: Partial<R2rActionRecord> = {}): R2rActionRecord {
  return {
    type: 'r2r-action',
    context,
    actionNo,
    toolId: 'B1',
    recipe: 'BOND-STD',
    product: 'default',
    atMs: T0 + actionNo * 1000,
    action: 'correct',
    detail: {
      fit: { Tx: 12.5, Ty: -3.25, Rot: 0.1, Mag: -0.05 },
      sent: { R2R_TX_NM: 12.5 },
      eac: 0,
      clamps: [{ term: 'Tx', reason: 'max-step', from: 250, to: 200 }],
    },
    ...extra,
  };
}

export function r2rContract(factory: HarnessFactory): void {
  it('r2r actions: stored once per context and number, read back per context in order, paged', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const a = 'B1+BOND-STD+default';
      const b = 'B1+CLEAN-LONG+default';
      const first = [action(a, 1, { pairId: 'P-1' }), action(b, 1, { action: 'hold', recipe: 'CLEAN-LONG' })];
      expect(okValue(await store.writeBatch(first))).toEqual({ new: 2, duplicate: 0 });
      // The same numbers again (a restart resending) change nothing.
      expect(okValue(await store.writeBatch([action(a, 1, { action: 'reset' })]))).toEqual({
        new: 0,
        duplicate: 1,
      });
      okValue(await store.writeBatch([action(a, 2), action(a, 3, { action: 'freeze' })]));
      const all = okValue(await store.listR2rActions({ context: a }));
      expect(all.items.map((r) => [r.actionNo, r.action])).toEqual([
        [1, 'correct'],
        [2, 'correct'],
        [3, 'freeze'],
      ]);
      expect(all.items[0]).toEqual(action(a, 1, { pairId: 'P-1' }));
      expect(all.items[1]?.pairId).toBeUndefined();
      const newest = okValue(await store.listR2rActions({ context: a, order: 'desc', limit: 1 }));
      expect(newest.items.map((r) => r.actionNo)).toEqual([3]);
      const page1 = okValue(await store.listR2rActions({ context: a, limit: 2 }));
      expect(page1.items).toHaveLength(2);
      expect(page1.nextCursor).toBeDefined();
      const page2 = okValue(
        await store.listR2rActions({ context: a, limit: 2, cursor: page1.nextCursor ?? '' }),
      );
      expect(page2.items.map((r) => r.actionNo)).toEqual([3]);
      expect(okValue(await store.listR2rActions({ context: 'none' })).items).toEqual([]);
    });
  });

  it('r2r actions: a bad record or an unknown tool is refused with nothing written', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const bad = issuesOf(await store.writeBatch([action('c', 0)]));
      expect(bad[0]).toMatchObject({ code: 'invalid-record', path: 'records[0].actionNo' });
      const unknown = issuesOf(await store.writeBatch([action('c', 1, { toolId: 'NOPE' })]));
      expect(unknown[0]?.code).toBe('unknown-reference');
      expect(okValue(await store.listR2rActions({ context: 'c' })).items).toEqual([]);
    });
  });
}
