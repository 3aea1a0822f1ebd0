import { synthesiseSites } from '@bondline/align';
import {
  type BondParams,
  CAUSE_CU,
  CAUSE_GOOD,
  copperLogYield,
  defaultParams,
  padLayout,
} from '@bondline/physics';
import { describe, expect, it } from 'vitest';
import type { NumericMap } from '../../store/map-codec.js';
import { analysePair } from './analyse-pair.js';
import { NO_DIE, pairSeed } from './die-yield.js';
import { pairAnalysisSchema } from './pair-analysis-schema.js';

const f64 = (rows: readonly (readonly number[])[]): NumericMap => ({
  dims: [rows.length, 4],
  data: Float64Array.from(rows.flat()),
});
const NO_VOIDS = f64([]);

// A small wafer whose die grid is known by hand (docs/physics.md §1.1): R = 16 mm, dies 10 x 10 mm,
// no street; tiles a side = floor(2R / (W + s)) + 1 = floor(3.2) + 1 = 4, centres at -15, -5, 5, 15 mm;
// a die is kept when its farthest corner lies inside R: (±5, ±5) mm has its corner at (10, 10) mm,
// 14.1 mm < 16 mm, kept; (15, 5) has (20, 10), 22.4 mm, not. So 4 dies, at (row, col) (1..2, 1..2).
const small: BondParams = {
  ...defaultParams,
  wafer: { R: 16_000, e: 0 },
  die: { W: 10_000, L: 10_000, s: 0 },
};
const DIE_POSITIONS = [5, 6, 9, 10]; // row * 4 + col

// Overlay sites for the small wafer: the 10-term model needs at least 6 a axis; zero overlay.
const zeroSites = f64(
  [
    [-12_000, -3000],
    [-7000, 8000],
    [-2000, -9000],
    [3000, 4000],
    [8000, -6000],
    [11_000, 9000],
    [500, 12_000],
    [-9500, -10_000],
  ].map(([X = 0, Y = 0], i) => [X, Y, 0.01 * (i % 3), -0.01 * (i % 2)]),
);

describe('void statistics of a pair', () => {
  it('count, total area, the largest, by cause, against a hand-made map', () => {
    const a = analysePair(
      {
        pairId: 'V1',
        voidMap: f64([
          [0, 0, 100, 1],
          [10, -20, 50, 2],
          [-30, 40, 200, 3],
          [5, 5, 80, 1],
        ]),
      },
      { bond: defaultParams },
    );
    // π/4 (100² + 50² + 200² + 80²) = π/4 x 58 900 = 46 260.0 µm² (hand computation).
    expect(a.voids?.count).toBe(4);
    expect(a.voids?.totalAreaUm2).toBeCloseTo((Math.PI / 4) * 58_900, 6);
    expect(a.voids?.totalAreaUm2).toBeCloseTo(46_260.0, 0);
    // Over the 300 mm wafer: 46 260 µm² / (π 150 000² µm²) = 6.545e-7.
    expect(a.voids?.areaFraction).toBeCloseTo(6.545e-7, 9);
    expect(a.voids?.largest).toEqual({ void: 2, xMm: -30, yMm: 40, diameterUm: 200, cause: 'fault' });
    expect(a.voids?.byCause).toEqual({ particle: 2, edge: 1, fault: 1 });
    // The overlay map is missing: said, and the rest of the pair is still answered.
    expect(a.overlay).toBeNull();
    expect(a.issues.map((i) => [i.code, i.path])).toEqual([
      ['missing-map', 'overlayMap'],
      ['no-die-yield', 'dieYield'],
    ]);
  });

  it('a row that is not a void is left out and named; the rest is counted', () => {
    const a = analysePair(
      {
        pairId: 'V2',
        voidMap: f64([
          [0, 0, 100, 1],
          [Number.NaN, 0, 50, 2],
          [1, 1, -3, 1],
          [2, 2, 40, 9],
        ]),
      },
      { bond: defaultParams },
    );
    expect(a.voids?.count).toBe(1);
    expect(a.issues.filter((i) => i.code === 'bad-void').map((i) => i.path)).toEqual([
      'voidMap[1]',
      'voidMap[2]',
      'voidMap[3]',
    ]);
  });

  it('an empty map is no voids; a map of the wrong shape is refused whole', () => {
    expect(analysePair({ pairId: 'V3', voidMap: NO_VOIDS }, { bond: defaultParams }).voids).toMatchObject({
      count: 0,
      totalAreaUm2: 0,
      largest: null,
    });
    const bad = analysePair(
      { pairId: 'V4', voidMap: { dims: [2, 3], data: new Float64Array(6) } },
      { bond: defaultParams },
    );
    expect(bad.voids).toBeNull();
    expect(bad.issues[1]).toMatchObject({ code: 'malformed-map', path: 'voidMap' });
    expect(bad.issues[1]?.message).toContain('dims [2, 3]');
  });
});

