// The operator language of the equipment simulator, one command per line, `#` comments:
//   set <var> [=] <value>     SV, DV or EC by name or id; value: literal of its type, +N/-N
//                             (relative), uniform <lo> <hi>, normal <mean> <sd>, text with ${i}
//   event <name|ceid>         alarm set|clear <alid ...|text>     process <event>
//   online | offline | local | remote | drop | status | say <text> | sleep <ms>
//   wait processing <state> | wait control <state> | wait communicating | wait selected [timeout <ms>]
//   repeat <n> ... end        (nestable; ${i} is the innermost counter, 1-based)
// Everything is checked against the model here, before anything runs; issues name file:line.

import { type Issue, issue, type Result } from '@bondline/core';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { OperatorCommand, OperatorScript, ScriptIssueCode } from './operator-commands.js';
import { parseStep } from './operator-line.js';
import { LineIssue } from './operator-names.js';
import { tokenize } from './operator-tokens.js';

/** Deepest nesting of `repeat` blocks (the runner recurses per level). */
export const MAX_REPEAT_DEPTH = 32;

type ScriptIssue = Issue<ScriptIssueCode>;

interface OpenRepeat {
  command: OperatorCommand & { op: 'repeat' };
  /** Issues counted when the block opened: a block with new issues is not handed out. */
  issuesBefore: number;
}

/**
 * Reads a script line by line (a file, or an operator typing): `push` hands back the top-level
 * commands each line completes, so a `repeat` block comes out at its `end`. Issues say
 * `file:line: problem`, their path is `line` or `line:column`.
 */
export class OperatorScriptReader {
  private readonly open: OpenRepeat[] = [];
  private lineNo = 0;
  private issueCount = 0;

  constructor(
    private readonly model: EquipmentModel,
    readonly file: string,
  ) {}

  /** Repeat blocks still open (a console shows a continuation prompt). */
  get depth(): number {
    return this.open.length;
  }

  /** Read the next line (a UTF-8 byte-order mark at the start of the first is skipped). */
  push(line: string): { commands: OperatorCommand[]; issues: ScriptIssue[] } {
    this.lineNo++;
    const text = this.lineNo === 1 && line.startsWith('\uFEFF') ? line.slice(1) : line;
    try {
      return { commands: this.read(text), issues: [] };
    } catch (err) {
      if (!(err instanceof LineIssue)) throw err;
      this.issueCount++;
      return { commands: [], issues: [this.issue(err, this.lineNo)] };
    }
  }

  /** The end of the text: every repeat still open is an issue. */
  finish(): ScriptIssue[] {
    const issues = this.open.map((o) =>
      this.issue(new LineIssue('unbalanced', 'repeat has no matching end'), o.command.line),
    );
    this.open.length = 0;
    return issues;
  }

  private read(line: string): OperatorCommand[] {
    const tokens = tokenize(line);
    const first = tokens[0];
    if (first === undefined) return [];
    if (first.text === 'end' && !first.quoted) {
      const block = this.open.pop();
      if (block === undefined) throw new LineIssue('unbalanced', 'end without repeat', first.start + 1);
      // The block is closed (and dropped) either way, so its repeat is not reported unbalanced too.
      if (tokens.length > 1) throw new LineIssue('syntax', 'expected: end', tokens[1]!.start + 1);
      if (this.issueCount > block.issuesBefore) return []; // its issues are reported; drop the block
      return this.add(block.command);
    }
    let step: ReturnType<typeof parseStep>;
    try {
      step = parseStep({ line, tokens, model: this.model, inRepeat: this.open.length > 0 });
      if (step.op === 'repeat' && this.open.length >= MAX_REPEAT_DEPTH)
        throw new LineIssue(
          'too-deep',
          `repeat blocks nested deeper than ${MAX_REPEAT_DEPTH}`,
          first.start + 1,
        );
    } catch (err) {
      // A bad repeat still opens a block, so its end does not count as unbalanced too.
      if (first.text === 'repeat')
        this.open.push({
          command: { op: 'repeat', count: 0, body: [], line: this.lineNo },
          issuesBefore: this.issueCount,
        });
      throw err;
    }
    const command: OperatorCommand = { ...step, line: this.lineNo };
    if (command.op === 'repeat') {
      this.open.push({ command, issuesBefore: this.issueCount });
      return [];
    }
    return this.add(command);
  }

  /** Put a finished command in the innermost open block, or hand it out at top level. */
  private add(command: OperatorCommand): OperatorCommand[] {
    const parent = this.open[this.open.length - 1];
    if (parent === undefined) return [command];
    parent.command.body.push(command);
    return [];
  }

  private issue(err: LineIssue, line: number): ScriptIssue {
    const path = err.column === undefined ? `${line}` : `${line}:${err.column}`;
    return issue(err.code, `${this.file}:${line}: ${err.message}`, path);
  }
}

/**
 * Parse a whole script against the model: the script, or every issue found (none runs then). A script
 * without any command (empty, or only comments) is refused: it would do nothing.
 */
export function parseOperatorScript(
  text: string,
  model: EquipmentModel,
  file = 'script',
): Result<OperatorScript, ScriptIssueCode> {
  const reader = new OperatorScriptReader(model, file);
  const commands: OperatorCommand[] = [];
  const issues: ScriptIssue[] = [];
  for (const line of text.split('\n')) {
    const r = reader.push(line);
    for (const c of r.commands) commands.push(c);
    for (const i of r.issues) issues.push(i);
  }
  for (const i of reader.finish()) issues.push(i);
  // An unclosed repeat is found at the end, reported at its line.
  issues.sort((a, b) => Number.parseInt(a.path ?? '0', 10) - Number.parseInt(b.path ?? '0', 10));
  if (issues.length > 0) return { ok: false, issues };
  if (commands.length === 0)
    return {
      ok: false,
      issues: [
        issue('empty-script', `${file}: the scenario has no commands (it is empty or holds only comments)`),
      ],
    };
  return { ok: true, value: { file, commands } };
}
