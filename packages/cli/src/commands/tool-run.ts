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
import { checkReplayOptions, openReplayOrFail, replayJson, replayText } from './tool-replay.js';
import { lotJson, lotSummaryText, pairTable } from './tool-report.js';

const TOOL_RUN_USAGE =
  'bondline tool run [--config <tool.yaml>] [--recipe <name>] [--pairs <n>] [--seed <n>]\n' +
  '       [--profile immature|mature|<file.yaml>] [--state-dir <dir>] [--json] [--out <dir>]\n' +
  '       bondline tool run --replay <file> [--seed <n>] [--pairs <n>] [--state-dir <dir>] [--json] [--out <dir>]';

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
  --replay <file>    a fab ticket's replay file (docs/tool.md §8.4, bondline-replay/1): its tool
                     configuration, profile with the ticket's fault points forced, recipe (body),
                     equipment constants, seed and pairs; --seed and --pairs given win over the
                     file's; --config, --profile and --recipe are refused with it
  --json             print one JSON document instead of the summary and table (with --replay, a
                     'replay' key: file, source, forced faults and the pairs they acted on, constants,
                     recipe)
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
      replay: { type: 'string' },
      'state-dir': { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'tool run',
  );
  if (values.help === true) return printHelp(TOOL_RUN_HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, TOOL_RUN_USAGE);
  if (values.replay !== undefined) checkReplayOptions(values);
  const requested = values.pairs === undefined ? undefined : pairsArg(values.pairs, 1);
  const seedGiven = values.seed === undefined ? undefined : seedArg(values.seed);
  await checkConfigArg(values.config);
  await checkProfileArg(values.profile);
  await checkOutputFolder('--out', values.out);
  const state = await openStateFolder(values['state-dir']);
  let tool: SimulatedTool | undefined;
  try {
    const replay =
      values.replay === undefined
        ? undefined
        : await openReplayOrFail(values.replay, state.dir, {
            ...(seedGiven === undefined ? {} : { seed: seedGiven }),
            ...(requested === undefined ? {} : { pairs: requested }),
          });
    const opened = replay?.tool ?? (await openToolOrFail(state.dir, seedGiven ?? seedArg(undefined), values));
    tool = opened;
    const seed = replay?.seed ?? seedGiven ?? seedArg(undefined);
    const pairs = replay?.pairs ?? requested ?? opened.config.carrierSlots;
    pairsFit(pairs, opened);
    const recipe = replay?.recipe.name ?? values.recipe ?? opened.config.defaultRecipe;
    if (replay === undefined) await checkRecipe(opened, recipe);
    const bar = createProgress('bonding', pairs, { unit: 'pairs' });
    const lot = await runLotOrFail(opened, {
      recipe,
      pairs,
      onProgress: (p) => bar.update(p.done),
    }).finally(() => bar.finish());
    const json = lotJson(lot.summary, lot.pairs, opened.catalogue);
    const doc = replay === undefined ? json : { ...json, replay: replayJson(replay, lot.pairs) };
    if (values.out !== undefined) {
      const { files, what } = lotFolderFiles(lot.summary, lot.pairs, opened);
      // lot.json is the --json document, the replay's key included.
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      const written = files.map((f) => (f.name === 'lot.json' ? { ...f, data: text } : f));
      await writeOutputFolder('--out', values.out, written, what);
    }
    if (values.json === true) printJson(doc, 2);
    else {
      const context = { profile: opened.profileName, seed };
      process.stdout.write(
        `${replay === undefined ? '' : replayText(replay, lot.pairs)}${lotSummaryText(lot.summary, context, lot.e10.tool)}\n${pairTable(lot.pairs, opened.catalogue)}`,
      );
    }
    return 0;
  } finally {
    await tool?.close();
    await state.remove();
  }
}
