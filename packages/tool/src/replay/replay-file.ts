// Reading a replay file (docs/tool.md §8.4): YAML, or JSON when its name ends in .json (held to strict
// JSON), UTF-8 with or without a byte-order mark, at most MAX_REPLAY_BYTES. Every problem is reported,
// each naming the file, line:col and key path. Paths in the file are relative to it.
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  type Issue,
  issue,
  parseWithSchema,
  parseYamlText,
  type Result,
  readTextFile,
  visible,
} from '@bondline/core';
import { constantProblem } from '../assemble/set-tool-constants.js';
import { SHIPPED_PROFILES } from '../faults/example-files.js';
import type { PointRate } from '../faults/fix-record.js';
import { toRates } from '../faults/load-profile.js';
import { type FilePlace, placedIssue } from '../faults/placed-issue.js';
import { parseRecipe, validateRecipe } from '../recipe/recipe-schema.js';
import type { Recipe } from '../recipe/recipe-types.js';
import { type ReplayFileData, type ReplaySource, replayFileSchema } from './replay-schema.js';

/** Largest replay file read, bytes: a replay is a few kilobytes (a recipe body is about 3 kB). */
export const MAX_REPLAY_BYTES = 1024 * 1024;

/** A replay as read: its paths resolved, its recipe body and constants checked. */
export interface ReplayFile {
  /** Where it was read from (as given), for messages. */
  path: string;
  /** Where the fault was seen; informational. */
  source: ReplaySource;
  /** Absolute path of the tool configuration, when the file names one. */
  configPath?: string;
  /** A shipped profile's name, or the absolute path of a profile file, when the file names one. */
  profile?: string;
  fixes?: number;
  recipe?: { name: string; body?: Recipe };
  /** Equipment constants by name, in the file's order. */
  constants: Readonly<Record<string, number | boolean>>;
  /** Rate overrides by fault id, in the file's order. */
  faults: ReadonlyMap<string, PointRate>;
  seed?: number;
  pairs?: number;
  /** The file and the place of a key path in it, for the checks made when the replay is opened. */
  where: FilePlace;
}

/** Read and check the replay file at `path`. */
export async function readReplayFile(path: string): Promise<Result<ReplayFile>> {
  const text = await readTextFile(path, { maxBytes: MAX_REPLAY_BYTES });
  if (!text.ok) return text;
  return parseReplayText(text.value, { source: path, dir: dirname(resolve(path)) });
}

/**
 * Check replay text (a leading byte-order mark is ignored). `source` names it in messages; `dir` is
 * what its relative paths are relative to; `format` json holds it to strict JSON. Pure: no file access.
 */
