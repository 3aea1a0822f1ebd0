// The recipe file (YAML) and its validation, built from the parameter table in recipe-spec.ts: the
// limits are read from there, never repeated here. A refusal names the parameter, the value, its
// unit and the limit it broke, at the file's line and column (docs/tool.md §3).
import {
  failAll,
  type Issue,
  issue,
  keyPath,
  ok,
  parseYamlText,
  type Result,
  visible,
  zodIssues,
} from '@bondline/core';
import { z } from 'zod';
import { MODULE_KINDS } from '../module-kind.js';
import { closestKey } from './did-you-mean.js';
import {
  moduleParamKeys,
  type NumberParamSpec,
  type ParamSpec,
  RECIPE_MODULES,
  RECIPE_SPEC,
  type RecipeModule,
  withUnit,
} from './recipe-spec.js';
import type { Recipe, RecipeParams } from './recipe-types.js';

/** What a recipe name (a GEM PPID and a file name) may be: as @bondline/secs stores a PPID. */
const RECIPE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** True when `name` can name a recipe: 1..80 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit. */
export const isRecipeName = (name: string): boolean => RECIPE_NAME.test(name);

/** Why `v` breaks the parameter's limits, or undefined when it keeps them. */
function limitProblem(spec: NumberParamSpec, v: number): string | undefined {
  if (v < spec.min) return `${withUnit(v, spec.unit)} is below the minimum ${withUnit(spec.min, spec.unit)}`;
  if (v > spec.max) return `${withUnit(v, spec.unit)} is above the maximum ${withUnit(spec.max, spec.unit)}`;
  if (spec.integer && !Number.isInteger(v)) return `${v} is not a whole number`;
  return undefined;
}

function paramSchema(spec: ParamSpec): z.ZodType {
  if (spec.kind === 'enum') return z.enum(spec.values).default(spec.default);
  return z
    .number()
    .superRefine((v, ctx) => {
      const problem = limitProblem(spec, v);
      if (problem !== undefined)
        ctx.addIssue({ code: 'custom', message: problem, input: v, params: { code: 'out-of-range' } });
    })
    .default(spec.default);
}

function moduleSchema(module: RecipeModule): z.ZodType {
  const specs: Readonly<Record<string, ParamSpec>> = RECIPE_SPEC[module];
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(specs)) shape[key] = paramSchema(spec);
  // An omitted module takes every default (prefault runs the defaults of the keys inside).
  return z.strictObject(shape).prefault({});
}

const modulesShape: Record<string, z.ZodType> = {};
for (const m of RECIPE_MODULES) modulesShape[m] = moduleSchema(m);

/** The keys of a recipe file's top level, in the order recipeToYaml writes them. */
const TOP_KEYS = ['name', 'version', 'description', 'modules'] as const;

/** Schema of a recipe file; `version` is optional (the store numbers versions). */
const recipeFileSchema = z.strictObject({
  name: z.string().superRefine((v, ctx) => {
    if (!isRecipeName(v))
      ctx.addIssue({
        code: 'custom',
        input: v,
        params: { code: 'invalid-value' },
        message: `${JSON.stringify(visible(v))} is not a recipe name: 1 to 80 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit`,
      });
  }),
  version: z.number().int().min(1).optional(),
  description: z.string().max(2000).default(''),
  modules: z.strictObject(modulesShape).prefault({}),
});

/** Where a recipe's data came from: a name for messages and, for text, key positions. */
export interface RecipeSource {
  source: string;
  locate?: (path: readonly PropertyKey[]) => string | undefined;
}

/**
 * Validate recipe data (a parsed file, or an object built in code) against the parameter table.
 * Omitted modules and parameters take their defaults; a missing `version` is 1. Every problem is
 * reported, each naming its key path (and line:column when `locate` is given).
 */
export function validateRecipe(data: unknown, from: RecipeSource): Result<Recipe> {
  const r = recipeFileSchema.safeParse(data, { reportInput: true });
  if (r.success) {
    // The table's `satisfies` check (recipe-spec.ts) ties its keys to RecipeParams, and every key
    // has a schema built from its row: the parsed modules are RecipeParams.
    const params = r.data.modules as unknown as RecipeParams;
    return ok({ name: r.data.name, version: r.data.version ?? 1, description: r.data.description, params });
  }
  // Issues in the order of the text, so the first one printed is the first problem in the file.
  const found: { at: number[]; issue: Issue }[] = [];
  const options = from.locate === undefined ? { source: from.source } : from;
  const position = (path: readonly PropertyKey[]): number[] =>
    (from.locate?.(path) ?? '').split(':').map(Number).filter(Number.isFinite);
  for (const zi of r.error.issues) {
    if (zi.code === 'unrecognized_keys') {
      for (const k of zi.keys) {
        const path = [...zi.path, k];
        found.push({ at: position(path), issue: unknownKey(path, from) });
      }
    } else {
      for (const i of zodIssues([zi], options)) found.push({ at: position(zi.path), issue: i });
    }
  }
  found.sort((a, b) => compareAt(a.at, b.at));
  const out = found.map((f) => f.issue);
  return failAll(out);
}

/** Order of two `[line, column]` positions; an unknown position (empty) sorts last. */
function compareAt(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return (a.length === 0 ? 1 : 0) - (b.length === 0 ? 1 : 0);
  return (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0);
}

/** Parse and validate a recipe file's text; `source` (a path) prefixes every message. Pure. */
export function parseRecipe(text: string, source: string): Result<Recipe> {
  const parsed = parseYamlText(text, { source });
  if (!parsed.ok) return parsed;
  return validateRecipe(parsed.value.value, { source, locate: parsed.value.locate });
}

/** An unknown key, with the known key it probably meant (or the keys known there). */
function unknownKey(path: PropertyKey[], from: RecipeSource): Issue {
  const key = String(path[path.length - 1]);
  const parent = path.slice(0, -1).map(String);
  let what: string;
  let known: readonly string[];
  if (parent.length === 0) {
    what = 'recipe key';
    known = TOP_KEYS;
  } else if (parent.length === 1) {
    what = 'module';
    known = RECIPE_MODULES;
  } else {
    what = `${parent[1]} parameter`;
    known = moduleParamKeys(parent[1] as RecipeModule);
  }
  let text: string;
  if (what === 'module' && (MODULE_KINDS as readonly string[]).includes(key)) {
    text = `${key} takes no recipe parameters (modules with parameters: ${known.join(', ')})`;
  } else {
    const guess = closestKey(key, known);
    text =
      guess === undefined
        ? `is not a known ${what} (known: ${known.join(', ')})`
        : `is not a known ${what}; did you mean ${guess}?`;
  }
  const at = from.locate?.(path);
  const where = [from.source, at].filter((s) => s !== undefined && s !== '').join(':');
  const name = keyPath(path);
  return issue('unknown-key', `${where}: ${visible(name)}: ${text}`, name);
}
