import { analyticYield, type McResult, runMonteCarlo } from '@bondline/physics';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printJson } from '../io.js';
import {
  checkOutputs,
  csvDescription,
  type OutputFile,
  pngDescription,
  writeOutputs,
} from '../output-files.js';
import { createProgress } from '../progress.js';
import { encodePng } from '../render/png.js';
import { drawCauseMap, drawYieldMap } from '../render/wafer-map.js';
import { printHelp, usageError } from '../usage.js';
import { loadCliBondConfig } from './bond-config.js';
import { lotLossCounts, yieldCsv, yieldJson, yieldTable } from './yield-report.js';

const usage =
  'bondline yield <config.(yaml|yml|json)> [--section w2w_modeling|w2w_simulation] [--mc <wafers>] [--seed <n>] [--json] [--csv <file>] [--map <file.png>]';

const help = `${usage}

Predicts the die yield of a bonded wafer pair (overlay, particle voids, Cu recess).
  <config>        Bondline config (sections wafer, die, pads, overlay, voids, copper) or a
                  YAP/YAP+ W2W config (sections w2w_modeling / w2w_simulation)
  --section <s>   YAP section to read (default w2w_modeling)
  --mc <wafers>   also run a Monte Carlo lot of that many wafer pairs (1..100000)
  --seed <n>      Monte Carlo seed (default 1; same seed, same result)
  --json          print one JSON object instead of the table
  --csv <file>    write one row per die (analytic yields; with --mc, losses per cause)
  --map <file>    write a wafer map PNG: analytic die yield, or with --mc each die's
                  dominant loss cause over the lot
Exit codes: 0 ok, 2 bad arguments or configuration.`;

/** `bondline yield`: analytic (and optionally Monte Carlo) yield of a configuration. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      section: { type: 'string' },
      mc: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'string' },
      map: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'yield',
  );
  if (values.help === true) return printHelp(help);
  if (positionals.length !== 1) {
    throw usageError(`expected one configuration file, got ${positionals.length}`, usage);
  }
  const file = positionals[0]!;
  const wafers = numberArg('mc', values.mc, { integer: true, min: 1, max: 100000 });
  const seed = numberArg('seed', values.seed, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }) ?? 1;
  if (values.seed !== undefined && wafers === undefined) throw new CliError('--seed needs --mc <wafers>');
  await checkOutputs({ '--csv': values.csv, '--map': values.map }, { config: file });

  const { params, format } = await loadCliBondConfig(file, values.section);
  const analytic = analyticYield(params);

  let mc: McResult | undefined;
  if (wafers !== undefined) {
    const bar = createProgress('Monte Carlo', wafers, { unit: 'wafers' });
    try {
      mc = runMonteCarlo(params, { wafers, seed, onProgress: (done) => bar.update(done) });
    } finally {
      bar.finish();
    }
  }
  const lot = mc === undefined ? undefined : lotLossCounts(mc);

  const files: OutputFile[] = [];
  if (values.csv !== undefined) {
    const csv = yieldCsv(analytic, lot);
    files.push({ option: '--csv', path: values.csv, data: csv, description: csvDescription(csv) });
  }
  if (values.map !== undefined) {
    const geom = { R: params.wafer.R, e: params.wafer.e, W: params.die.W, L: params.die.L };
    const canvas =
      mc === undefined || lot === undefined
        ? drawYieldMap(
            geom,
            analytic.dies,
            analytic.perDie.total,
            `Predicted die yield ${(100 * analytic.yield.total).toFixed(2)} %`,
            `${analytic.dies.length} dies, p ${params.pads.p} µm, dmax ${analytic.dmaxUm.toFixed(3)} µm; overlay ${(100 * analytic.yield.overlay).toFixed(2)} %, void ${(100 * analytic.yield.void).toFixed(2)} %, Cu ${(100 * analytic.yield.cu).toFixed(2)} %`,
          )
        : drawCauseMap(
            geom,
            mc.dies,
            lot,
            `Monte Carlo yield ${(100 * mc.mean).toFixed(2)} ± ${(100 * mc.stderr).toFixed(2)} %`,
            `${lot.wafers} wafer pairs, seed ${mc.seed}; analytic ${(100 * analytic.yield.total).toFixed(2)} %`,
          );
    const png = encodePng(canvas);
    files.push({ option: '--map', path: values.map, data: png, description: pngDescription(png) });
  }
  // Files first: a run whose files cannot be written prints no result either.
  await writeOutputs(files);
  if (values.json === true) printJson(yieldJson(file, format, params, analytic, mc));
  else process.stdout.write(yieldTable(file, format, analytic, mc));
  return 0;
}
