import { describe, expect, it } from 'vitest';
import { until } from './until.js';

describe('until', () => {
  it('resolves as soon as the condition holds, checking again while it does not', async () => {
    let checks = 0;
    await until(() => ++checks === 3, 'the third check');
    expect(checks).toBe(3);
  });

  it('takes an asynchronous condition', async () => {
    let n = 0;
    await until(async () => ++n > 1, 'the second check');
    expect(n).toBe(2);
  });

  it('rejects naming what never came, with the detail, once the deadline has passed', async () => {
    let checks = 0;
    const never = until(() => ++checks < 0, 'the impossible', {
      timeoutMs: 1,
      detail: () => `${checks} checks`,
    });
    await expect(never).rejects.toThrow(/^not within 1 ms: the impossible: \d+ checks$/);
  });
});
