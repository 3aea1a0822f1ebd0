import type { FixRecord } from '@bondline/tool';
import { describe, expect, it } from 'vitest';
import { RELEASE_STEP, releaseFor } from './story-release.js';

const rec = (n: number, faultId: string): FixRecord => ({
  id: `FIX-${String(n).padStart(3, '0')}`,
  date: '2026-01-05',
  faultId,
  kind: 'software',
  revision: `TC 1.${n}`,
  change: `fix ${n}`,
  effect: n === 30 ? { reduceBy: 10 } : 'retire',
});

// A chain of 40 records: A at 5, B at 12, C at 30 (reduced) and 35 (retired), the rest fillers.
const chain: FixRecord[] = Array.from({ length: 40 }, (_, i) => {
  const n = i + 1;
  const id = n === 5 ? 'A' : n === 12 ? 'B' : n === 30 || n === 35 ? 'C' : `X${n}`;
  return rec(n, id);
});

describe('releaseFor', () => {
  it('goes up to the first record of each named point, all records before it included', () => {
    const r = releaseFor(chain, 0, ['B', 'A']);
    expect(r.level).toBe(12);
    expect(r.fixes.map((f) => f.id)).toEqual(chain.slice(0, 12).map((f) => f.id));
    expect(r.fixesNamed).toEqual(['B', 'A']);
    expect(r.why).toBe('fixes B, A (records 1 to 12 of 40)');
  });

  it('takes the next record of a point not yet on the tool (a reduced point fixed again later)', () => {
    expect(releaseFor(chain, 30, ['C'])).toMatchObject({ level: 35, fixesNamed: ['C'] });
    expect(releaseFor(chain, 30, ['C']).fixes.map((f) => f.id)).toEqual([
      'FIX-031',
      'FIX-032',
      'FIX-033',
      'FIX-034',
      'FIX-035',
    ]);
  });

  it('ships the next release in order when no record is left for the points, or none was named', () => {
    const left = releaseFor(chain, 12, ['A', 'NOT-IN-CHAIN']);
    expect(left.level).toBe(12 + RELEASE_STEP);
    expect(left.fixesNamed).toEqual([]);
    expect(left.why).toBe(
      `no record left for A, NOT-IN-CHAIN; the next release in order (records 13 to ${12 + RELEASE_STEP} of 40)`,
    );
    expect(releaseFor(chain, 0, []).why).toMatch(/^no fault point named; the next release in order/);
    expect(releaseFor(chain, 35, []).level).toBe(40);
  });

  it('has nothing to ship on a tool with every record', () => {
    const r = releaseFor(chain, 40, ['A']);
    expect(r).toMatchObject({ level: 40, fixes: [], fixesNamed: [] });
    expect(r.why).toContain("the tool has every record of the maker's chain (40)");
  });
});
