// Test helpers: parse a script against a rig's model and run it, collecting what it prints.

import type { Clock } from '../../hsms/clock.js';
import type { Rig } from '../equipment/test-rig.test-util.js';
import { OperatorRunner, type OperatorRunResult } from './operator-runner.js';
import { parseOperatorScript } from './operator-script.js';
import type { RandomSource } from './operator-values.js';

export interface ScriptRun {
  runner: OperatorRunner;
  lines: string[];
  /** Resolves with the run's result. */
  done: Promise<OperatorRunResult>;
}

export interface ScriptOptions {
  /** Draws for `uniform` / `normal` (default: none expected; a draw fails the test). */
  random?: RandomSource;
  clock?: Clock;
}

/** A random source that gives these draws in order, so a test knows every value a script sets. */
export function knownDraws(uniforms: readonly number[], gaussians: readonly number[]): RandomSource {
  const u = [...uniforms];
  const g = [...gaussians];
  const next = (q: number[], what: string): number => {
    const x = q.shift();
    if (x === undefined) throw new Error(`the test gave no more ${what} draws`);
    return x;
  };
  return { nextUniform: () => next(u, 'uniform'), nextGaussian: () => next(g, 'normal') };
}

/** Start running `text` on the rig's equipment (parse issues throw). */
export function startScript(rig: Rig, text: string, opts: ScriptOptions = {}): ScriptRun {
  const parsed = parseOperatorScript(text, rig.equipment.model, 'test.txt');
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  const lines: string[] = [];
  const runner = new OperatorRunner({
    equipment: rig.equipment,
    print: (l) => lines.push(l),
    random: opts.random ?? knownDraws([], []),
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
  });
  return { runner, lines, done: runner.run(parsed.value) };
}

/** Run `text` to its end. */
export async function runScript(
  rig: Rig,
  text: string,
  opts: ScriptOptions = {},
): Promise<{ result: OperatorRunResult; lines: string[] }> {
  const r = startScript(rig, text, opts);
  return { result: await r.done, lines: r.lines };
}

/** The result of a run of `test.txt` stopped at `line` by a command that could not be carried out. */
export function stoppedAt(line: number, message: string, code: 'step-failed' | 'cancelled' = 'step-failed') {
  return { ok: false, issues: [{ code, message: `test.txt:${line}: ${message}`, path: `${line}` }] };
}
