// The report table under large but legal requests: linear in the counts (a host may define, link and
// delete tens of thousands of reports in one message), and a deletion unlinks the report everywhere.
import { describe, expect, it } from 'vitest';
import { ReportTable } from './report-table.js';

const table = () =>
  new ReportTable(
    (v) => v === 12,
    (c) => c === 400 || c === 401,
    [400, 401],
  );

describe('ReportTable', () => {
  it('deleting a report unlinks it from every event; an event left with none is unlinked', () => {
    const t = table();
    expect(
      t.define([
        { rptid: 1, vids: [12] },
        { rptid: 2, vids: [12] },
      ]),
    ).toBe(0);
    expect(
      t.link([
        { ceid: 400, rptids: [1, 2] },
        { ceid: 401, rptids: [2] },
      ]),
    ).toBe(0);
    expect(t.define([{ rptid: 2, vids: [] }])).toBe(0);
    expect(t.reportsFor(400)).toEqual([{ rptid: 1, vids: [12] }]);
    expect(t.reportsFor(401)).toEqual([]);
    expect(t.link([{ ceid: 401, rptids: [1] }])).toBe(0); // 401 was unlinked, so it may be linked again
  });

  it('50,000 reports linked to one event are deleted in one S2F33 without a pass per deletion', () => {
    const t = table();
    const n = 50_000;
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    expect(t.define(ids.map((rptid) => ({ rptid, vids: [12] })))).toBe(0);
    expect(t.link([{ ceid: 400, rptids: ids }])).toBe(0);
    // Linear: a few ms (a pass per deletion took 2.5e9 steps: seconds even on an idle machine); the
    // time is measured by bench/gem-engines.bench.ts.
    expect(t.define(ids.map((rptid) => ({ rptid, vids: [] })))).toBe(0);
    expect(t.reportsFor(400)).toEqual([]);
  });
});
