// The SPC tables (migration `spc`): charts saved and replaced only by a chart with more phases, points
// stored once per (chart, index) and read back by index, violations (record `spc-violation`) stored
// once per (chart, part, rule, point), closed by filling in, listed by state. Both stores run it from
// fab-store-contract.test-util.ts.
import { expect, it } from 'vitest';
import type { SpcViolationRecord } from '../records.js';
import type { SpcChartRow } from '../spc-rows.js';
import { line, T0 } from '../store-fixtures.test-util.js';
import type { HarnessFactory } from './fab-store-contract.test-util.js';
import { withStore } from './fab-store-contract.test-util.js';
import { issuesOf, okValue } from './result-helpers.test-util.js';

const CHART_ID = 'tx@B1+BOND-STD+default';

function chartRow(extra: Partial<SpcChartRow> = {}): SpcChartRow {
  return {
    id: CHART_ID,
    toolId: 'B1',
    parameter: 'tx',
    context: 'B1+BOND-STD+default',
    recipe: 'BOND-STD',
    product: 'default',
    chart: { settings: { kind: 'ewma', lambda: 0.2, L: 3 }, phases: [] },
    baselinePoints: 25,
    createdMs: T0,
    updatedMs: T0,
    ...extra,
  };
}

const PHASE = {
  number: 1,
  startedAtMs: T0 + 5,
  reason: 'baseline',
  appliesFrom: 0,
  baseline: { first: 0, last: 2 },
  excluded: [],
  limits: {
    mean: 1,
    sigma: 0.5,
    sigmaFrom: 'moving-range' as const,
    locationSigma: 0.5,
    location: { center: 1, lcl: -0.5, ucl: 2.5 },
    dispersion: { center: 0.564, lcl: 0, ucl: 1.843 },
    used: 3,
  },
};

function violation(pointIndex: number, extra: Partial<SpcViolationRecord> = {}): SpcViolationRecord {
  return {
    type: 'spc-violation',
    chartId: CHART_ID,
    part: 'location',
    rule: 'we1',
    pointIndex,
    toolId: 'B1',
    parameter: 'tx',
    context: 'B1+BOND-STD+default',
    phase: 1,
    description: 'a point beyond 3 sigma',
    indexes: [pointIndex],
    side: 'above',
    pairId: `P-${pointIndex}`,
    value: 3.5,
    atMs: T0 + pointIndex,
    ...extra,
  };
}

