// `bondline demo`: the simulated hybrid bonder and a Bondline GEM host in one process, over a real
// HSMS connection on 127.0.0.1. The host sets up its reports, selects the recipe, starts a lot and
// collects a report per bonded pair and one at the lot's end; the demo prints a line per pair as it
// arrives, then the table of the pairs and the lot summary as the host received them, and writes the
// lot's files and wafer maps (from the tool's own records) to --out.

import { formatIssues } from '@bondline/core';
import type { LotSummary, PairRecord, SimulatedTool, ToolEquipment } from '@bondline/tool';
import { startToolEquipment } from '@bondline/tool';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { checkOutputFolder, writeOutputFolder } from '../output-files.js';
import { printHelp, usageError } from '../usage.js';
import { DemoHostError, type HostLot, type HostPair, hostRunsLot } from './demo-host.js';
import { percent } from './percent.js';
import {
  checkConfigArg,
  checkProfileArg,
  checkRecipe,
  openStateFolder,
  openToolOrFail,
  pairsArg,
  pairsFit,
  seedArg,
} from './tool-options.js';
import { lotFolderFiles } from './tool-out-files.js';
import { textTable } from './tool-report.js';

const USAGE =
  'bondline demo [--pairs <n>] [--seed <n>] [--out <dir>] [--profile immature|mature|<file.yaml>]\n' +
  '       [--recipe <name>] [--config <tool.yaml>] [--state-dir <dir>]';

const DEFAULT_OUT = 'demo-out';
const DEFAULT_RECIPE = 'BOND-STD';

const HELP = `usage: ${USAGE}
  The simulated hybrid bonder and a Bondline GEM host in one process over a real HSMS connection
  (127.0.0.1, a free port): the host goes online remote, reports pair results and the lot end,
  selects the recipe and starts a lot; one line per bonded pair as its report arrives, then a table
  of the pairs and the lot summary, and the lot's files and wafer maps in --out.
  --pairs <n>        wafer pairs, 1 to the slots of a carrier (default 25)
  --seed <n>         seed of the simulated tool, 0..4294967295 (default 1)
  --out <dir>        where lot.json, pairs.csv, <pair>.json and the PNG maps go (default ${DEFAULT_OUT})
  --profile <p>      fault profile: immature, mature or a profile file (default mature)
  --recipe <name>    recipe the host selects (default ${DEFAULT_RECIPE})
  --config <file>    tool configuration (default examples/tool/tool.yaml)
  --state-dir <dir>  the tool's state (recipes, GEM state, spool), kept; default a temporary folder
Exit codes: 0 done, 1 the host did not get what it asked for, 2 bad arguments or files.`;

/** `bondline demo`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      pairs: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      profile: { type: 'string' },
      recipe: { type: 'string' },
      config: { type: 'string' },
      'state-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'demo',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  const pairs = pairsArg(values.pairs, 25);
  const seed = seedArg(values.seed);
  const out = values.out ?? DEFAULT_OUT;
  await checkConfigArg(values.config);
  await checkProfileArg(values.profile);
  await checkOutputFolder('--out', out);
  const startedMs = performance.now();
  const state = await openStateFolder(values['state-dir']);
  let tool: SimulatedTool | undefined;
  let gem: ToolEquipment | undefined;
  try {
    tool = await openToolOrFail(state.dir, seed, values);
    pairsFit(pairs, tool);
    const recipe = values.recipe ?? DEFAULT_RECIPE;
    await checkRecipe(tool, recipe);
    const started = await startToolEquipment(tool, {
      port: 0,
      onIssue: (i) => note(`tool (${i.code}): ${i.message}`),
    });
    if (!started.ok) throw new CliError(formatIssues(started.issues));
    gem = started.value;
    const lotId = `DEMO-${seed}`;
    const c = tool.config;
    note(
      `${c.tool.name} (${c.tool.model}, profile ${tool.profileName}, seed ${seed}) listening on 127.0.0.1:${gem.port}; a GEM host connects`,
    );
    const records = toolRecords(tool, lotId);
    let received = 0;
    const host = await hostRunsLot({
      port: gem.port,
      deviceId: c.gem.deviceId,
      recipe,
      lotId,
      pairs,
      toolLotEnded: records.ended,
      onPair: (p) => note(pairLine(p, pairs, ++received)),
    }).catch((err: unknown) => {
      if (err instanceof DemoHostError) throw new CliError(`host: ${err.message}`, { exitCode: 1 });
      throw err;
    });
    const summary = await records.ended;
    const { files, what } = lotFolderFiles(summary, records.pairs, tool);
    await writeOutputFolder('--out', out, files, what);
    process.stdout.write(demoReport(host.pairs, host.lot, summary, performance.now() - startedMs));
    return 0;
  } finally {
    await gem?.close();
    await tool?.close();
    await state.remove();
  }
}

function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The tool's own pair records of the lot and its summary, for the files and maps. */
function toolRecords(
  tool: SimulatedTool,
  lotId: string,
): { pairs: PairRecord[]; ended: Promise<LotSummary> } {
  const pairs: PairRecord[] = [];
  const offPair = tool.controller.on('pair-result', (p) => {
    if (p.lotId === lotId) pairs.push(p);
  });
  const ended = new Promise<LotSummary>((resolve) => {
    const off = tool.controller.on('lot-ended', (s) => {
      if (s.lotId !== lotId) return;
      off();
      offPair();
      resolve(s);
    });
  });
  return { pairs, ended };
}

const nm = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');

function pairLine(p: HostPair, total: number, done: number): string {
  const n = String(done).padStart(String(total).length);
  return `pair ${n}/${total} ${p.pairId}: die yield ${percent(p.yield)} %, overlay |mean|+3σ x ${nm(p.xM3sNm)} nm y ${nm(p.yM3sNm)} nm, ${p.voids} voids${p.alarms === '' ? '' : `, alarms ${p.alarms}`}`;
}

/** The table of the pairs and the lot summary, as the host received them. */
export function demoReport(
  pairs: readonly HostPair[],
  lot: HostLot,
  tool: LotSummary,
  wallMs: number,
): string {
  const table = textTable(
    ['pair', 'overlay x nm', 'overlay y nm', 'voids', 'die yield %', 'alarms'],
    pairs.map((p) => [
      p.pairId,
      nm(p.xM3sNm),
      nm(p.yM3sNm),
      String(p.voids),
      percent(p.yield),
      p.alarms || '-',
    ]),
  );
  const ratio = lot.boundPairsPerHour > 0 ? lot.pairsPerHour / lot.boundPairsPerHour : Number.NaN;
  const toolHours = (tool.endedS - tool.startedS) / 3600;
  return [
    'overlay: |mean| + 3 sigma of the metrology sites of each pair',
    table,
    `lot ${lot.lotId} ${lot.outcome}: ${lot.pairsDone} pairs, recipe ${tool.recipe}`,
    `  yield       ${percent(lot.yield)} % (mean die yield of the pairs)`,
    `  throughput  ${lot.pairsPerHour.toFixed(1)} pairs/h in steady state; bound ${lot.boundPairsPerHour.toFixed(1)} pairs/h (${percent(ratio)} % of it)`,
    `  bottleneck  ${lot.bottleneck}`,
    `  fill/drain  ${lot.fillS.toFixed(0)} s / ${lot.drainS.toFixed(0)} s`,
    `  time        ${toolHours.toFixed(2)} h of tool time in ${(wallMs / 1000).toFixed(1)} s`,
    '',
  ].join('\n');
}
