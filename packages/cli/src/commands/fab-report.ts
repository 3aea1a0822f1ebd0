// `bondline fab report --lot <id>`: one lot from the fab's store as files for engineers who want
// files: lot.json (the lot, its yield and loss Pareto, run charts, alarms, every pair's analysed
// figures), pairs.csv, per pair the die, void and overlay maps, the lot's die map and run charts of
// yield and the overlay terms with I-MR limits (docs/fab.md §6).
import { readdir, rmdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatIssues } from '@bondline/core';
import { type FabConfig, loadProductBonds } from '@bondline/fab';
import type { BondParams } from '@bondline/physics';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { checkOutputFolder, writeOutputFolder } from '../output-files.js';
import { createProgress, type Progress } from '../progress.js';
import { printHelp, usageError } from '../usage.js';
import { CONFIG_OPTION_HELP, configAndStore } from './fab-layout.js';
import { lotMaps } from './fab-report-maps.js';
import { readLot } from './fab-report-read.js';
import { runCharts } from './fab-report-runs.js';
import { lotReportJson, pairsCsv } from './fab-report-tables.js';
import { describeStore, openStoreOrFail, requireMigrated, STORE_OPTION_HELP } from './fab-store-option.js';
import { percent } from './percent.js';

const USAGE =
  'bondline fab report --lot <id> [--out <dir>] [--config <fab.yaml>] [--store <sqlite:file|postgres://...>]';

const HELP = `usage: ${USAGE}
  Writes one lot of the store as files into a new (or empty) folder: lot.json (the lot, its yield
  and loss Pareto by cause and fault point, run charts, the tool's alarms while it ran, and per pair
  the fab's analysis: yield, overlay Tx/Ty/rotation/magnification and residual |mean|+3 sigma, voids,
  losses by cause), pairs.csv (one row per pair, units in the column names), per pair
  <pair>-dies.png, <pair>-voids.png and <pair>-overlay.png, lot-dies.png (each die's dominant loss
  cause over the pairs) and run-<yield|tx|ty|rotation|magnification>.png (the pairs in slot order on
  an I-MR chart, limits from the lot itself, Western Electric rule violations marked).
  --lot <id>         the lot (the store's lots: GET /api/lots of bondline fab serve)
  --out <dir>        the folder to write, created if missing; refused when it holds files
                     (default report-<lot> in the working folder)
${CONFIG_OPTION_HELP}
                     (its products give the die grid of the maps; default the shipped model)
${STORE_OPTION_HELP}; default the configuration's store
Units: overlay tx/ty nm, rotation µrad, magnification ppm, void area µm²; yields 0..1 in JSON and CSV.
Exit codes: 0 written, 1 the store cannot be reached or fails, 2 bad arguments, an unknown lot, a
store not migrated (bondline fab migrate) or a folder that cannot be written.`;

/** A name every file system takes: characters other than letters, digits, '.', '_' and '-' become '_'. */
function fileSafe(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? `_${safe}` : safe;
}

/** Each pair id's file name: fileSafe, made unique (`_2`, `_3`, ...) where two ids come out the same. */
function pairFileNames(ids: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>(['lot', 'pairs']);
  for (const id of ids) {
    const base = fileSafe(id);
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    taken.add(name.toLowerCase());
    names.set(id, name);
  }
  return names;
}

/** Refuse a folder that holds files: the report never mixes with (or replaces) other files. */
async function checkEmptyFolder(dir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CliError(`--out ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (entries.length > 0) {
    throw new CliError(
      `--out ${dir}: the folder is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); give a new or empty folder`,
    );
  }
  return true;
}

/** The product model of the lot's tool: the configuration's products, else the shipped model. */
async function bondOf(
  config: FabConfig | undefined,
  configPath: string | undefined,
): Promise<(toolId: string) => BondParams> {
  const bonds = await loadProductBonds(config ?? { tools: [] }, {
    configDir: configPath === undefined ? process.cwd() : dirname(resolve(configPath)),
  });
  if (!bonds.ok) throw new CliError(`--config: products: ${formatIssues(bonds.issues)}`);
  return bonds.value.bondFor;
}

export async function runFabReport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      lot: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      store: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fab report',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  const lotId = values.lot;
  if (lotId === undefined || lotId === '') throw usageError('--lot is required', USAGE);
  const { config, location } = await configAndStore(values, USAGE);
  const out = values.out ?? `report-${fileSafe(lotId)}`;
  await checkOutputFolder('--out', out);
  const existed = await checkEmptyFolder(out);
  const bondFor = await bondOf(config, values.config);
  const where = describeStore(location);
  const store = await openStoreOrFail(location, { mustExist: true });
  let files: { name: string; data: string | Uint8Array }[];
  let summary: string;
  try {
    await requireMigrated(store, location);
    let reading: Progress | undefined;
    const data = await readLot(store, lotId, where, (done, total) => {
      reading ??= createProgress('reading pairs', total, { unit: 'pairs' });
      reading.update(done);
    }).finally(() => reading?.finish());
    const lot = data.detail.lot;
    const fileNames = pairFileNames(data.pairs.map((p) => p.pair.id));
    const drawing = createProgress('drawing maps', data.pairs.length, { unit: 'pairs' });
    const maps = lotMaps(
      lotId,
      data.pairs,
      bondFor(lot.toolId),
      (id) => fileNames.get(id) ?? fileSafe(id),
      (done) => drawing.update(done),
    );
    drawing.finish();
    const runs = runCharts(lotId, data.pairs, lot.startedMs);
    const pngs = [...maps, ...runs.files];
    const names = ['lot.json', 'pairs.csv', ...pngs.map((f) => f.name)];
    const json = lotReportJson(data, runs, names);
    files = [
      { name: 'lot.json', data: `${JSON.stringify(json, null, 2)}\n` },
      { name: 'pairs.csv', data: pairsCsv(data.pairs) },
      ...pngs,
    ];
    const y = data.yield.yield;
    summary =
      `lot ${lotId}: ${files.length} files in ${out} (${data.pairs.length} pairs, ` +
      `${data.yield.pairs} analysed, yield ${y === null ? 'n/a' : `${percent(y)} %`})\n`;
    try {
      await writeOutputFolder(
        '--out',
        out,
        files,
        `lot.json, pairs.csv, ${maps.length} maps, ${runs.files.length} run charts`,
      );
    } catch (err) {
      // A folder this run created and could not fill is not left behind (rmdir takes only an empty one).
      if (!existed) await rmdir(out).catch(() => undefined);
      throw err;
    }
  } finally {
    await store.close();
  }
  process.stdout.write(summary);
  return 0;
}
