// What `bondline tool run` (and `bondline demo`) report of a lot: the JSON document of --json, the
// human summary and per-pair table, and the CSV of the pairs. Units: overlay translation nm, rotation
// µrad, magnification ppm (as @bondline/align's correctables); yields are fractions 0..1 in JSON and
// CSV, percent in the tables; times virtual seconds.
import type { E10Figures, FaultCatalogue, LotSummary, PairRecord } from '@bondline/tool';
import { percent } from './percent.js';

/** The overlay terms of a pair as the JSON names them: tx, ty nm; rotation µrad; magnification ppm. */
export interface OverlayJson {
  tx: number;
  ty: number;
  rotation: number;
  magnification: number;
}

/** One pair of `--json`. */
interface PairJson {
  id: string;
  topId: string;
  bottomId: string;
  stackId: string;
  /** Die yield of the stack, 0..1. */
  yield: number;
  overlay: OverlayJson;
  /** Voids the infrared scan found. */
  voids: number;
  /** Ids of the alarming fault points that acted on the pair. */
  alarms: string[];
}

/** The document `bondline tool run --json` prints. */
export interface LotJson {
  lot: {
    pairs: number;
    yield: number;
    pairsPerHour: number;
    boundPairsPerHour: number;
    bottleneck: string;
    modules: { name: string; busyFraction: number }[];
  };
  pairs: PairJson[];
}

/**
 * The alarming fault points among those that acted on the pair: silent ones (no alarm in the
 * catalogue) stay out, as they never leave a real tool (docs/tool.md §7.5).
 */
export function pairAlarms(pair: PairRecord, catalogue: FaultCatalogue): string[] {
  return pair.faults.filter((id) => catalogue.byId.get(id)?.alarm !== undefined);
}

export function overlayJson(pair: PairRecord): OverlayJson {
  const o = pair.overlay;
  return { tx: o.Tx, ty: o.Ty, rotation: o.Rot, magnification: o.Mag };
}

/** The `--json` document of a lot (overlay terms that could not be fitted are NaN, printed null). */
export function lotJson(
  summary: LotSummary,
  pairs: readonly PairRecord[],
  catalogue: FaultCatalogue,
): LotJson {
  return {
    lot: {
      pairs: summary.pairs,
      yield: summary.yield,
      pairsPerHour: summary.pairsPerHour,
      boundPairsPerHour: summary.boundPairsPerHour,
      bottleneck: summary.bottleneck,
      modules: summary.modules.map((m) => ({ name: m.id, busyFraction: m.busyFraction })),
    },
    pairs: pairs.map((p) => ({
      id: p.pairId,
      topId: p.topId,
      bottomId: p.bottomId,
      stackId: p.stackId,
      yield: p.yield,
      overlay: overlayJson(p),
      voids: p.metrology.voids.length,
      alarms: pairAlarms(p, catalogue),
    })),
  };
}

const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

/** What the summary says about the run besides the lot: where it ran and with what. */
export interface RunContext {
  profile: string;
  seed: number;
}

/**
 * The human summary of a lot: yield, throughput against the bound, bottleneck, busy fractions, fill
 * and drain, and the tool's E10 figures.
 */
export function lotSummaryText(summary: LotSummary, context: RunContext, e10: E10Figures): string {
  const ratio = summary.boundPairsPerHour > 0 ? summary.pairsPerHour / summary.boundPairsPerHour : Number.NaN;
  const busy = summary.modules.map((m) => `${m.id} ${percent(m.busyFraction)}`).join(', ');
  return [
    `lot ${summary.lotId}: ${summary.pairs} pairs, recipe ${summary.recipe}, profile ${context.profile}, seed ${context.seed} (${summary.outcome})`,
    `  yield          ${percent(summary.yield)} % (mean die yield of the pairs)`,
    `  throughput     ${fixed(summary.pairsPerHour, 1)} pairs/h in steady state; bound ${fixed(summary.boundPairsPerHour, 1)} pairs/h (${percent(ratio)} % of it)`,
    `  bottleneck     ${summary.bottleneck}`,
    `  busy (steady)  ${busy} (%)`,
    `  fill / drain   ${fixed(summary.fillS, 0)} s / ${fixed(summary.drainS, 0)} s; lot ${fixed(summary.endedS - summary.startedS, 0)} s of tool time`,
    `  E10 (tool)     ${e10Text(e10)}`,
    '',
  ].join('\n');
}

