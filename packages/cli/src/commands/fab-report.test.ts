// End to end: `bondline fab report` as a child process over a store holding a real lot (a demo bonder
// through the collector and the analyser, fab-report.test-util.ts): the files it writes hold the
// store's figures; the same lot copied into PostgreSQL gives the same report; bad input exits 2 (1 for
// a store that cannot be reached, as every fab command), leaving nothing behind.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FabStore, openPostgresStore, type StoredPairAnalysis } from '@bondline/fab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, hasStackTrace, runBondline } from './e2e.test-util.js';
import { copyLot, demoLot, openSqlite } from './fab-report.test-util.js';
import { throwawayDatabase } from './pg-test-db.test-util.js';

const PAIRS = 6;
let dir = '';
let store = '';
let lotId = '';
let report = '';
let lot: LotJson;

interface PairJson {
  id: string;
  slot: number;
  toolYield: number | null;
  analysis: {
    yield: number | null;
    dies: number | null;
    lostDies: unknown;
    faultPoints: string[];
    overlay: Record<string, number | string | null>;
    voids: { count: number | null; areaUm2: number | null };
  } | null;
}
interface RunJson {
  parameter: string;
  points: { pairId: string; value: number }[];
  limits: {
    individuals: { center: number; lcl: number; ucl: number };
    movingRange: { center: number };
  } | null;
  violations: { rule: string; pairId: string }[];
  file: string;
}
interface LotJson {
  lot: { id: string; toolId: string };
  pairs: number;
  yield: unknown;
  pareto: unknown;
  runCharts: RunJson[];
  alarms: { items: unknown[] };
  pairList: PairJson[];
  files: string[];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-fab-report-'));
  const made = await demoLot(dir, PAIRS);
  store = `sqlite:${made.file}`;
  lotId = made.lotId;
  report = join(dir, 'report');
  const r = await runBondline('fab', ['report', '--store', store, '--lot', lotId, '--out', report]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(
    new RegExp(`^lot ${lotId}: \\d+ files in ${report} \\(${PAIRS} pairs, ${PAIRS} analysed`),
  );
  lot = JSON.parse(await readFile(join(report, 'lot.json'), 'utf8')) as LotJson;
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withStore<T>(f: (s: FabStore) => Promise<T>): Promise<T> {
  const s = await openSqlite(store.slice('sqlite:'.length));
  try {
    return await f(s);
  } finally {
    await s.close();
  }
}

function must<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

/** Every number of a JSON value to 12 significant digits. */
function to12Digits(v: unknown): unknown {
  if (typeof v === 'number') return Number(v.toPrecision(12));
  if (Array.isArray(v)) return v.map(to12Digits);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, to12Digits(x)]));
  return v;
}

