// `bondline r2r simulate`: a simulated process run through the EWMA-family run-to-run controllers.

import { R2R_LIMITS, readSimConfig, SIM_LIMITS, type SimResult, simulateR2r } from '@bondline/align';
import { decodeText, formatIssues, type Issue } from '@bondline/core';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printJson, readInputBytes } from '../io.js';
import {
  checkOutputs,
  jsonLinesDescription,
  type OutputFile,
  pngDescription,
  writeOutputs,
} from '../output-files.js';
import { renderR2rPlot } from '../render/r2r-plot.js';
import { printHelp, usageError } from '../usage.js';

const USAGE = [
  'bondline r2r simulate --config <file.yaml|file.json> [--every n] [--json] [--plot file.png] [--audit file.jsonl]',
  '',
  'Runs the simulated process of each correctable (offset, drift, noise, true gain, seed) through',
  'its EWMA or double-EWMA controller and prints every run (input u, error y - target), then the',
  'mean and sigma of the error over the last N runs, with and without control. Warns when the',
  'configured weights can go unstable over the assumed gain-ratio range. See examples/r2r/.',
  `Limits: runs <= ${SIM_LIMITS.runs}, runs x correctables <= ${SIM_LIMITS.steps}; offsets, drifts, targets, limits`,
  `within ±${R2R_LIMITS.value} output units; gains within ±${R2R_LIMITS.gain}. Every bad key is named with its line.`,
  '  --every    print every n-th run only (default 1)',
  '  --audit    write the controller audit trail (one JSON record per decision) to a file',
].join('\n');

const OPTIONS = {
  config: { type: 'string' },
  every: { type: 'string' },
  json: { type: 'boolean' },
  plot: { type: 'string' },
  audit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values: o, positionals } = parseCommandArgs(argv, OPTIONS, 'r2r');
  if (o.help === true) return printHelp(`usage: ${USAGE}`);
  const [sub, ...extra] = positionals;
  if (sub !== 'simulate') throw usageError("expected the sub-command 'simulate'", USAGE);
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`, USAGE);
  if (o.config === undefined) throw usageError('missing --config <file>', USAGE);
  const every = numberArg('every', o.every, { integer: true, min: 1, max: 1_000_000 }) ?? 1;
  await checkOutputs({ '--plot': o.plot, '--audit': o.audit }, { '--config': o.config });

  const source = o.config === '-' ? '(stdin)' : o.config;
  const text = decodeText(await readInputBytes(o.config, '--config'), source);
  if (!text.ok) throw new CliError(issuesText(text.issues));
  const format = /\.json$/i.test(o.config) ? 'json' : 'yaml';
  const parsed = readSimConfig(text.value, { source, format });
  if (!parsed.ok) throw new CliError(issuesText(parsed.issues));
  const config = parsed.value;
  const simulated = simulateR2r(config);
  if (!simulated.ok) throw new CliError(issuesText(simulated.issues));
  const result = simulated.value;
  for (const s of result.summary) {
    if (!s.stability.stable) process.stderr.write(`warning: ${s.correctable}: ${s.stability.message}\n`);
  }
  const files: OutputFile[] = [];
  if (o.plot !== undefined) {
    const png = renderR2rPlot(result, config.maintenance);
    files.push({ option: '--plot', path: o.plot, data: png, description: pngDescription(png) });
  }
  if (o.audit !== undefined) {
    const jsonl = result.audit.map((r) => `${JSON.stringify(r)}\n`).join('');
    files.push({ option: '--audit', path: o.audit, data: jsonl, description: jsonLinesDescription(jsonl) });
  }
  await writeOutputs(files);
  if (o.json === true) {
    printJson({ config, runs: result.runs, summary: result.summary }, 2);
  } else {
    process.stdout.write(formatText(result, every, config.lastN, config.maintenance));
  }
  return 0;
}

/** One problem as its message; several as a count and one indented line each (the first 20). */
function issuesText(issues: readonly Issue[]): string {
  if (issues.length === 1) return issues[0]!.message;
  const more = issues.length > 20 ? `\n  ... and ${issues.length - 20} more` : '';
  return `${issues.length} problems:\n${formatIssues(issues.slice(0, 20), '  ')}${more}`;
}

function num(v: number, width: number): string {
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(2) : v.toFixed(a < 1 ? 4 : 2);
  return s.replace(/^-(0\.0+)$/, '$1').padStart(width);
}

function formatText(r: SimResult, every: number, lastN: number, maintenance: number[]): string {
  const names = r.summary.map((s) => s.correctable);
  const out: string[] = [];
  out.push(
    `${'run'.padStart(5)}${names.map((n) => `${`${n} u`.padStart(11)}${`${n} err`.padStart(11)}`).join('')}  next-run flags`,
  );
  for (const row of r.runs) {
    if ((row.run - 1) % every !== 0 && row.run !== r.runs.length && !maintenance.includes(row.run)) continue;
    const flags: string[] = [];
    if (maintenance.includes(row.run)) flags.push('reset');
    for (const n of names) {
      const v = row.values[n];
      if (v?.clamped === true) flags.push(`${n}:clamped`);
      if (v?.deadband === true) flags.push(`${n}:deadband`);
    }
    const cells = names.map((n) => `${num(row.values[n]?.u ?? 0, 11)}${num(row.values[n]?.error ?? 0, 11)}`);
    out.push(`${String(row.run).padStart(5)}${cells.join('')}  ${flags.join(' ')}`.trimEnd());
  }
  out.push('');
  out.push(`error over the last ${Math.min(lastN, r.runs.length)} runs (y - target):`);
  out.push(
    `  ${'term'.padEnd(6)}${'mean'.padStart(11)}${'sigma'.padStart(11)}${'open mean'.padStart(11)}${'open sigma'.padStart(11)}  controller`,
  );
  for (const s of r.summary) {
    const stab = s.stability.stable ? 'stable' : 'MAY BE UNSTABLE';
    out.push(
      `  ${s.correctable.padEnd(6)}${num(s.mean, 11)}${num(s.sigma, 11)}${num(s.openLoopMean, 11)}${num(s.openLoopSigma, 11)}  ${stab}`,
    );
  }
  out.push('("open": the same process and noise without control, u = 0)');
  return `${out.join('\n')}\n`;
}
