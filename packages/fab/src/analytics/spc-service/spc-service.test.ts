// The SPC service end to end on the embedded pipeline (SQLite, group-commit sink, in-process feed):
// a baseline sets frozen limits, a shifted point makes a stored violation that appears on the live
// feed and holds the context's R2R; closing it through the API releases R2R; a new phase on request
// keeps the first; bond force is charted from the bond step's event.
//
// Expected values by hand. The baseline Tx values 1, -1, 2, -2, 0.5, -0.5, 1.5, -1.5, 0, 0 (nm) have
// mean 0 and moving ranges 2, 3, 4, 2.5, 1, 2, 3, 1.5, 0 (sum 19): MR̄ = 19/9, σ = MR̄/d2(2) with
// d2(2) = 2/√π = 1.128 (the mean range of two standard normals; Montgomery, Introduction to SQC, 7th
// ed., Appendix VI), UCL = 3σ = 5.61 nm, the MR chart's UCL D4·MR̄ = 3.267 · 2.111 = 6.90 nm. The
// point 20 nm is beyond 3σ (we1) and its moving range 20 is beyond D4·MR̄ (dispersion-limit).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFabApi } from '../../api/fab-api.js';
import { createEmbeddedPipeline, type EmbeddedPipeline } from '../../bus/embedded-pipeline.js';
import { okValue } from '../../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../../store/fab-store.js';
import type { SpcViolationRecord } from '../../store/records.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { line, lot } from '../../store/store-fixtures.test-util.js';
import { fakeToolPort } from '../r2r/r2r-fakes.test-util.js';
import { R2rService } from '../r2r/r2r-service.js';
import { r2rSettingsSchema } from '../r2r/r2r-settings.js';
import { analysedPair, bondStepEnded, spcPair } from './spc-fixtures.test-util.js';
import { SpcR2rLink } from './spc-r2r-link.js';
import { SpcService } from './spc-service.js';
import { spcSettingsSchema } from './spc-settings.js';

const CONTEXT = 'B1+BOND-STD+default';
const TX = `tx@${CONTEXT}`;
const BASELINE = [1, -1, 2, -2, 0.5, -0.5, 1.5, -1.5, 0, 0];
const SIGMA = 19 / 9 / (2 / Math.sqrt(Math.PI));

let dir: string;
let store: FabStore;
let pipeline: EmbeddedPipeline;
let spc: SpcService;
let r2r: R2rService;
let link: SpcR2rLink;
let seen: SpcViolationRecord[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-spc-svc-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  pipeline = createEmbeddedPipeline(store);
  const pairs = Array.from({ length: 20 }, (_, n) => spcPair(n));
  okValue(await pipeline.sink.write([...line(['B1']), lot('L1', 'B1'), ...pairs]));
  seen = [];
  pipeline.feed.subscribe((records) => {
    for (const r of records) if (r.type === 'spc-violation') seen.push(r);
  });
  const settings = spcSettingsSchema.parse({
    baselinePoints: 10,
    defaults: false,
    parameters: [{ name: 'tx' }, { name: 'bondForce' }],
  });
  spc = new SpcService({ settings, store, sink: pipeline.sink, nowMs: () => 1_767_600_000_000 });
  spc.attach(pipeline.feed);
  r2r = new R2rService({
    settings: r2rSettingsSchema.parse({ enabled: true }),
    store,
    tools: fakeToolPort(),
    toolIds: ['B1'],
  });
  link = new SpcR2rLink({ store, r2r, feed: pipeline.feed });
  await link.start();
});

