// `bondline overlay fit`: overlay models per wafer and for the lot, from a CSV or JSON site file.

import {
  type FitOptions,
  fitLot,
  type LotSummary,
  parseModelName,
  readSites,
  SITE_LIMITS,
  siteLabel,
  type WaferFit,
} from '@bondline/align';
import { decodeText, formatIssues, type Issue } from '@bondline/core';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printJson, readInputBytes } from '../io.js';
import { checkOutputs, pngDescription, writeOutputs } from '../output-files.js';
import { renderOverlayPlot } from '../render/overlay-plot.js';
import { printHelp, usageError } from '../usage.js';

const USAGE = [
  'bondline overlay fit <file.csv|file.json> [--model 4|6|10|poly3] [--select none|aic|bic]',
  '       [--robust [--k 4]] [--radius µm] [--skip-bad] [--json] [--plot file.png [--wafer id]]',
  '',
  'Fits each wafer of the site file on its own (least squares, coordinates normalised to the wafer',
  'radius) and summarises the lot. Units: translations nm, scale ppm, rotation µrad.',
  '  --model    4 (Tx Ty Rot Mag), 6 (Tx Ty Mx My Rx Ry; default), 10 (6 + field mx my rx ry),',
  '             poly3 (cx_ij, cy_ij: coefficient of X^i Y^j in nm/µm^(i+j))',
  '  --select   poly3 term selection by backward elimination on AIC or BIC (default none)',
  '  --robust   reject sites beyond k robust (MAD) sigmas, iterate; --k sets k (default 4)',
  '  --radius   wafer radius used for normalisation, µm (default: largest site radius)',
  '  --skip-bad skip unreadable rows (listed on stderr) instead of refusing the file',
  `Site files: X, Y within ±${SITE_LIMITS.waferUm} µm, x, y within ±${SITE_LIMITS.fieldUm} µm, dx, dy within`,
  `±${SITE_LIMITS.overlayNm} nm; at most ${SITE_LIMITS.rows} rows. Anything else is refused with its line and column.`,
  '  --plot     overlay vector map (measured and residual arrows) of the first wafer or --wafer',
].join('\n');