/** Width and height from a PNG's IHDR, after checking its 8-byte signature (PNG spec §5.2). */
function pngSize(bytes: Buffer): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('bondline fab report', () => {
  it("writes lot.json with the store's lot, yield, Pareto and every pair's analysed figures", async () => {
    await withStore(async (s) => {
      const pairs = must(await s.listPairs({ lotId, limit: 1000 })).items;
      expect(lot.lot).toMatchObject({ id: lotId });
      expect(lot.pairs).toBe(PAIRS);
      expect(lot.pairList.map((p) => p.id)).toEqual(
        [...pairs].sort((a, b) => a.pair.slot - b.pair.slot).map((p) => p.pair.id),
      );
      expect(lot.yield).toEqual(must(await s.yieldSummary({ lotId })).total);
      expect(lot.pareto).toEqual(must(await s.yieldPareto({ lotId })));
      for (const p of lot.pairList) {
        const a: StoredPairAnalysis = must(await s.getPairAnalysis(p.id));
        const f = a.figures;
        expect(p.toolYield).toBe(must(await s.getPair(p.id)).result?.yield);
        expect(p.analysis).toMatchObject({
          yield: f.yield,
          dies: f.dies,
          lostDies: f.lostDies,
          faultPoints: a.faultPoints,
          overlay: {
            txNm: f.txNm,
            tyNm: f.tyNm,
            rotationUrad: f.rotUrad,
            magnificationPpm: f.magPpm,
            residualXM3sNm: f.residualXM3sNm,
            residualYM3sNm: f.residualYM3sNm,
          },
          voids: { count: f.voidCount, areaUm2: f.voidAreaUm2 },
        });
      }
      const alarms = must(await s.listAlarms({ toolId: lot.lot.toolId, limit: 1000 })).items;
      // The immature profile raises alarms; those of the lot's window are listed (never more than the tool's).
      expect(lot.alarms.items.length).toBeLessThanOrEqual(alarms.length);
    });
  });

  it('writes pairs.csv: a header with units and one row per pair with the same figures', async () => {
    const lines = (await readFile(join(report, 'pairs.csv'), 'utf8')).trimEnd().split('\n');
    const header = lines[0]?.split(',') ?? [];
    for (const col of [
      'yield',
      'tx_nm',
      'ty_nm',
      'rotation_urad',
      'magnification_ppm',
      'residual_x_m3s_nm',
      'void_area_um2',
    ])
      expect(header).toContain(col);
    expect(lines).toHaveLength(PAIRS + 1);
    lines.slice(1).forEach((line, i) => {
      const row = Object.fromEntries(line.split(',').map((v, c) => [header[c], v]));
      const p = lot.pairList[i];
      expect(row.pair).toBe(p?.id);
      // String(number) gives the shortest text that reads back as the same double (ECMA-262 Number::toString).
      expect(Number(row.yield)).toBe(p?.analysis?.yield);
      expect(Number(row.tx_nm)).toBe(p?.analysis?.overlay.txNm);
      expect(Number(row.magnification_ppm)).toBe(p?.analysis?.overlay.magnificationPpm);
      expect(Number(row.void_count)).toBe(p?.analysis?.voids.count);
    });
  });

  it('writes every file lot.json names, the PNGs at the sizes of their renderers', async () => {
    const names = (await readdir(report)).sort();
    expect(names).toEqual([...lot.files].sort());
    // Per pair: dies, voids and overlay maps; the lot's die map; five run charts; lot.json and pairs.csv.
    expect(names).toHaveLength(3 * PAIRS + 1 + 5 + 2);
    const sizes = new Map<string, [number, number]>();
    for (const n of names.filter((f) => f.endsWith('.png')))
      sizes.set(n, pngSize(await readFile(join(report, n))));
    const first = lot.pairList[0]?.id ?? '';
    // render/die-cause-map.ts 640 x (40 + 600 + 40); void-map.ts 640 x (40 + 600 + 56);
    // overlay-plot.ts 760 x (760 + 40 + 70); wafer-map.ts (the lot map) 640 x (40 + 600 + 70).
    expect(sizes.get(`${first}-dies.png`)).toEqual([640, 680]);
    expect(sizes.get(`${first}-voids.png`)).toEqual([640, 696]);
    expect(sizes.get(`${first}-overlay.png`)).toEqual([760, 870]);
    expect(sizes.get('lot-dies.png')).toEqual([640, 710]);
    for (const r of lot.runCharts) expect(sizes.get(r.file)?.[0]).toBe(900);
  });

  it('charts yield and the overlay terms in slot order on I-MR limits computed from the lot', async () => {
    expect(lot.runCharts.map((r) => r.parameter)).toEqual(['yield', 'tx', 'ty', 'rotation', 'magnification']);
    const tx = lot.runCharts.find((r) => r.parameter === 'tx');
    const values = lot.pairList.map((p) => p.analysis?.overlay.txNm as number);
    expect(tx?.points.map((p) => p.value)).toEqual(values);
    // Individuals chart (docs/fab.md §8.1; Montgomery, Introduction to SQC, §6.4): centre the mean,
    // sigma = mean moving range / d2(2), limits ± 3 sigma; d2(2) = E|X1 - X2| / sigma = 2/√π exactly
    // for two normals (1.128 in Montgomery's Appendix VI).
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const mrBar =
      values.slice(1).reduce((a, v, i) => a + Math.abs(v - (values[i] as number)), 0) / (values.length - 1);
    expect(tx?.limits?.individuals.center).toBeCloseTo(mean, 9);
    expect(tx?.limits?.movingRange.center).toBeCloseTo(mrBar, 9);
    expect(tx?.limits?.individuals.ucl).toBeCloseTo(mean + (3 * mrBar) / (2 / Math.sqrt(Math.PI)), 6);
    for (const r of lot.runCharts)
      for (const v of r.violations) expect(lot.pairList.map((p) => p.id)).toContain(v.pairId);
  });

  it('writes report-<lot> in the working folder by default, and refuses it once it holds files', async () => {
    const cwd = join(dir, 'cwd');
    await mkdir(cwd);
    const args = ['report', '--store', store, '--lot', lotId];
    const first = await runBondline('fab', args, '', { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`files in report-${lotId} `);
    expect((await readdir(join(cwd, `report-${lotId}`))).length).toBe(lot.files.length);
    const again = await runBondline('fab', args, '', { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`--out report-${lotId}: the folder is not empty`);
    expect(hasStackTrace(again.stderr)).toBe(false);
  });
});

describe('bondline fab report refuses bad input', () => {
  /** Run the cases concurrently (each run is mostly Node starting up): each exits 2 with its message. */
  async function refused(cases: readonly [string[], string][]): Promise<CliRun[]> {
    const runs = await Promise.all(cases.map(([args]) => runBondline('fab', args)));
    for (const [k, [args, message]] of cases.entries()) {
      const r = runs[k] ?? { code: null, stdout: '', stderr: '' };
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stdout).toBe('');
    }
    return runs;
  }

  it('a missing --lot or store, an extra argument or a malformed store: exit 2', async () => {
    await refused([
      [['report', '--store', store], '--lot is required'],
      [['report', '--lot', lotId], 'which store?'],
      [['report', '--store', store, '--lot', lotId, 'extra'], "unexpected argument 'extra'"],
      [['report', '--store', 'fab.sqlite', '--lot', lotId], "--store: 'fab.sqlite' is not a store location"],
    ]);
  });

  it('an unknown lot, a store not migrated, an --out that cannot be a folder: exit 2, nothing written', async () => {
    const empty = join(dir, 'empty.sqlite');
    expect((await runBondline('fab', ['migrate', '--store', `sqlite:${empty}`])).code).toBe(0);
    const unmigrated = join(dir, 'unmigrated.sqlite');
    const aFile = join(dir, 'a-file');
    await writeFile(aFile, 'x');
    const out = join(dir, 'refused');
    const runs = await refused([
      [
        ['report', '--store', store, '--lot', 'NO-SUCH-LOT', '--out', out],
        `--lot NO-SUCH-LOT: no such lot in SQLite ${store.slice(7)}; its newest lots: DEMO-1-`,
      ],
      [['report', '--store', `sqlite:${empty}`, '--lot', 'L1', '--out', out], 'the store holds no lots yet'],
      [['report', '--store', `sqlite:${unmigrated}`, '--lot', lotId, '--out', out], 'bondline fab migrate'],
      [
        ['report', '--store', store, '--lot', lotId, '--out', join(aFile, 'sub')],
        `--out ${join(aFile, 'sub')}`,
      ],
      [
        ['report', '--store', store, '--lot', lotId, '--out', aFile],
        `--out ${aFile}: is a file, not a folder`,
      ],
      [
        ['report', '--store', store, '--lot', lotId, '--out', join(dir, 'no', 'such')],
        `--out ${join(dir, 'no', 'such')}`,
      ],
    ]);
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
    // The unknown lot's message also says where to list them all.
    expect(runs[0]?.stderr).toContain('(all of them: GET /api/lots of bondline fab serve on this store)');
  });

  it('a PostgreSQL it cannot reach is exit 1 (as every fab command), the password hidden', async () => {
    const r = await runBondline('fab', [
      'report',
      '--store',
      'postgres://u:secret@127.0.0.1:1/fab',
      '--lot',
      lotId,
      '--out',
      join(dir, 'pg'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PostgreSQL postgres://u:***@127.0.0.1:1/fab');
    expect(r.stderr).not.toContain('secret');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('bondline fab report on PostgreSQL', () => {
  let pgStore = '';
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await throwawayDatabase();
    drop = db.drop;
    pgStore = db.url;
    const pgOpened = must(await openPostgresStore({ connectionString: db.url, poolSize: 2 }));
    try {
      must(await pgOpened.migrate());
      await withStore((s) => copyLot(s, pgOpened, lotId));
    } finally {
      await pgOpened.close();
    }
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it('gives the same lot.json and pairs.csv as the SQLite store holding the same lot', async () => {
    const out = join(dir, 'report-pg');
    const r = await runBondline('fab', ['report', '--store', pgStore, '--lot', lotId, '--out', out]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    // The yield figures' means (expectedYield, toolYield) are SQL AVGs, which the two engines sum in
    // their own order: the last bit may differ. Everything else is the same number.
    const fromPg: unknown = JSON.parse(await readFile(join(out, 'lot.json'), 'utf8'));
    expect(to12Digits(fromPg)).toEqual(to12Digits(lot));
    expect(await readFile(join(out, 'pairs.csv'), 'utf8')).toBe(
      await readFile(join(report, 'pairs.csv'), 'utf8'),
    );
    expect((await readdir(out)).sort()).toEqual((await readdir(report)).sort());
  });

  it('a disk that fills up mid-write is exit 2 and leaves no folder behind', async () => {
    const out = join(dir, 'full');
    // 16 KiB per file at most: the maps and run charts (some 30 KiB each) are larger, so the write
    // fails (EFBIG). PostgreSQL, as SQLite's shared-memory file alone is 32 KiB.
    const r = await runBondline('fab', ['report', '--store', pgStore, '--lot', lotId, '--out', out], '', {
      fileSizeLimit: 16 * 1024,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out');
    expect(hasStackTrace(r.stderr)).toBe(false);
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
