// X-bar R and X-bar S charts in the running service, on the embedded pipeline (SQLite, group-commit
// sink, in-process feed): subgroups of 4 consecutive pairs of a context, limits frozen on the first 5
// subgroups, violations stored and on the live feed, the route showing each subgroup's statistics and
// capability on the within-subgroup sigma.
//
// The Tx values (nm) of pairs 0..29, in subgroups of 4 (pairs 28 and 29 fill the eighth):
//   baseline  G0  1 −1  2  0   mean  0.5   R 3   s √(5/3)    = 1.290994
//             G1 −2  1  0  0   mean −0.25  R 3   s √(4.75/3) = 1.258306
//             G2  0  2 −1  1   mean  0.5   R 3   s √(5/3)    = 1.290994
//             G3 −1 −1  1  0   mean −0.25  R 2   s √(2.75/3) = 0.957427
//             G4  1  0 −1 −3   mean −0.75  R 4   s √(8.75/3) = 1.707825
//   then      G5  3  4  3  4   mean  3.5   R 1   (a shift of the mean)
//             G6 −4  4  0  0   mean  0     R 8   s √(32/3) = 3.265986 (a burst of spread)
// x̄̄ = −1/20 = −0.05, R̄ = 15/5 = 3, s̄ = 6.505546/5 = 1.301109.
// Constants for n = 4 from Montgomery, Introduction to Statistical Quality Control, 7th ed., Appendix VI:
// A2 0.729, D3 0, D4 2.282, d2 2.059; A3 1.628, B3 0, B4 2.266, c4 0.9213. So
//   X-bar R: UCL −0.05 + 0.729·3 = 2.137, LCL −2.237; R chart 0 .. 2.282·3 = 6.846; σ = 3/2.059.
//   X-bar S: UCL −0.05 + 1.628·1.301109 = 2.068, LCL −2.168; S chart 0 .. 2.266·1.301109 = 2.948;
//   σ = 1.301109/0.9213.
// G5's mean 3.5 is beyond the X-bar UCL (we1); G6's R 8 > 6.846 and s 3.266 > 2.948 (dispersion-limit).
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
import { analysedPair, spcPair } from './spc-fixtures.test-util.js';
import { SpcService } from './spc-service.js';
import { spcSettingsSchema } from './spc-settings.js';

const TX = 'tx@B1+BOND-STD+default';
const GROUPS = [
  [1, -1, 2, 0],
  [-2, 1, 0, 0],
  [0, 2, -1, 1],
  [-1, -1, 1, 0],
  [1, 0, -1, -3],
  [3, 4, 3, 4],
  [-4, 4, 0, 0],
];
const TX_VALUES = [...GROUPS.flat(), 0.5, -0.5];
const S_BAR = 1.301109;
// Table precision: A2, A3, D4, B4 to 3 decimals, times R̄ = 3 or s̄ = 1.3: within 0.005.
const TABLE = 2;

let dir: string;
let store: FabStore;
let pipeline: EmbeddedPipeline;
let seen: SpcViolationRecord[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-spc-xbar-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
  pipeline = createEmbeddedPipeline(store);
  const pairs = TX_VALUES.map((_, n) => spcPair(n));
  okValue(await pipeline.sink.write([...line(['B1']), lot('L1', 'B1'), ...pairs]));
  seen = [];
  pipeline.feed.subscribe((records) => {
    for (const r of records) if (r.type === 'spc-violation') seen.push(r);
  });
});

