// Test helpers: parse a script against a rig's model and run it, collecting what it prints.

import type { Clock } from '../../hsms/clock.js';
import type { Rig } from '../equipment/test-rig.js';
import { formatScriptIssue } from './operator-commands.js';
import { OperatorRunner, type OperatorRunResult } from './operator-runner.js';
import { parseOperatorScript } from './operator-script.js';

export interface ScriptRun {
  runner: OperatorRunner;
  lines: string[];
  /** Resolves with the run's result. */
  done: Promise<OperatorRunResult>;
}

/** Start running `text` on the rig's equipment (parse issues throw). */
export function startScript(rig: Rig, text: string, opts: { seed?: number; clock?: Clock } = {}): ScriptRun {
  const parsed = parseOperatorScript(text, rig.equipment.model, 'test.txt');
  if (!parsed.ok) throw new Error(parsed.issues.map(formatScriptIssue).join('\n'));
  const lines: string[] = [];
  const runner = new OperatorRunner({
    equipment: rig.equipment,
    print: (l) => lines.push(l),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
  });
  return { runner, lines, done: runner.run(parsed.script) };
}

/** Run `text` to its end. */
export async function runScript(
  rig: Rig,
  text: string,
  opts: { seed?: number; clock?: Clock } = {},
): Promise<{ result: OperatorRunResult; lines: string[] }> {
  const r = startScript(rig, text, opts);
  return { result: await r.done, lines: r.lines };
}
