// `bondline tool run --replay <file>`: the tool opened as a fab's replay file says (docs/tool.md §8.4),
// and what the run then reports of it: where the replay comes from (ticket, tool), the fault points it
// forced and on how many pairs they acted, the constants it set and the recipe version it ran.
import { formatIssues, type Issue } from '@bondline/core';
import { openReplay, type PairRecord, type ReplayTool, readReplayFile } from '@bondline/tool';
import { CliError } from '../cli-error.js';

/** The options `--replay` refuses: the replay file sets them (edit it, or run without --replay). */
export const REPLAY_SETS = ['config', 'profile', 'recipe'] as const;

/** Refuse --config, --profile and --recipe next to --replay, naming each. */
export function checkReplayOptions(given: Partial<Record<(typeof REPLAY_SETS)[number], string>>): void {
  const clash = REPLAY_SETS.filter((o) => given[o] !== undefined);
  if (clash.length === 0) return;
  const names = clash.map((o) => `--${o}`).join(', ');
  throw new CliError(
    `${names}: cannot be given with --replay: the replay file sets the ${clash.join(', ')} (edit the file, or run without --replay)`,
  );
}

/**
 * Read and open the replay `path` in `stateDir`; the command's --seed and --pairs, when given, win over
 * the file's. A refusal is one CliError listing every problem, each at the file's line:col and key.
 */
export async function openReplayOrFail(
  path: string,
  stateDir: string,
  given: { seed?: number; pairs?: number },
): Promise<ReplayTool> {
  const file = await readReplayFile(path);
  if (!file.ok) throw refusal(path, file.issues);
  const opened = await openReplay(file.value, { stateDir, ...given });
  if (!opened.ok) throw refusal(path, opened.issues);
  return opened.value;
}

function refusal(path: string, issues: readonly Issue[]): CliError {
  const n = issues.length;
  return new CliError(
    `--replay ${path}: cannot replay it (${n} problem${n === 1 ? '' : 's'}):\n${formatIssues(issues, '  ')}`,
  );
}

/** Each forced fault point and how many of the lot's pairs it acted on. */
function forcedCounts(run: ReplayTool, pairs: readonly PairRecord[]): { id: string; pairs: number }[] {
  return run.forced.map((id) => ({ id, pairs: pairs.filter((p) => p.faults.includes(id)).length }));
}

/** What `--json` adds with --replay: the replay's source, forced points, constants and recipe. */
export interface ReplayJson {
  file: string;
  source: ReplayTool['replay']['source'];
  faults: { id: string; pairs: number }[];
  constants: Readonly<Record<string, number | boolean>>;
  recipe: { name: string; version: number; fromBody: boolean };
}

export function replayJson(run: ReplayTool, pairs: readonly PairRecord[]): ReplayJson {
  return {
    file: run.replay.path,
    source: run.replay.source,
    faults: forcedCounts(run, pairs),
    constants: run.replay.constants,
    recipe: run.recipe,
  };
}

/** The lines the summary starts with under --replay. */
export function replayText(run: ReplayTool, pairs: readonly PairRecord[]): string {
  const s = run.replay.source;
  const from = [
    s.ticket === undefined ? undefined : `ticket ${s.ticket}`,
    s.tool === undefined ? undefined : `tool ${s.tool}`,
    s.module === undefined ? undefined : `module ${s.module}`,
    s.faultId === undefined ? undefined : `fault point ${s.faultId}`,
    s.capturedAt === undefined ? undefined : `captured ${s.capturedAt}`,
  ].filter((x) => x !== undefined);
  const forced = forcedCounts(run, pairs).map(
    (f) => `${f.id} (acted on ${f.pairs} of ${pairs.length} pairs)`,
  );
  const c = run.constants;
  const value = (name: string): string => `${name} ${String(run.replay.constants[name])}`;
  const constants = [
    ...c.applied.map(value),
    ...(c.gemOnly.length === 0 ? [] : [`${c.gemOnly.map(value).join(', ')} (GEM only: no effect offline)`]),
  ];
  const recipe = `${run.recipe.name} version ${run.recipe.version}${run.recipe.fromBody ? " (the replay's body)" : " (the tool's own)"}`;
  return [
    `replay ${run.replay.path}${from.length === 0 ? '' : `: ${from.join(', ')}`}`,
    `  forced faults  ${forced.length === 0 ? 'none' : forced.join(', ')}`,
    `  constants      ${constants.length === 0 ? 'none' : constants.join(', ')}`,
    `  recipe         ${recipe}`,
    '',
  ].join('\n');
}