/** `availability 99.1 %, utilisation 80.2 %, 2 failures, MTBF 5400 s, MTTR 120 s` (figures that exist). */
function e10Text(e10: E10Figures): string {
  const m = e10.metrics;
  const opt = (v: number | undefined, show: (v: number) => string): string =>
    v === undefined ? 'n/a' : show(v);
  return [
    `availability ${opt(m.availability, (v) => `${percent(v)} %`)}`,
    `utilisation ${opt(m.utilisation, (v) => `${percent(v)} %`)}`,
    `${m.failures} failure${m.failures === 1 ? '' : 's'}`,
    `MTBF ${opt(m.mtbfS, (v) => `${v.toFixed(0)} s`)}`,
    `MTTR ${opt(m.mttrS, (v) => `${v.toFixed(0)} s`)}`,
  ].join(', ');
}

/** The per-pair table: ids, yield, overlay terms, voids, alarms. */
export function pairTable(pairs: readonly PairRecord[], catalogue: FaultCatalogue): string {
  const header = ['pair', 'stack', 'yield %', 'Tx nm', 'Ty nm', 'Rot µrad', 'Mag ppm', 'voids', 'alarms'];
  const rows = pairs.map((p) => [
    p.pairId,
    p.stackId,
    percent(p.yield),
    fixed(p.overlay.Tx, 1),
    fixed(p.overlay.Ty, 1),
    fixed(p.overlay.Rot, 3),
    fixed(p.overlay.Mag, 3),
    String(p.metrology.voids.length),
    pairAlarms(p, catalogue).join(' ') || '-',
  ]);
  return textTable(header, rows);
}

/** Columns padded to their widest cell; text left, numbers right. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map(
    (_, c) => rows.length > 0 && rows.every((r) => /^-?[\d.]+$|^n\/a$/.test(r[c] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((s, c) => (numeric[c] === true ? s.padStart(widths[c] ?? 0) : s.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/**
 * One row per pair: `pair,top,bottom,stack,slot,yield,tx_nm,ty_nm,rot_urad,mag_ppm,overlay_x_m3s_nm,
 * overlay_y_m3s_nm,sites,voids,alarms,done_s` (alarms separated by ';').
 */
export function pairsCsv(
  pairs: readonly PairRecord[],
  catalogue: FaultCatalogue,
  m3s: (p: PairRecord) => { x: number; y: number },
): string {
  const header =
    'pair,top,bottom,stack,slot,yield,tx_nm,ty_nm,rot_urad,mag_ppm,overlay_x_m3s_nm,overlay_y_m3s_nm,sites,voids,alarms,done_s';
  const num = (v: number): string => (Number.isFinite(v) ? String(v) : '');
  const rows = pairs.map((p) => {
    const s = m3s(p);
    return [
      p.pairId,
      p.topId,
      p.bottomId,
      p.stackId,
      `${p.destination.carrier}:${p.destination.slot}`,
      num(p.yield),
      num(p.overlay.Tx),
      num(p.overlay.Ty),
      num(p.overlay.Rot),
      num(p.overlay.Mag),
      num(s.x),
      num(s.y),
      String(p.metrology.sites.length),
      String(p.metrology.voids.length),
      pairAlarms(p, catalogue).join(';'),
      num(p.doneS),
    ].join(',');
  });
  return `${[header, ...rows].join('\n')}\n`;
}
