// Loads the tool configuration: validates the file, resolves every path in it relative to the
// file, and loads the physics bond configuration it names, so that a ToolConfig is complete and
// nothing downstream parses configuration again. The fault files are only resolved here: the fault
// engine reads them (docs/tool.md §5).
import { stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import {
  failAll,
  type Issue,
  issue,
  ok,
  parseWithSchema,
  parseYamlText,
  type Result,
  readTextFile,
} from '@bondline/core';
import { loadBondConfig } from '@bondline/physics';
import { toolConfigFileSchema } from './tool-config-schema.js';
import type { ToolConfig } from './tool-config-types.js';

/** Largest tool configuration read: 1 MiB (the default one is 2 kB). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Read and validate a tool configuration (YAML). Every issue names the file, line:column and key;
 * issues of the bond configuration are prefixed with the `bond` key that names it.
 */
export async function loadToolConfig(file: string): Promise<Result<ToolConfig>> {
  const source = resolve(file);
  const text = await readTextFile(source, { maxBytes: MAX_CONFIG_BYTES });
  if (!text.ok) return text;
  const parsed = parseYamlText(text.value, { source: file });
  if (!parsed.ok) return parsed;
  const { locate } = parsed.value;
  const checked = parseWithSchema(toolConfigFileSchema, parsed.value.value, {
    source: file,
    locate,
    knownKeys: true,
  });
  if (!checked.ok) return checked;
  const raw = checked.value;
  const dir = dirname(source);
  const at = (key: string): string => [file, locate([key])].filter((s) => s !== undefined).join(':');

  const issues: Issue[] = [];
  const bondPath = resolve(dir, raw.bond);
  const bond = await loadBondConfig(bondPath);
  if (!bond.ok) {
    for (const i of bond.issues) issues.push(issue(i.code, `${at('bond')}: bond: ${i.message}`, 'bond'));
  }
  const recipeSeeds = resolve(dir, raw.recipeSeeds);
  const seedsProblem = await notADirectory(recipeSeeds);
  if (seedsProblem !== undefined) {
    issues.push(issue('recipe-seeds', `${at('recipeSeeds')}: recipeSeeds: ${seedsProblem}`, 'recipeSeeds'));
  }
  if (!bond.ok || issues.length > 0) return failAll(issues);

  return ok({
    source,
    tool: raw.tool,
    modules: raw.modules,
    carrierSlots: raw.carrierSlots,
    bond: bond.value.params,
    twin: raw.twin,
    faults: {
      catalogue: resolve(dir, raw.faults.catalogue),
      profile: isFileName(raw.faults.profile) ? resolve(dir, raw.faults.profile) : raw.faults.profile,
    },
    recipeSeeds,
    defaultRecipe: raw.defaultRecipe,
    maintenanceEveryWafers: raw.maintenanceEveryWafers,
    gem: raw.gem,
  });
}

/** A profile given as a file (a .yaml/.yml name or a path) rather than a profile name. */
function isFileName(profile: string): boolean {
  const ext = extname(profile).toLowerCase();
  return ext === '.yaml' || ext === '.yml' || /[\\/]/.test(profile);
}

/** Why `path` cannot be the recipe seed directory, or undefined when it is a directory. */
async function notADirectory(path: string): Promise<string | undefined> {
  try {
    return (await stat(path)).isDirectory() ? undefined : `${path} is not a directory`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `${path} does not exist`;
    return `${path} cannot be read (${code ?? String(err)})`;
  }
}