afterEach(async () => {
  await pipeline.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A service charting tx with `kind` on subgroups of 4 pairs, 5 baseline subgroups, spec ±10 nm. */
function service(kind: 'xbar-r' | 'xbar-s'): SpcService {
  const settings = spcSettingsSchema.parse({
    baselinePoints: 5,
    defaults: false,
    parameters: [
      { name: 'tx', chart: { kind }, subgroup: { by: 'pairs', size: 4 }, spec: { lsl: -10, usl: 10 } },
    ],
  });
  return new SpcService({ settings, store, sink: pipeline.sink, nowMs: () => 1_767_600_000_000 });
}

async function feed(spc: SpcService, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) spc.analysed(analysedPair(n, TX_VALUES[n] ?? 0));
  await spc.idle();
}

/** Wait for `cond`, polling, at most 5 s. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('X-bar charts in the SPC service', () => {
  it('an X-bar R chart gets a point per 4 pairs, limits from the baseline subgroups, violations by subgroup', async () => {
    const spc = service('xbar-r');
    // 19 pairs: 4 full subgroups and 3 pairs of the fifth, so no baseline yet.
    await feed(spc, 0, 19);
    expect(okValue(await store.getSpcChart(TX)).chart.phases).toEqual([]);
    await feed(spc, 19, 20);
    const phase = okValue(await store.getSpcChart(TX)).chart.phases[0];
    expect(phase?.baseline).toEqual({ first: 0, last: 4 });
    expect(phase?.reason).toBe('baseline: the first 5 subgroups of 4 pairs');
    const L = phase?.limits;
    expect(L?.sigmaFrom).toBe('range');
    expect(L?.mean).toBeCloseTo(-0.05, 12);
    expect(L?.sigma).toBeCloseTo(3 / 2.059, 3);
    expect(L?.location.ucl).toBeCloseTo(-0.05 + 0.729 * 3, TABLE);
    expect(L?.location.lcl).toBeCloseTo(-0.05 - 0.729 * 3, TABLE);
    expect(L?.dispersion.center).toBeCloseTo(3, 12);
    expect(L?.dispersion.ucl).toBeCloseTo(2.282 * 3, TABLE);
    expect(L?.dispersion.lcl).toBe(0);

    await feed(spc, 20, TX_VALUES.length);
    const stored = okValue(await store.listSpcViolations({ chartId: TX })).items;
    expect(stored.map((v) => [v.rule, v.part, v.pointIndex, v.pairId, v.value])).toEqual([
      ['we1', 'location', 5, 'L1-P23', 3.5],
      ['dispersion-limit', 'dispersion', 6, 'L1-P27', 8],
    ]);
    expect(stored[0]?.description).toContain('subgroup 5: pairs L1-P20 to L1-P23');
    await until(() => seen.length === 2, 'the violations on the live feed');
    // Every pair's value is a row; the chart's points are the 7 full subgroups.
    expect(okValue(await store.listSpcPoints({ chartId: TX, limit: 100 })).items).toHaveLength(30);

    const app = await buildFabApi({ store, recordSink: pipeline.sink, checkResponses: true });
    try {
      const res = await app.inject({ url: `/api/spc/charts/${encodeURIComponent(TX)}?points=3` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(7);
      expect(body.points.map((p: { index: number }) => p.index)).toEqual([4, 5, 6]);
      expect(body.points[1]).toMatchObject({
        index: 5,
        phase: 1,
        pairId: 'L1-P23',
        value: 3.5,
        subgroup: {
          rows: { first: 20, last: 23 },
          pairIds: ['L1-P20', 'L1-P21', 'L1-P22', 'L1-P23'],
          values: [3, 4, 3, 4],
          mean: 3.5,
          range: 1,
        },
      });
      // s of 3, 4, 3, 4: √(4·0.25/3).
      expect(body.points[1].subgroup.sd).toBeCloseTo(Math.sqrt(1 / 3), 12);
      expect(body.pending).toEqual({ pairIds: ['L1-P28', 'L1-P29'], values: [0.5, -0.5] });
      // Capability on the 12 values of the 3 subgroups shown, with σ within = R̄/d2(4).
      expect(body.capability.n).toBe(12);
      expect(body.capability.sigmaWithin).toBeCloseTo(3 / 2.059, 3);
      expect(body.capability.cp.value).toBeCloseTo(20 / (6 * (3 / 2.059)), 2);

      // A new phase on the last 2 subgroups counts subgroups too.
      const next = await app.inject({
        method: 'POST',
        url: `/api/spc/charts/${encodeURIComponent(TX)}/phases`,
        payload: { reason: 'after the shift', lastPoints: 2 },
      });
      expect(next.statusCode).toBe(200);
      const phases = okValue(await store.getSpcChart(TX)).chart.phases;
      expect(phases.map((p) => [p.number, p.appliesFrom, p.baseline.first, p.baseline.last])).toEqual([
        [1, 0, 0, 4],
        [2, 7, 5, 6],
      ]);
      // Means 3.5 and 0, ranges 1 and 8.
      expect(phases[1]?.limits.mean).toBeCloseTo(1.75, 12);
      expect(phases[1]?.limits.dispersion.center).toBeCloseTo(4.5, 12);
    } finally {
      await app.close();
    }
  });

  it('an X-bar S chart takes its limits from s̄ (A3, B4, c4) and flags the subgroup whose s is too large', async () => {
    const spc = service('xbar-s');
    await feed(spc, 0, TX_VALUES.length);
    const L = okValue(await store.getSpcChart(TX)).chart.phases[0]?.limits;
    expect(L?.sigmaFrom).toBe('std-dev');
    expect(L?.dispersion.center).toBeCloseTo(S_BAR, 6);
    expect(L?.sigma).toBeCloseTo(S_BAR / 0.9213, 3);
    expect(L?.location.ucl).toBeCloseTo(-0.05 + 1.628 * S_BAR, TABLE);
    expect(L?.dispersion.ucl).toBeCloseTo(2.266 * S_BAR, TABLE);
    expect(L?.dispersion.lcl).toBe(0);
    const stored = okValue(await store.listSpcViolations({ chartId: TX })).items;
    expect(stored.map((v) => [v.rule, v.part, v.pointIndex, v.pairId])).toEqual([
      ['we1', 'location', 5, 'L1-P23'],
      ['dispersion-limit', 'dispersion', 6, 'L1-P27'],
    ]);
    // The S chart's violation reports the subgroup's standard deviation, √(32/3).
    expect(stored[1]?.value).toBeCloseTo(Math.sqrt(32 / 3), 12);
    expect(spc.counters()).toMatchObject({ charts: 1, points: 30, violations: 2, failed: 0 });
  });
});
