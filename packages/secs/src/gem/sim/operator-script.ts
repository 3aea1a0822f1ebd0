// The operator language of the equipment simulator, one command per line, `#` comments:
//   set <var> [=] <value>     SV, DV or EC by name or id; value: literal of its type, +N/-N
//                             (relative), uniform <lo> <hi>, normal <mean> <sd>, text with ${i}
//   event <name|ceid>         alarm set|clear <alid ...|text>     process <event>
//   online | offline | local | remote | drop | status | say <text> | sleep <ms>
//   wait processing <state> | wait control <state> | wait communicating | wait selected [timeout <ms>]
//   repeat <n> ... end        (nestable; ${i} is the innermost counter, 1-based)
// Everything is checked against the model here, before anything runs; issues name file:line.

import type { EquipmentModel } from '../model/equipment-model.js';
import type { OperatorCommand, ScriptIssue, ScriptResult } from './operator-commands.js';
import { parseStep } from './operator-line.js';
import { LineIssue } from './operator-names.js';
import { tokenize } from './operator-tokens.js';

interface OpenRepeat {
  command: OperatorCommand & { op: 'repeat' };
  /** Issues counted when the block opened: a block with new issues is not handed out. */
  issuesBefore: number;
}

/**
 * Reads a script line by line (a file, or an operator typing): `push` hands back the top-level
 * commands each line completes, so a `repeat` block comes out at its `end`.
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

  /** Read the next line. */
  push(line: string): { commands: OperatorCommand[]; issues: ScriptIssue[] } {
    this.lineNo++;
    try {
      return { commands: this.read(line), issues: [] };
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
      if (block === undefined) throw new LineIssue('unbalanced', 'end without repeat');
      // The block is closed (and dropped) either way, so its repeat is not reported unbalanced too.
      if (tokens.length > 1) throw new LineIssue('syntax', 'expected: end');
      if (this.issueCount > block.issuesBefore) return []; // its issues are reported; drop the block
      return this.add(block.command);
    }
    let step: ReturnType<typeof parseStep>;
    try {
      step = parseStep({ line, tokens, model: this.model, inRepeat: this.open.length > 0 });
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
    return { code: err.code, file: this.file, line, message: err.message };
  }
}

/** Parse a whole script against the model: the script, or every issue found (none runs then). */
export function parseOperatorScript(text: string, model: EquipmentModel, file = 'script'): ScriptResult {
  const reader = new OperatorScriptReader(model, file);
  const commands: OperatorCommand[] = [];
  const issues: ScriptIssue[] = [];
  for (const line of text.split('\n')) {
    const r = reader.push(line);
    for (const c of r.commands) commands.push(c);
    for (const i of r.issues) issues.push(i);
  }
  for (const i of reader.finish()) issues.push(i);
  issues.sort((a, b) => a.line - b.line); // an unclosed repeat is found at the end, reported at its line
  return issues.length === 0 ? { ok: true, script: { file, commands } } : { ok: false, issues };
}
