import type { AnalyticResult, BondParams, McResult } from '@bondline/physics';
import { CAUSE_GOOD, dieCause } from '@bondline/physics';

/** Per-die loss counts over a Monte Carlo lot, by cause. */
export interface LotLossCounts {
  wafers: number;
  overlay: Uint32Array;
  void: Uint32Array;
  cu: Uint32Array;
}

/** Count, per die, on how many wafers of the lot it was lost to each cause. */
export function lotLossCounts(mc: McResult): LotLossCounts {
  const n = mc.dies.length;
  const out = {
    wafers: mc.wafers.length,
    overlay: new Uint32Array(n),
    void: new Uint32Array(n),
    cu: new Uint32Array(n),
  };
  for (const w of mc.wafers) {
    w.causes.forEach((code, i) => {
      if (code !== CAUSE_GOOD) out[dieCause(code) as 'overlay' | 'void' | 'cu'][i]! += 1;
    });
  }
  return out;
}

/** The `--json` object of `bondline yield` (stable field names, documented in the README). */
export function yieldJson(
  file: string,
  format: string,
  params: BondParams,
  a: AnalyticResult,
  mc: McResult | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    config: file,
    format,
    params,
    dies: a.dies.length,
    dmaxUm: a.dmaxUm,
    dCAUm: a.dCAUm,
    dCDUm: a.dCDUm,
    yield: { ...a.yield },
    lambdaMean: a.lambdaMean,
  };
  if (mc !== undefined) {
    out.mc = {
      wafers: mc.wafers.length,
      seed: mc.seed,
      mean: mc.mean,
      stderr: mc.stderr,
      spread: mc.spread,
      lambdaMean: mc.lambdaMean,
      byCause: { ...mc.byCause },
    };
  }
  return out;
}

const f5 = (v: number) => v.toFixed(5);

/** The human summary table. */
export function yieldTable(
  file: string,
  format: string,
  a: AnalyticResult,
  mc: McResult | undefined,
): string {
  const rows: [string, string][] = [
    ['config', `${file} (${format === 'yap' ? 'YAP/YAP+ format' : 'Bondline format'})`],
    ['dies', String(a.dies.length)],
    [
      'dmax',
      `${a.dmaxUm.toFixed(4)} µm (contact area ${a.dCAUm.toFixed(4)}, bridging ${a.dCDUm.toFixed(4)})`,
    ],
    ['yield overlay', f5(a.yield.overlay)],
    ['yield void', `${f5(a.yield.void)}  (mean ${a.lambdaMean.toPrecision(4)} killing particles per die)`],
    ['yield Cu', f5(a.yield.cu)],
    ['yield total', f5(a.yield.total)],
  ];
  if (mc !== undefined) {
    const z = mc.stderr > 0 ? (mc.mean - a.yield.total) / mc.stderr : 0;
    rows.push([
      'Monte Carlo',
      `${f5(mc.mean)} ± ${f5(mc.stderr)} (standard error; ${mc.wafers.length} wafers, seed ${mc.seed}, wafer spread ${f5(mc.spread)})`,
    ]);
    rows.push([
      'MC by cause',
      `overlay ${f5(mc.byCause.overlay)}, void ${f5(mc.byCause.void)}, Cu ${f5(mc.byCause.cu)}; MC - analytic = ${z >= 0 ? '+' : ''}${z.toFixed(1)} standard errors`,
    ]);
  }
  return `${rows.map(([k, v]) => `  ${k.padEnd(14)}${v}`).join('\n')}\n`;
}

/** One CSV row per die: position, analytic yields and (with --mc) lot losses by cause. */
export function yieldCsv(a: AnalyticResult, lot: LotLossCounts | undefined): string {
  const head = ['die', 'col', 'row', 'cx_um', 'cy_um', 'y_overlay', 'y_void', 'y_cu', 'y_total', 'lambda'];
  if (lot !== undefined) head.push('mc_wafers', 'mc_lost_overlay', 'mc_lost_void', 'mc_lost_cu', 'mc_yield');
  const lines = [head.join(',')];
  a.dies.forEach((d, i) => {
    const row: (string | number)[] = [
      d.id,
      d.col,
      d.row,
      d.cx,
      d.cy,
      a.perDie.overlay[i]!,
      a.perDie.void[i]!,
      a.perDie.cu[i]!,
      a.perDie.total[i]!,
      a.perDie.lambda[i]!,
    ];
    if (lot !== undefined) {
      const lost = lot.overlay[i]! + lot.void[i]! + lot.cu[i]!;
      row.push(lot.wafers, lot.overlay[i]!, lot.void[i]!, lot.cu[i]!, 1 - lost / lot.wafers);
    }
    lines.push(row.join(','));
  });
  return `${lines.join('\n')}\n`;
}
