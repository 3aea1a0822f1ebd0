import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { catalogueCounts, countsTable } from './catalogue-counts.js';
import { alarmPoint, catalogueOf, silentPoint } from './faults.test-util.js';
import { loadCatalogue } from './load-catalogue.js';

const DOC = new URL('../../../../docs/tool.md', import.meta.url);

describe('catalogue counts', () => {
  it('counts points per module kind and severity, alarming and silent, with a total row', () => {
    const c = catalogueOf([
      alarmPoint('PL-RF-001', 'plasma', 'critical'),
      alarmPoint('PL-RF-002', 'plasma', 'error'),
      silentPoint('PL-WALL-003', 'plasma', { extraParticles: 1 }),
      alarmPoint('BD-PIN-001', 'bonder', 'info'),
    ]);
    const rows = catalogueCounts(c);
    expect(rows.map((r) => r.kind)).toEqual([
      'loadport',
      'robot',
      'prealigner',
      'plasma',
      'clean',
      'flipper',
      'bonder',
      'inspection',
      'total',
    ]);
    expect(rows[3]).toEqual({
      kind: 'plasma',
      points: 3,
      alarming: 2,
      silent: 1,
      bySeverity: { info: 0, warning: 1, error: 1, critical: 1 },
    });
    expect(rows[8]).toMatchObject({ points: 4, alarming: 3, silent: 1 });
    expect(countsTable(c).split('\n')[5]).toBe('| plasma | 3 | 2 | 1 | 0 | 1 | 1 | 1 |');
  });

  it("docs/tool.md §5's table is the shipped catalogue's", async () => {
    const c = await loadCatalogue();
    if (!c.ok) throw new Error(c.issues.map((i) => i.message).join('\n'));
    const doc = await readFile(DOC, 'utf8');
    const m = /<!-- fault-counts:begin -->\n([\s\S]*?)\n<!-- fault-counts:end -->/.exec(doc);
    const expected = countsTable(c.value);
    // On a failure, paste the expected table between the markers in docs/tool.md.
    expect(m?.[1], `docs/tool.md §5 counts table; expected:\n${expected}`).toBe(expected);
  });
});