const OPTIONS = {
  model: { type: 'string' },
  select: { type: 'string' },
  robust: { type: 'boolean' },
  k: { type: 'string' },
  radius: { type: 'string' },
  'skip-bad': { type: 'boolean' },
  json: { type: 'boolean' },
  plot: { type: 'string' },
  wafer: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values: o, positionals } = parseCommandArgs(argv, OPTIONS, 'overlay');
  if (o.help === true) return printHelp(`usage: ${USAGE}`);
  const [sub, file, ...extra] = positionals;
  if (sub !== 'fit') throw usageError("expected the sub-command 'fit'", USAGE);
  if (file === undefined) throw usageError('missing the site file', USAGE);
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`, USAGE);

  const model = parseModelName(o.model ?? '6');
  if (model === undefined) throw new CliError(`--model: '${o.model}' is not one of 4, 6, 10, poly3`);
  const select = o.select ?? 'none';
  if (select !== 'none' && select !== 'aic' && select !== 'bic') {
    throw new CliError(`--select: '${select}' is not one of none, aic, bic`);
  }
  if (select !== 'none' && model !== 'poly3') throw new CliError('--select applies to --model poly3 only');
  const k = numberArg('k', o.k, { min: 1, max: 100 });
  if (k !== undefined && o.robust !== true) throw new CliError('--k needs --robust');
  const radiusUm = numberArg('radius', o.radius, { min: 1, max: 1e6 });
  if (o.wafer !== undefined && o.plot === undefined) throw new CliError('--wafer needs --plot');
  await checkOutputs({ '--plot': o.plot }, { 'site file': file });

  const source = file === '-' ? '(stdin)' : file;
  const text = decodeText(await readInputBytes(file), source);
  if (!text.ok) throw new CliError(formatIssues(text.issues));
  const read = readSites(text.value, { source, skipBad: o['skip-bad'] === true });
  if (!read.ok) {
    const rowProblem = o['skip-bad'] !== true && read.issues.some((i) => ROW_CODES.has(i.code));
    throw new CliError(
      listIssues(read.issues, rowProblem ? '(use --skip-bad to fit the readable rows)' : ''),
    );
  }
  for (const r of read.value.skipped) process.stderr.write(`skipped ${r.message}\n`);

  const options: FitOptions = { model };
  if (radiusUm !== undefined) options.radiusUm = radiusUm;
  if (o.robust === true) options.robust = k === undefined ? {} : { k };
  if (select !== 'none') options.select = select;
  const fitted = fitLot(read.value.sites, options);
  // One issue per wafer that cannot be fitted: a file of many one-site wafers would print thousands.
  if (!fitted.ok) throw new CliError(listIssues(fitted.issues, ''));
  const lot = fitted.value;

  if (o.plot !== undefined) {
    const w = o.wafer === undefined ? lot.wafers[0] : lot.wafers.find((f) => f.id === o.wafer);
    if (w === undefined) {
      throw new CliError(
        `--wafer: no wafer '${o.wafer}' in ${file} (wafers: ${lot.wafers.map((f) => f.id).join(', ')})`,
      );
    }
    const png = renderOverlayPlot(w, radiusUm);
    await writeOutputs([{ option: '--plot', path: o.plot, data: png, description: pngDescription(png) }]);
  }
  if (o.json === true) printJson(toJson(lot.wafers, lot.lot, o.robust === true), 2);
  else process.stdout.write(formatText(lot.wafers, lot.lot));
  return 0;
}

// Problems of single rows: --skip-bad can leave those rows out.
const ROW_CODES = new Set([
  'missing',
  'wrong-type',
  'out-of-range',
  'unknown-key',
  'invalid-value',
  'wrong-column-count',
  'unterminated-quote',
  'too-many-problems',
]);

/** The first 20 problems, one per line, then how many more (and the reader's own count), then the hint. */
function listIssues(issues: readonly Issue[], hint: string): string {
  if (issues.length === 1 && hint === '') return issues[0]!.message;
  const last = issues[issues.length - 1]!;
  const count = last.code === 'too-many-problems' ? `more than ${issues.length - 1}` : String(issues.length);
  const lines = [
    `${count} problem${issues.length === 1 ? '' : 's'}:`,
    formatIssues(issues.slice(0, 20), '  '),
  ];
  const hidden = issues.length - 20;
  if (hidden > 0 && last.code === 'too-many-problems')
    lines.push(`  ... and ${hidden - 1} more`, `  ${last.message}`);
  else if (hidden > 0) lines.push(`  ... and ${hidden} more`);
  if (hint !== '') lines.push(hint);
  return lines.join('\n');
}

function toJson(wafers: WaferFit[], lot: LotSummary, robust: boolean) {
  return {
    wafers: wafers.map((w) => {
      const out: Record<string, unknown> = { id: w.id, model: w.model, terms: w.terms, residual: w.residual };
      if (robust) {
        out.rejected = w.rejected.map((s) => {
          const r: Record<string, unknown> = { line: s.line, X: s.X, Y: s.Y };
          if (s.field !== undefined) Object.assign(r, { field: s.field, x: s.x, y: s.y });
          return Object.assign(r, { dx: s.dx, dy: s.dy });
        });
      }
      if (w.selection !== undefined) out.dropped = w.selection.dropped;
      return out;
    }),
    lot,
  };
}

/** Fixed-width number: enough significant digits for tiny polynomial coefficients, plain otherwise. */
function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e7 ? v.toFixed(a >= 100 ? 2 : 4) : v.toExponential(4);
}

function formatText(wafers: WaferFit[], lot: LotSummary): string {
  const out: string[] = [];
  for (const w of wafers) {
    const rej = w.rejected.length > 0 ? `, ${w.rejected.length} rejected` : '';
    out.push(
      `wafer ${w.id}  model ${w.model}${w.model === 'poly3' ? '' : '-term'}  sites ${w.sites.length}${rej}`,
    );
    for (const [name, t] of Object.entries(w.terms)) {
      out.push(`  ${name.padEnd(8)} ${fmt(t.value).padStart(12)} ± ${fmt(t.stderr).padEnd(10)} ${t.unit}`);
    }
    if (w.selection !== undefined) {
      out.push(
        `  (${w.selection.criterion.toUpperCase()} dropped: ${w.selection.dropped.join(' ') || 'none'})`,
      );
    }
    out.push(...residualTable(w.residual));
    for (const s of w.rejected) out.push(`  rejected ${siteLabel(s)} dx=${s.dx} dy=${s.dy} nm`);
    out.push('');
  }
  out.push(`lot: ${lot.wafers} wafer(s)`);
  out.push(`  ${'term'.padEnd(8)} ${'mean'.padStart(12)}   ${'sigma'.padEnd(10)} unit`);
  for (const [name, t] of Object.entries(lot.terms)) {
    out.push(`  ${name.padEnd(8)} ${fmt(t.mean).padStart(12)}   ${fmt(t.sigma).padEnd(10)} ${t.unit}`);
  }
  out.push('  pooled residuals:');
  out.push(...residualTable(lot.residual));
  return `${out.join('\n')}\n`;
}

function residualTable(r: WaferFit['residual']): string[] {
  const head = `  ${'resid'.padEnd(6)}${['mean', 'sigma', '|m|+3s', 'max|r|'].map((h) => h.padStart(10)).join('')}       R^2`;
  const row = (ax: string, s: WaferFit['residual']['x']) =>
    `  ${ax.padEnd(6)}${[s.mean, s.sigma, s.mean3sigma, s.maxAbs]
      .map((v) =>
        v
          .toFixed(3)
          .replace(/^-(0\.0+)$/, '$1')
          .padStart(10),
      )
      .join('')}${(s.r2 === null ? '-' : s.r2.toFixed(4)).padStart(10)}  nm`;
  return [head, row('x', r.x), row('y', r.y)];
}