export function parseReplayText(
  text: string,
  o: { source: string; dir: string; format?: 'yaml' | 'json' },
): Result<ReplayFile> {
  const format = o.format ?? (o.source.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const doc = parseYamlText(body, { source: o.source, format, maxChars: MAX_REPLAY_BYTES });
  if (!doc.ok) return doc;
  const where: FilePlace = { source: o.source, locate: doc.value.locate };
  if (doc.value.value === null || doc.value.value === undefined) {
    return {
      ok: false,
      issues: [issue('missing', `${o.source}: the replay is empty: it needs at least format`)],
    };
  }
  const parsed = parseWithSchema(replayFileSchema, doc.value.value, { ...where, knownKeys: true });
  // The constants' names, types and limits are checked even when another field is refused, so one
  // reading reports every problem of the file.
  const issues: Issue[] = constantIssues(doc.value.value, where);
  if (!parsed.ok) return { ok: false, issues: inTextOrder([...parsed.issues, ...issues], where) };
  const data = parsed.value;
  const recipe = data.recipe === undefined ? undefined : recipeOf(data.recipe, where, issues);
  if (data.profile !== undefined && isProfileName(data.profile) && !isShipped(data.profile)) {
    issues.push(
      placedIssue(
        'unknown-profile',
        where,
        ['profile'],
        `'${data.profile}' is not a shipped profile (${SHIPPED_PROFILES.join(', ')}); give a profile file's path (relative to this file) for another one`,
      ),
    );
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: toReplay(data, o.source, o.dir, where, recipe) };
}

function toReplay(
  data: ReplayFileData,
  path: string,
  dir: string,
  where: FilePlace,
  recipe: ReplayFile['recipe'],
): ReplayFile {
  const out: ReplayFile = {
    path,
    source: data.source ?? {},
    constants: data.constants ?? {},
    faults: toRates(data.faults ?? {}),
    where,
  };
  if (data.config !== undefined) out.configPath = fromFile(dir, data.config);
  if (data.profile !== undefined)
    out.profile = isProfileName(data.profile) ? data.profile : fromFile(dir, data.profile);
  if (data.fixes !== undefined) out.fixes = data.fixes;
  if (recipe !== undefined) out.recipe = recipe;
  if (data.seed !== undefined) out.seed = data.seed;
  if (data.pairs !== undefined) out.pairs = data.pairs;
  return out;
}

/** Problems of the constants that have a number or a true/false value (the schema names the others). */
function constantIssues(data: unknown, where: FilePlace): Issue[] {
  const constants = isMapping(data) ? data.constants : undefined;
  if (!isMapping(constants)) return [];
  const out: Issue[] = [];
  for (const [name, value] of Object.entries(constants)) {
    if (typeof value !== 'number' && typeof value !== 'boolean') continue;
    const p = constantProblem(name, value);
    if (p !== undefined) out.push(placedIssue(p.code, where, ['constants', name], p.text));
  }
  return out;
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Issues in the order of their keys in the text (those without a place last, as they came). */
function inTextOrder(issues: readonly Issue[], where: FilePlace): Issue[] {
  const at = (i: Issue): number[] => {
    const place = i.path === undefined ? undefined : where.locate?.(i.path.split('.'));
    return (place ?? '').split(':').map(Number).filter(Number.isFinite);
  };
  const keyed = issues.map((i, n) => ({ i, n, at: at(i) }));
  keyed.sort((a, b) => {
    if (a.at.length === 0 || b.at.length === 0)
      return (a.at.length === 0 ? 1 : 0) - (b.at.length === 0 ? 1 : 0) || a.n - b.n;
    return (a.at[0] ?? 0) - (b.at[0] ?? 0) || (a.at[1] ?? 0) - (b.at[1] ?? 0) || a.n - b.n;
  });
  return keyed.map((k) => k.i);
}

/** The recipe section: a name, and a body checked as the store checks a recipe (its name the same). */
function recipeOf(
  r: NonNullable<ReplayFileData['recipe']>,
  where: FilePlace,
  issues: Issue[],
): ReplayFile['recipe'] {
  if (r.body === undefined) return { name: r.name };
  const checked =
    typeof r.body === 'string'
      ? parseRecipe(r.body, `${where.source}: recipe.body`)
      : validateRecipe(r.body, {
          source: where.source,
          locate: (p) => where.locate?.(['recipe', 'body', ...p]),
        });
  if (!checked.ok) {
    issues.push(...checked.issues.map((i) => underBody(i, typeof r.body === 'string')));
    return undefined;
  }
  if (checked.value.name !== r.name) {
    issues.push(
      placedIssue(
        'name-mismatch',
        where,
        typeof r.body === 'string' ? ['recipe', 'body'] : ['recipe', 'body', 'name'],
        `the body is recipe ${checked.value.name}, not ${r.name} (recipe.name)`,
      ),
    );
    return undefined;
  }
  return { name: r.name, body: checked.value };
}

/** A recipe issue re-keyed under `recipe.body` (a mapping body's message names the key path too). */
function underBody(i: Issue, textBody: boolean): Issue {
  if (i.path === undefined) return i;
  const path = `recipe.body.${i.path}`;
  // The message shows the key as core's `visible` writes it (invisible characters named).
  const named = `: ${visible(i.path)}: `;
  const message =
    textBody || !i.message.includes(named) ? i.message : i.message.replace(named, `: ${visible(path)}: `);
  return { ...i, path, message };
}

const isProfileName = (s: string): boolean => /^[a-z0-9][a-z0-9-]*$/.test(s);
const isShipped = (s: string): boolean => (SHIPPED_PROFILES as readonly string[]).includes(s);
const fromFile = (dir: string, p: string): string => (isAbsolute(p) ? p : resolve(dir, p));