describe('die yield by cause of a pair (@bondline/physics realisedDieMap)', () => {
  // Copper pass probability of a die (docs/physics.md §4), the same for every die: physics' own figure.
  const cuPass = Math.exp(copperLogYield(small, padLayout(small)));

  it('the hand-made small wafer: the grid, a void kills its die, zero overlay loses nothing', () => {
    // An edge void (one disc) of 100 µm at (-5, -5) mm: the centre of the die at row 1, col 1, and
    // 4.95 mm from any other die: it reaches only that die.
    const a = analysePair(
      { pairId: 'S1', overlayMap: zeroSites, voidMap: f64([[-5, -5, 100, 2]]) },
      { bond: small, seed: 1 },
    );
    const d = a.dieYield;
    expect(d).not.toBeNull();
    expect([d?.rows, d?.cols, d?.dies]).toEqual([4, 4, 4]);
    const dieAt = (d?.causes ?? []).flatMap((c, i) => (c === NO_DIE ? [] : [i]));
    expect(dieAt).toEqual(DIE_POSITIONS);
    expect(d?.causes[5]).toBe(2); // the void's die
    // The other three: good or copper, never overlay (the fitted overlay is ~0.01 nm).
    for (const i of [6, 9, 10]) expect([CAUSE_GOOD, CAUSE_CU]).toContain(d?.causes[i]);
    // Expected, by hand from the model's order (overlay, void, cu) with overlay pass 1:
    // yield = 3 cuPass / 4, lost void = 1/4, lost cu = 3 (1 - cuPass) / 4, lost overlay = 0.
    expect(d?.expected.yield).toBeCloseTo((3 * cuPass) / 4, 12);
    expect(d?.expected.lost.void).toBeCloseTo(0.25, 12);
    expect(d?.expected.lost.cu).toBeCloseTo((3 * (1 - cuPass)) / 4, 12);
    expect(d?.expected.lost.overlay).toBeLessThan(1e-12);
    // The drawn map's counts add up: good + lost = dies; yield = good / dies.
    const lost = d?.lostDies ?? { overlay: -1, void: -1, cu: -1 };
    expect((d?.good ?? 0) + lost.overlay + lost.void + lost.cu).toBe(4);
    expect(d?.yield).toBe((d?.good ?? 0) / 4);
    expect(lost.void).toBe(1);
    expect(d?.inputs).toMatchObject({ overlayFit: 'robust', voids: 1, seed: 1 });
  });

  it('a translation far past the pads loses every die to overlay (expected and drawn)', () => {
    // Tx = 100 µm: ten pad pitches (p = 10 µm), every pad misses its partner, pass probability 0.
    const shifted = f64(Array.from({ length: 8 }, (_, i) => [...row(zeroSites, i).slice(0, 2), 100_000, 0]));
    const a = analysePair(
      { pairId: 'S2', overlayMap: shifted, voidMap: f64([[-5, -5, 100, 2]]) },
      { bond: small },
    );
    expect(a.dieYield?.inputs.Tx).toBeCloseTo(100_000, 6);
    expect(a.dieYield?.expected).toEqual({ yield: 0, lost: { overlay: 1, void: 0, cu: 0 } });
    expect(a.dieYield?.lostDies).toEqual({ overlay: 4, void: 0, cu: 0 });
    expect(a.dieYield?.yield).toBe(0);
    expect(a.dieYield?.inputs.seed).toBe(pairSeed('S2'));
  });

  it('the tool’s map is compared die by die, and one on another grid is said, not compared', () => {
    const tool = new Uint8Array(16).fill(NO_DIE);
    tool[5] = 1;
    tool[6] = 0;
    tool[9] = 0;
    tool[10] = 3;
    const a = analysePair(
      {
        pairId: 'S3',
        overlayMap: zeroSites,
        voidMap: f64([[-5, -5, 100, 2]]),
        dieYieldMap: { dims: [4, 4], data: tool },
      },
      { bond: small, seed: 1 },
    );
    const ours = a.dieYield?.causes ?? [];
    const t = a.dieYield?.tool;
    expect(t?.yield).toBe(0.5);
    expect(t?.lostDies).toEqual({ overlay: 1, void: 0, cu: 1 });
    expect(t?.confusion[2]?.[1]).toBe(1); // our void die is the tool's overlay die
    const same = [5, 6, 9, 10].filter((i) => ours[i] === tool[i]).length;
    expect(t?.sameCause).toBe(same);
    const other = analysePair(
      {
        pairId: 'S3',
        overlayMap: zeroSites,
        voidMap: NO_VOIDS,
        dieYieldMap: { dims: [5, 5], data: new Uint8Array(25) },
      },
      { bond: small },
    );
    expect(other.dieYield?.tool).toBeNull();
    expect(other.issues).toEqual([
      expect.objectContaining({ code: 'tool-map-mismatch', path: 'dieYieldMap' }),
    ]);
  });
});

