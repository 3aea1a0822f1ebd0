// The webhooks' dead letters in the store (migration 10, docs/fab.md §13.2): saved with their body,
// listed by time with target and pending filters, marked retried, and the same delivery dying again
// updates its row and makes it pending again. Both stores run it from fab-store-contract.test-util.ts.
import { expect, it } from 'vitest';
import type { DeadLetter } from '../../loop/webhooks.js';
import { T0 } from '../store-fixtures.test-util.js';
import type { HarnessFactory } from './fab-store-contract.test-util.js';
import { withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

const letter = (n: number, extra: Partial<DeadLetter> = {}): DeadLetter => ({
  deliveryId: `d-${n}`,
  targetId: n % 2 === 0 ? 'maker-a-jira' : 'maker-b-hook',
  type: 'ticket.opened',
  body: JSON.stringify({ id: `d-${n}`, data: { ticket: `T-00000${n}` } }),
  attempts: 8,
  lastError: 'HTTP 503',
  atMs: T0 + n,
  ...extra,
});

export function deadLettersContract(factory: HarnessFactory): void {
  it('dead letters: kept with their body, listed, marked retried, pending again when they die again', async () => {
    await withStore(factory, async (store) => {
      for (const n of [1, 2, 3]) okValue(await store.saveDeadLetter(letter(n)));
      expect(okValue(await store.listDeadLetters()).items.map((l) => l.deliveryId)).toEqual([
        'd-1',
        'd-2',
        'd-3',
      ]);
      expect(okValue(await store.getDeadLetter('d-2'))).toEqual(letter(2));
      expect(
        okValue(await store.listDeadLetters({ targetId: 'maker-b-hook' })).items.map((l) => l.deliveryId),
      ).toEqual(['d-1', 'd-3']);
      expect(okValue(await store.markDeadLetterRetried('d-1', T0 + 10)).retriedMs).toBe(T0 + 10);
      expect(okValue(await store.listDeadLetters({ pending: true })).items.map((l) => l.deliveryId)).toEqual([
        'd-2',
        'd-3',
      ]);
      expect(okValue(await store.listDeadLetters({ pending: false })).items.map((l) => l.deliveryId)).toEqual(
        ['d-1'],
      );
      okValue(await store.saveDeadLetter(letter(1, { attempts: 3, lastError: 'HTTP 410', atMs: T0 + 20 })));
      expect(okValue(await store.getDeadLetter('d-1'))).toEqual(
        letter(1, { attempts: 3, lastError: 'HTTP 410', atMs: T0 + 20 }),
      );
      expect(issuesOf(await store.getDeadLetter('d-9'))[0]?.code).toBe('not-found');
      expect(issuesOf(await store.markDeadLetterRetried('d-9', T0))[0]?.code).toBe('not-found');
    });
  });
}