export function spcContract(factory: HarnessFactory): void {
  it('spc charts and points: saved, replaced only by more phases, points once per index, read by index', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const spec = { lsl: -100, usl: 100 };
      expect(okValue(await store.saveSpcChart(chartRow({ spec })))).toEqual({ new: 1, duplicate: 0 });
      expect(okValue(await store.getSpcChart(CHART_ID))).toEqual(chartRow({ spec }));
      // The same revision (no new phase) changes nothing; one more phase replaces it.
      expect(okValue(await store.saveSpcChart(chartRow({ updatedMs: T0 + 1 }))).new).toBe(0);
      const phased = chartRow({
        spec,
        chart: { settings: chartRow().chart.settings, phases: [PHASE] },
        updatedMs: T0 + 9,
      });
      expect(okValue(await store.saveSpcChart(phased)).new).toBe(1);
      expect(okValue(await store.getSpcChart(CHART_ID))).toEqual(phased);
      const points = [0, 1, 2].map((index) => ({
        chartId: CHART_ID,
        index,
        pairId: `P-${index}`,
        value: index * 0.5,
        atMs: T0 + index,
      }));
      expect(okValue(await store.appendSpcPoints(points))).toEqual({ new: 3, duplicate: 0 });
      // Index 2 taken (another process was first): a duplicate, the stored value kept.
      expect(
        okValue(await store.appendSpcPoints([{ chartId: CHART_ID, index: 2, value: 9, atMs: T0 }])),
      ).toEqual({
        new: 0,
        duplicate: 1,
      });
      const read = okValue(await store.listSpcPoints({ chartId: CHART_ID }));
      expect(read.items).toEqual(points);
      const from1 = okValue(await store.listSpcPoints({ chartId: CHART_ID, fromIndex: 1, limit: 1 }));
      expect(from1.items.map((p) => p.index)).toEqual([1]);
      const next = okValue(
        await store.listSpcPoints({
          chartId: CHART_ID,
          fromIndex: 1,
          limit: 1,
          cursor: from1.nextCursor ?? '',
        }),
      );
      expect(next.items.map((p) => p.index)).toEqual([2]);
      okValue(await store.saveSpcChart(chartRow({ id: 'yield@B1+BOND-STD+default', parameter: 'yield' })));
      expect(okValue(await store.listSpcCharts({ parameter: 'yield' })).items.map((c) => c.id)).toEqual([
        'yield@B1+BOND-STD+default',
      ]);
      expect(okValue(await store.listSpcCharts({ toolId: 'B1' })).items).toHaveLength(2);
      expect(issuesOf(await store.getSpcChart('nope'))[0]?.code).toBe('not-found');
    });
  });

  it('spc charts and points: bad fields named, unknown chart refused, nothing written', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      const bad = issuesOf(await store.saveSpcChart(chartRow({ baselinePoints: 1 })));
      expect(bad[0]).toMatchObject({ code: 'invalid-record', path: 'chart.baselinePoints' });
      const badPoint = issuesOf(
        await store.appendSpcPoints([{ chartId: CHART_ID, index: 0, value: Number.NaN, atMs: T0 }]),
      );
      expect(badPoint[0]).toMatchObject({ code: 'invalid-record', path: 'points[0].value' });
      const orphan = issuesOf(
        await store.appendSpcPoints([{ chartId: 'none', index: 0, value: 1, atMs: T0 }]),
      );
      expect(orphan[0]?.code).toBe('unknown-reference');
      expect(okValue(await store.listSpcCharts()).items).toEqual([]);
    });
  });

  it('spc violations: stored once, closed by filling in (once), listed open or closed', async () => {
    await withStore(factory, async (store) => {
      okValue(await store.writeBatch(line(['B1'])));
      expect(
        okValue(await store.writeBatch([violation(30), violation(31, { rule: 'we2', indexes: [29, 31] })])),
      ).toEqual({
        new: 2,
        duplicate: 0,
      });
      expect(okValue(await store.writeBatch([violation(30)]))).toEqual({ new: 0, duplicate: 1 });
      const open = okValue(await store.listSpcViolations({ state: 'open' })).items;
      expect(open.map(({ seq: _s, ...v }) => v)).toEqual([
        violation(30),
        violation(31, { rule: 'we2', indexes: [29, 31] }),
      ]);
      const first = open[0];
      expect(first).toBeDefined();
      const closed = violation(30, { closedMs: T0 + 100, closeReason: 'stage recalibrated' });
      expect(okValue(await store.writeBatch([closed])).new).toBe(1);
      // A second close changes nothing: the first one stands.
      expect(
        okValue(await store.writeBatch([violation(30, { closedMs: T0 + 200, closeReason: 'again' })])).new,
      ).toBe(0);
      const got = okValue(await store.getSpcViolation(first?.seq ?? 0));
      expect(got).toEqual({ ...closed, seq: first?.seq });
      expect(
        okValue(await store.listSpcViolations({ state: 'closed' })).items.map((v) => v.pointIndex),
      ).toEqual([30]);
      expect(
        okValue(await store.listSpcViolations({ state: 'open', toolId: 'B1' })).items.map(
          (v) => v.pointIndex,
        ),
      ).toEqual([31]);
      expect(okValue(await store.listSpcViolations({ chartId: 'other' })).items).toEqual([]);
      expect(issuesOf(await store.getSpcViolation(999_999))[0]?.code).toBe('not-found');
      const bad = issuesOf(await store.writeBatch([violation(1, { rule: 'WE 1' })]));
      expect(bad[0]).toMatchObject({ code: 'invalid-record', path: 'records[0].rule' });
    });
  });
}
