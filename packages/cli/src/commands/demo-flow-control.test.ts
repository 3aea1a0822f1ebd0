import { until } from '@bondline/core/testing';
import type { Pacing } from '@bondline/tool';
import { describe, expect, it } from 'vitest';
import { HOLD_ABOVE, startFlowControl } from './demo-flow-control.js';

describe('startFlowControl', () => {
  it('holds the clock while the host has too many messages unanswered, and runs it again once it caught up', async () => {
    const paced: Pacing[] = [];
    const session = { openTransactions: 0 };
    const own: Pacing = { mode: 'max' };
    const flow = startFlowControl(
      { clock: { setPacing: (p) => paced.push(p) } },
      { equipment: { session } },
      own,
    );
    try {
      session.openTransactions = HOLD_ABOVE + 1;
      await until(() => paced.length === 1, 'the clock held');
      expect(paced[0]).toEqual({ mode: 'factor', factor: 0.1 });
      expect(flow.holds()).toBe(1);
      session.openTransactions = 150;
      await until(() => paced.length === 2, 'the clock running again');
      expect(paced[1]).toEqual(own);
      session.openTransactions = HOLD_ABOVE + 1;
      await until(() => paced.length === 3, 'held again');
    } finally {
      flow.stop();
    }
    // Stopped while held: the clock gets its own pacing back.
    expect(paced.at(-1)).toEqual(own);
    expect(flow.holds()).toBe(2);
  });
});
