// What `bondline tool run`, `bondline tool` and `bondline demo` share: the options that open the
// simulated tool (--config, --profile, --seed, --state-dir, --speed, --pairs, --recipe), each checked
// before the tool starts and refused with exit 2 naming the option, and the state folder, which is
// a temporary one removed at exit when --state-dir is not given (as `bondline equipment` does), so
// the simulator never writes into the repository's files.
import { rmSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { formatIssues, type Issue } from '@bondline/core';
import {
  openSimulatedTool,
  type Pacing,
  parsePacing,
  runToolLot,
  SHIPPED_PROFILES,
  type SimulatedTool,
  type ToolLotResult,
} from '@bondline/tool';
import { numberArg } from '../args.js';
import { CliError } from '../cli-error.js';
import { checkOutputFolder } from '../output-files.js';

/** The seed when --seed is not given. */
const DEFAULT_SEED = 1;

/** `--seed`: an integer 0 .. 2^32 - 1 (as `bondline equipment`'s), default 1. */
export function seedArg(raw: string | undefined): number {
  return numberArg('seed', raw, { integer: true, min: 0, max: 0xffffffff }) ?? DEFAULT_SEED;
}

/** `--speed max|N`: how virtual time relates to real time (N times real time). */
export function speedArg(raw: string | undefined): Pacing | undefined {
  if (raw === undefined) return undefined;
  const p = parsePacing(raw);
  if (!p.ok) throw new CliError(`--speed: ${p.issues.map((i) => i.message).join('; ')}`);
  return p.value;
}

/**
 * `--pairs N` before the configuration is read: an integer from 1 to 1000; `pairsFit` then checks it
 * against the configuration's carrier (one lot fills at most one carrier of top wafers).
 */
export function pairsArg(raw: string | undefined, fallback: number): number {
  return numberArg('pairs', raw, { integer: true, min: 1, max: 1000 }) ?? fallback;
}

/** Refuse `pairs` larger than the tool's carriers, naming the option and the configuration. */
export function pairsFit(pairs: number, tool: SimulatedTool): void {
  const slots = tool.config.carrierSlots;
  if (pairs > slots) {
    throw new CliError(
      `--pairs: ${pairs} is out of range; allowed: an integer from 1 to ${slots} (the slots of a carrier in ${tool.config.source})`,
    );
  }
}

/**
 * `--profile`: a shipped profile's name is checked against the list, a file must exist; what is wrong
 * inside a file is found when the tool opens it.
 */
export async function checkProfileArg(raw: string | undefined): Promise<void> {
  if (raw === undefined) return;
  if (/^[a-z0-9][a-z0-9-]*$/.test(raw)) {
    if ((SHIPPED_PROFILES as readonly string[]).includes(raw)) return;
    throw new CliError(
      `--profile: '${raw}' is not a shipped profile (${SHIPPED_PROFILES.join(', ')}); give a profile file (.yaml) for another one`,
    );
  }
  await mustBeFile('--profile', raw);
}

/** `--config`: the file must exist (its content is checked when the tool opens it). */
export async function checkConfigArg(raw: string | undefined): Promise<void> {
  if (raw !== undefined) await mustBeFile('--config', raw);
}

async function mustBeFile(option: string, path: string): Promise<void> {
  try {
    if ((await stat(path)).isFile()) return;
    throw new CliError(`${option} ${path}: is not a file`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      `${option}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}: ${path}`,
    );
  }
}

/** The folder the tool keeps its recipes, GEM state and spool in. */
export interface StateFolder {
  dir: string;
  /** True for a temporary folder (no --state-dir): removed by `remove()` and at process exit. */
  temporary: boolean;
  /** Remove a temporary folder (a --state-dir is kept). */
  remove(): Promise<void>;
}

/**
 * `--state-dir`, checked (a writable folder, or one that can be created), or a fresh temporary folder
 * removed at exit: recipes are seeded into it, so a host's changes never reach the shipped examples.
 */
export async function openStateFolder(raw: string | undefined): Promise<StateFolder> {
  if (raw !== undefined) {
    await checkOutputFolder('--state-dir', raw);
    return { dir: raw, temporary: false, remove: async () => {} };
  }
  const dir = await mkdtemp(resolve(tmpdir(), 'bondline-tool-'));
  const removeNow = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeNow);
  return {
    dir,
    temporary: true,
    async remove() {
      process.removeListener('exit', removeNow);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The simulated tool of the command's options, its state in `stateDir`; a refusal is a CliError
 * naming the option whose file is at fault (`openFailure`).
 */
export async function openToolOrFail(
  stateDir: string,
  seed: number,
  given: { config?: string; profile?: string },
  pacing?: Pacing,
): Promise<SimulatedTool> {
  const opened = await openSimulatedTool({
    stateDir,
    seed,
    ...(pacing === undefined ? {} : { pacing }),
    ...(given.config === undefined ? {} : { configPath: given.config }),
    ...(given.profile === undefined ? {} : { profile: given.profile }),
  });
  if (!opened.ok) throw openFailure(opened.issues, given);
  return opened.value;
}

/**
 * A refusal of openSimulatedTool as one CliError: each issue under the option whose file it names
 * (`--config`, `--profile`), so the user sees what to fix.
 */
function openFailure(issues: readonly Issue[], given: { config?: string; profile?: string }): CliError {
  const option = (i: Issue): string | undefined => {
    if (i.code === 'unknown-profile') return '--profile';
    if (given.profile !== undefined && mentions(i.message, given.profile)) return '--profile';
    if (given.config !== undefined && mentions(i.message, given.config)) return '--config';
    return undefined;
  };
  const named = issues.map((i) => {
    const o = option(i);
    return o === undefined ? i : { ...i, message: `${o}: ${i.message}` };
  });
  const n = issues.length;
  return new CliError(
    `cannot open the tool (${n} problem${n === 1 ? '' : 's'}):\n${formatIssues(named, '  ')}`,
  );
}

function mentions(message: string, path: string): boolean {
  return message.includes(path) || message.includes(resolve(path));
}

/** `--recipe`: a recipe of the tool's store (seeded from the configuration's recipeSeeds), valid. */
export async function checkRecipe(tool: SimulatedTool, name: string): Promise<void> {
  const names = await tool.recipes.list();
  if (!names.includes(name)) {
    throw new CliError(
      `--recipe: no recipe '${name}' in ${tool.recipes.dir} (recipes: ${names.join(', ') || 'none'})`,
    );
  }
  const recipe = await tool.recipes.get(name);
  if (!recipe.ok) throw new CliError(`--recipe ${name}: ${formatIssues(recipe.issues)}`);
}

/** One lot to its end; a refusal of the controller is a CliError (the options were checked before). */
export async function runLotOrFail(
  tool: SimulatedTool,
  options: Parameters<typeof runToolLot>[1],
): Promise<ToolLotResult> {
  const r = await runToolLot(tool, options);
  if (!r.ok) throw new CliError(`the tool refused the lot: ${formatIssues(r.issues)}`);
  return r.value;
}