describe('a pair that cannot be fully analysed', () => {
  it('too few sites for 10 terms: said with align’s code; void statistics are still given', () => {
    const five = f64(Array.from({ length: 5 }, (_, i) => row(zeroSites, i)));
    const a = analysePair({ pairId: 'F1', overlayMap: five, voidMap: f64([[0, 0, 30, 1]]) }, { bond: small });
    expect(a.overlay).toBeNull();
    expect(a.dieYield).toBeNull();
    expect(a.voids?.count).toBe(1);
    expect(a.issues[0]).toMatchObject({ code: 'too-few-sites', path: 'overlayMap' });
    expect(a.issues[0]?.message).toContain('5 sites are too few for 10 terms');
  });

  it('a robust pass that would leave too few sites is null with its issue; the plain fit is used', () => {
    // k = 0.01 robust sigmas: every site but those at the median residual is an "outlier", and what
    // would remain is far below the 6 sites the 10 terms need, so the robust fit is refused.
    const a = analysePair(
      { pairId: 'F5', overlayMap: zeroSites, voidMap: NO_VOIDS },
      { bond: small, robustK: 0.01 },
    );
    expect(a.overlay?.fit.residual.x.n).toBe(8);
    expect(a.overlay?.robust).toBeNull();
    expect(a.issues).toEqual([expect.objectContaining({ code: 'too-few-sites', path: 'overlay.robust' })]);
    expect(a.issues[0]?.message).toContain('robust pass would reject');
    expect(a.dieYield?.inputs.overlayFit).toBe('plain');
  });

  it('bad site rows are left out and named; a malformed overlay map is refused; nothing throws', () => {
    const rows = Array.from({ length: 8 }, (_, i) => row(zeroSites, i));
    rows.push([Number.NaN, 0, 0, 0], [0, 0, Number.POSITIVE_INFINITY, 0], [1e9, 0, 0, 0]);
    const a = analysePair({ pairId: 'F2', overlayMap: f64(rows), voidMap: NO_VOIDS }, { bond: small });
    expect(a.overlay?.sites).toBe(8);
    expect(a.issues.map((i) => i.path)).toEqual(['overlayMap[8]', 'overlayMap[9]', 'overlayMap[10]']);
    const m = analysePair(
      { pairId: 'F3', overlayMap: { dims: [10], data: new Float64Array(10) }, voidMap: NO_VOIDS },
      { bond: small },
    );
    expect(m.issues[0]).toMatchObject({ code: 'malformed-map', path: 'overlayMap' });
  });

  it('parameters that give no die grid are an issue, not a throw', () => {
    const a = analysePair(
      { pairId: 'F4', overlayMap: zeroSites, voidMap: NO_VOIDS },
      { bond: { ...small, die: { W: 0, L: 10_000, s: 0 } } },
    );
    expect([a.overlay, a.voids, a.dieYield]).toEqual([null, null, null]);
    expect(a.issues).toEqual([expect.objectContaining({ code: 'invalid-params', path: 'bond' })]);
  });

  it('every answer is plain JSON that the zod schema accepts and that survives a JSON round trip', () => {
    const sites = synthesiseSites({
      wafer: 'J',
      terms: { Tx: 3 },
      noiseNm: 1,
      radiusUm: 16_000,
      fieldUm: [10_000, 10_000],
    });
    const a = analysePair(
      {
        pairId: 'J1',
        overlayMap: f64(sites.map((s) => [s.X, s.Y, s.dx, s.dy])),
        voidMap: f64([[-5, -5, 100, 2]]),
        dieYieldMap: { dims: [4, 4], data: new Uint8Array(16).fill(NO_DIE) },
      },
      { bond: small },
    );
    expect(pairAnalysisSchema.safeParse(a).success).toBe(true);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

function row(map: NumericMap, i: number): number[] {
  return Array.from(map.data.subarray(4 * i, 4 * i + 4));
}
