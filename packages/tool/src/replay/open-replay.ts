// Opening the simulated tool as a replay file says (docs/tool.md §8.4): its configuration, its profile
// with the replay's rate overrides on top (the ticket's fault points made to fire), its recipe (the
// body the ticket captured installed in the tool's store), its equipment constants set, its seed and
// pairs. Everything that needs the tool's files is checked here, each problem placed in the replay
// file; nothing is left open when the replay is refused.
import { type Issue, issue, type Result } from '@bondline/core';
import { type ConstantsSet, setToolConstants } from '../assemble/set-tool-constants.js';
import { openSimulatedTool, type SimulatedTool } from '../assemble/simulated-tool.js';
import type { Pacing } from '../clock/pacing.js';
import { defaultToolConfigPath } from '../config/default-config-path.js';
import { loadToolConfig } from '../config/tool-config.js';
import type { FaultCatalogue } from '../faults/fault-catalogue.js';
import { loadCatalogue } from '../faults/load-catalogue.js';
import { placedIssue } from '../faults/placed-issue.js';
import type { FileRecipeStore } from '../recipe/recipe-store.js';
import type { Recipe } from '../recipe/recipe-types.js';
import { recipeToYaml } from '../recipe/recipe-yaml.js';
import type { ReplayFile } from './replay-file.js';

/** The seed when neither the replay nor the caller gives one (as `bondline tool run`'s). */
const DEFAULT_SEED = 1;

export interface OpenReplayOptions {
  /** The tool's state directory (its recipe store: a replay's recipe body is stored there). */
  stateDir: string;
  /** Instead of the replay's seed. */
  seed?: number;
  /** Instead of the replay's pairs. */
  pairs?: number;
  /** Default MAX_SPEED. */
  pacing?: Pacing;
}

/** The tool a replay opened, and the lot it asks for. */
export interface ReplayTool {
  tool: SimulatedTool;
  replay: ReplayFile;
  /** The recipe the lot runs, and its version in the tool's store. */
  recipe: { name: string; version: number; fromBody: boolean };
  pairs: number;
  seed: number;
  /** The fault points whose rates the replay overrides, in its order. */
  forced: string[];
  constants: ConstantsSet;
}

/** Open the tool of `replay`; refused with every problem found, each naming the replay file's key. */
export async function openReplay(replay: ReplayFile, o: OpenReplayOptions): Promise<Result<ReplayTool>> {
  const where = replay.where;
  const configPath =
    replay.configPath === undefined
      ? await defaultToolConfigPath()
      : { ok: true as const, value: replay.configPath };
  if (!configPath.ok) return configPath;
  const config = await loadToolConfig(configPath.value);
  if (!config.ok) return config;
  const catalogue = await loadCatalogue(config.value.faults.catalogue);
  if (!catalogue.ok) return catalogue;
  const issues = faultIdIssues(replay, catalogue.value);
  const slots = config.value.carrierSlots;
  const pairs = o.pairs ?? replay.pairs ?? slots;
  if (pairs > slots) {
    const text = `${pairs} pairs do not fit a carrier of ${slots} slots (${config.value.source})`;
    issues.push(
      o.pairs === undefined
        ? placedIssue('out-of-range', where, ['pairs'], text)
        : issue('out-of-range', text),
    );
  }
  if (issues.length > 0) return { ok: false, issues };

  const seed = o.seed ?? replay.seed ?? DEFAULT_SEED;
  const opened = await openSimulatedTool({
    stateDir: o.stateDir,
    seed,
    configPath: configPath.value,
    ...(replay.profile === undefined ? {} : { profile: replay.profile }),
    ...(replay.fixes === undefined ? {} : { fixes: replay.fixes }),
    rateOverrides: replay.faults,
    ...(o.pacing === undefined ? {} : { pacing: o.pacing }),
  });
  if (!opened.ok) return opened;
  const tool = opened.value;
  const recipe = await installRecipe(tool.recipes, replay, config.value.defaultRecipe);
  if (!recipe.ok) {
    await tool.close();
    return recipe;
  }
  // The file's constants were checked when it was read: a refusal here is the controller's own.
  const constants = setToolConstants(tool.controller, replay.constants);
  if (!constants.ok) {
    await tool.close();
    const issues = constants.issues.map((i) => ({
      ...i,
      message: `${where.source}: constants: ${i.message}`,
    }));
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      tool,
      replay,
      recipe: recipe.value,
      pairs,
      seed,
      forced: [...replay.faults.keys()],
      constants: constants.value,
    },
  };
}

/** Fault ids of the replay (its overrides, its source's fault point) that the catalogue lacks. */
function faultIdIssues(replay: ReplayFile, catalogue: FaultCatalogue): Issue[] {
  const unknown = (path: PropertyKey[], id: string): Issue =>
    placedIssue('unknown-fault', replay.where, path, `${id} is not a fault point of ${catalogue.source}`);
  const out = [...replay.faults.keys()]
    .filter((id) => !catalogue.byId.has(id))
    .map((id) => unknown(['faults', id], id));
  const seen = replay.source.faultId;
  if (seen !== undefined && !catalogue.byId.has(seen)) out.push(unknown(['source', 'faultId'], seen));
  return out;
}

/**
 * The replay's recipe in the tool's store: its body stored as the next version unless the current one
 * is the same recipe already; without a body, the store's own version of that name (default the
 * configuration's defaultRecipe).
 */
async function installRecipe(
  store: FileRecipeStore,
  replay: ReplayFile,
  defaultRecipe: string,
): Promise<Result<ReplayTool['recipe']>> {
  const name = replay.recipe?.name ?? defaultRecipe;
  const body = replay.recipe?.body;
  const current = await store.get(name);
  if (body === undefined) {
    if (current.ok) return { ok: true, value: { name, version: current.value.version, fromBody: false } };
    const names = await store.list();
    const text = `no recipe '${name}' in ${store.dir} (recipes: ${names.join(', ') || 'none'}); give its body as recipe.body`;
    return {
      ok: false,
      issues: [
        replay.recipe === undefined
          ? issue('recipe-not-found', `${replay.where.source}: ${text}`)
          : placedIssue('recipe-not-found', replay.where, ['recipe', 'name'], text),
      ],
    };
  }
  if (current.ok && sameRecipe(current.value, body)) {
    return { ok: true, value: { name, version: current.value.version, fromBody: true } };
  }
  const stored = await store.put({ name, description: body.description, params: body.params });
  return stored.ok ? { ok: true, value: { name, version: stored.value.version, fromBody: true } } : stored;
}

/** The same recipe whatever the version numbers say: every parameter and the description. */
function sameRecipe(a: Recipe, b: Recipe): boolean {
  return recipeToYaml({ ...a, version: 0 }) === recipeToYaml({ ...b, version: 0 });
}