afterEach(async () => {
  link.stop();
  await pipeline.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function feed(values: readonly number[], from: number): Promise<void> {
  for (let i = 0; i < values.length; i++) spc.analysed(analysedPair(from + i, values[i] ?? 0));
  await spc.idle();
  await link.idle();
  await r2r.idle();
}

/** Wait for `cond`, polling, at most 5 s. */
async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function held(): string | undefined {
  return r2r.contexts().find((c) => c.key === CONTEXT)?.held?.reason;
}

describe('SPC service on the embedded pipeline', () => {
  it('freezes limits on the baseline; a shifted point is stored, on the live feed, and holds R2R until closed', async () => {
    await feed(BASELINE, 0);
    const chart = okValue(await store.getSpcChart(TX));
    expect(chart.chart.phases).toHaveLength(1);
    const limits = chart.chart.phases[0]?.limits;
    expect(limits?.mean).toBeCloseTo(0, 12);
    expect(limits?.sigma).toBeCloseTo(SIGMA, 9);
    expect(limits?.location.ucl).toBeCloseTo(3 * SIGMA, 9);
    expect(seen).toEqual([]);

    // In control, then the shift: limits stay as frozen.
    await feed([0.5, 20], 10);
    const after = okValue(await store.getSpcChart(TX));
    expect(after.chart.phases).toEqual(chart.chart.phases);
    const stored = okValue(await store.listSpcViolations({ chartId: TX })).items;
    expect(stored.map((v) => [v.rule, v.part, v.pointIndex, v.pairId])).toEqual([
      ['we1', 'location', 11, 'L1-P11'],
      ['dispersion-limit', 'dispersion', 11, 'L1-P11'],
    ]);
    await until(() => seen.length === 2, 'the violations on the feed');
    expect(seen.map((v) => v.rule)).toEqual(['we1', 'dispersion-limit']);
    await until(() => held() !== undefined, 'the R2R hold');
    expect(held()).toContain('SPC violation we1 on tx');

    // Closing one leaves the other holding; closing both releases the context.
    const app = await buildFabApi({
      store,
      feed: pipeline.feed,
      recordSink: pipeline.sink,
      r2r,
      checkResponses: true,
    });
    try {
      for (const [i, v] of stored.entries()) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/spc/violations/${v.seq}/close`,
          payload: { reason: 'stage recalibrated' },
        });
        expect(res.statusCode).toBe(200);
        await link.idle();
        await r2r.idle();
        if (i === 0) expect(held()).toBeDefined();
      }
      await until(() => held() === undefined, 'the R2R release');
      const again = await app.inject({
        method: 'POST',
        url: `/api/spc/violations/${stored[0]?.seq}/close`,
        payload: { reason: 'twice' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'already-closed', path: 'id' });
      expect(okValue(await store.listSpcViolations({ state: 'open' })).items).toEqual([]);
      const audit = okValue(await store.listR2rActions({ context: CONTEXT })).items.map((a) => a.action);
      expect(audit).toEqual(['hold', 'release']);
    } finally {
      await app.close();
    }
  });

  it('a new phase on request recomputes the limits and keeps the first phase (history)', async () => {
    await feed([...BASELINE, 10, 11, 9, 10.5, 9.5], 0);
    const app = await buildFabApi({ store, recordSink: pipeline.sink, checkResponses: true });
    try {
      const res = await app.inject({
        method: 'POST',
        url: `/api/spc/charts/${encodeURIComponent(TX)}/phases`,
        payload: { reason: 'new stage', lastPoints: 5 },
      });
      expect(res.statusCode).toBe(200);
      const phases = okValue(await store.getSpcChart(TX)).chart.phases;
      expect(phases.map((p) => [p.number, p.appliesFrom, p.baseline.first, p.baseline.last])).toEqual([
        [1, 0, 0, 9],
        [2, 15, 10, 14],
      ]);
      // Mean of 10, 11, 9, 10.5, 9.5.
      expect(phases[1]?.limits.mean).toBeCloseTo(10, 12);
      const first = okValue(await store.getSpcChart(TX)).chart.phases[0];
      expect(first?.limits.sigma).toBeCloseTo(SIGMA, 9);
      const detail = await app.inject({ url: `/api/spc/charts/${encodeURIComponent(TX)}?points=3` });
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({
        total: 15,
        points: [{ index: 12 }, { index: 13 }, { index: 14 }],
      });
      const bad = await app.inject({
        method: 'POST',
        url: `/api/spc/charts/${encodeURIComponent(TX)}/phases`,
        payload: { reason: 'x', baseline: { first: 3, last: 99 } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'out-of-range', path: 'baseline.last' });
    } finally {
      await app.close();
    }
  });

  it('charts bond force from the bond step event of the pair’s wafers', async () => {
    okValue(await pipeline.sink.write([bondStepEnded(0, 5.02), bondStepEnded(1, 4.98)]));
    await feed([0, 0], 0);
    const points = okValue(await store.listSpcPoints({ chartId: `bondForce@${CONTEXT}` })).items;
    expect(points.map((p) => [p.index, p.pairId, p.value])).toEqual([
      [0, 'L1-P0', 5.02],
      [1, 'L1-P1', 4.98],
    ]);
    expect(spc.counters()).toMatchObject({ charts: 2, points: 4, failed: 0 });
  });
});
