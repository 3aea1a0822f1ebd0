// `bondline tool run`: one lot on the simulated tool, offline (no GEM), at full speed. Prints the lot
// summary and a per-pair table (or one JSON document), and with --out writes the lot's files and maps.
import type { SimulatedTool } from '@bondline/tool';
import { parseCommandArgs } from '../args.js';
import { printJson } from '../io.js';
import { checkOutputFolder, writeOutputFolder } from '../output-files.js';
import { createProgress } from '../progress.js';
import { printHelp, usageError } from '../usage.js';
import {
  checkConfigArg,
  checkProfileArg,
  checkRecipe,
  openStateFolder,
  openToolOrFail,
  pairsArg,
  pairsFit,
  runLotOrFail,
  seedArg,
} from './tool-options.js';
import { lotFolderFiles } from './tool-out-files.js';
import { lotJson, lotSummaryText, pairTable } from './tool-report.js';

const TOOL_RUN_USAGE =
  'bondline tool run [--config <tool.yaml>] [--recipe <name>] [--pairs <n>] [--seed <n>]\n' +
  '       [--profile immature|mature|<file.yaml>] [--state-dir <dir>] [--json] [--out <dir>]';

const TOOL_RUN_HELP = `usage: ${TOOL_RUN_USAGE}
  One lot on the simulated hybrid bonder, offline (no GEM), as fast as the computation allows.
  --config <file>    tool configuration (default examples/tool/tool.yaml)
  --recipe <name>    recipe of the tool's store (default the configuration's defaultRecipe,
                     BOND-STD; shipped: BOND-STD, CLEAN-LONG, INSPECT-FULL)
  --pairs <n>        wafer pairs in the lot, 1 to the slots of a carrier (default a full carrier, 25)
  --seed <n>         seed of the twin, the fault engine and the step times, 0..4294967295 (default 1)
  --profile <p>      fault profile: immature (as first delivered, ~10 % yield), mature (> 90 %) or a
                     profile file (default the configuration's, mature)
  --state-dir <dir>  the tool's recipes (seeded from the shipped ones the first time), kept; default a
                     temporary folder removed at exit
  --json             print one JSON document instead of the summary and table
  --out <dir>        write lot.json, pairs.csv, <pair>.json and the PNG maps of every pair
                     (<pair>-dies.png, <pair>-voids.png, <pair>-overlay.png) and lot-dies.png
Units: overlay tx/ty nm, rotation µrad, magnification ppm; yields 0..1 in JSON and CSV.
Exit codes: 0 done, 2 bad arguments or files.`;

/** `bondline tool run ...` (argv after `run`). */
export async function runToolRun(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      config: { type: 'string' },
      recipe: { type: 'string' },
      pairs: { type: 'string' },
      seed: { type: 'string' },
      profile: { type: 'string' },
      'state-dir': { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'tool run',
  );
  if (values.help === true) return printHelp(TOOL_RUN_HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, TOOL_RUN_USAGE);
  const requested = values.pairs === undefined ? undefined : pairsArg(values.pairs, 1);
  const seed = seedArg(values.seed);
  await checkConfigArg(values.config);
  await checkProfileArg(values.profile);
  await checkOutputFolder('--out', values.out);
  const state = await openStateFolder(values['state-dir']);
  let tool: SimulatedTool | undefined;
  try {
    tool = await openToolOrFail(state.dir, seed, values);
    const pairs = requested ?? tool.config.carrierSlots;
    pairsFit(pairs, tool);
    const recipe = values.recipe ?? tool.config.defaultRecipe;
    await checkRecipe(tool, recipe);
    const bar = createProgress('bonding', pairs, { unit: 'pairs' });
    const lot = await runLotOrFail(tool, {
      recipe,
      pairs,
      onProgress: (p) => bar.update(p.done),
    }).finally(() => bar.finish());
    if (values.out !== undefined) {
      const { files, what } = lotFolderFiles(lot.summary, lot.pairs, tool);
      await writeOutputFolder('--out', values.out, files, what);
    }
    if (values.json === true) printJson(lotJson(lot.summary, lot.pairs, tool.catalogue), 2);
    else {
      const context = { profile: tool.profileName, seed };
      process.stdout.write(
        `${lotSummaryText(lot.summary, context, lot.e10.tool)}\n${pairTable(lot.pairs, tool.catalogue)}`,
      );
    }
    return 0;
  } finally {
    await tool?.close();
    await state.remove();
  }
}
