import { describe, expect, it } from 'vitest';
import { jobFromRequest, validateLotJob } from './lot-job.js';

describe('jobFromRequest', () => {
  it('gives pair i slot i of each carrier and the <lot>-T01 ids', () => {
    const r = jobFromRequest({ lotId: 'L7', recipe: 'BOND-STD', pairs: 3 }, 'BOND-STD', 25);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.carriers.map((c) => `${c.role}:${c.id}`)).toEqual([
      'top:L7-TOP',
      'bottom:L7-BOT',
      'stack:L7-STK',
    ]);
    expect(r.value.pairs[2]).toEqual({
      index: 3,
      pairId: 'L7-P03',
      topId: 'L7-T03',
      bottomId: 'L7-B03',
      stackId: 'L7-S03',
      top: { carrier: 'L7-TOP', slot: 3 },
      bottom: { carrier: 'L7-BOT', slot: 3 },
      destination: { carrier: 'L7-STK', slot: 3 },
    });
  });

  it('refuses pair counts outside the carrier and bad ids, naming the field', () => {
    for (const pairs of [0, 26, 2.5]) {
      const r = jobFromRequest({ lotId: 'L', recipe: 'R', pairs }, 'R', 25);
      expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['pairs']);
    }
    const r = jobFromRequest({ lotId: 'my lot', recipe: 'R', pairs: 1 }, 'R', 25);
    expect(r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path}`)).toEqual(['invalid-lot lotId']);
    const same = jobFromRequest(
      { lotId: 'L', recipe: 'R', pairs: 1, topCarrier: 'C', bottomCarrier: 'C' },
      'R',
      25,
    );
    expect(same.ok ? '' : same.issues[0]?.message).toBe("carrier 'C' is named twice");
  });
});

describe('validateLotJob', () => {
  it('refuses a slot used twice and a slot outside its carrier', () => {
    const r = jobFromRequest({ lotId: 'L', recipe: 'R', pairs: 2 }, 'R', 25);
    if (!r.ok) throw new Error('setup');
    const job = structuredClone(r.value);
    const [p1, p2] = job.pairs;
    if (p1 === undefined || p2 === undefined) throw new Error('setup');
    p2.top.slot = 1;
    p2.destination.slot = 30;
    const v = validateLotJob(job);
    expect(v.ok ? [] : v.issues.map((i) => i.message)).toEqual([
      "slot 1 of carrier 'L-TOP' is used twice",
      'destination slot 30 of L-P02 is outside 1..25',
    ]);
  });
});
