// The operator side of `bondline equipment`: a scenario script run once the simulator listens
// (`--scenario`), and a console reading operator commands from stdin (`--operator`).

import { createInterface, type Interface } from 'node:readline';
import { formatIssues } from '@bondline/core';
import {
  type EquipmentModel,
  type OperatorCommand,
  type OperatorRunner,
  type OperatorRunResult,
  type OperatorScript,
  OperatorScriptReader,
  parseOperatorScript,
} from '@bondline/secs';
import { CliError } from '../cli-error.js';
import { readTextInput } from './text-input.js';

/**
 * Read and check a scenario against the model; every issue is a line of a CliError (exit 2), as
 * `file:line: problem`, before anything starts.
 */
export async function loadScenario(file: string, model: EquipmentModel): Promise<OperatorScript> {
  const parsed = parseOperatorScript(await readTextInput(file, '--scenario'), model, file);
  if (!parsed.ok) {
    const n = parsed.issues.length;
    throw new CliError(
      `invalid scenario (${n} problem${n === 1 ? '' : 's'}):\n${formatIssues(parsed.issues, '  ')}`,
    );
  }
  return parsed.value;
}

type Print = (line: string) => void;

/**
 * Resolves once the session has no transaction waiting for a reply, or after `maxMs`: events a
 * scenario's last commands caused (a processing transition's event is sent without waiting) get
 * their acknowledgement before the simulator separates.
 */
export async function drainTransactions(session: { openTransactions: number }, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  while (session.openTransactions > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Run the scenario; resolves with its result after printing how it ended (a failure on stderr with
 * file:line). A cancelled run prints nothing.
 */
export async function runScenario(
  runner: OperatorRunner,
  script: OperatorScript,
  out: Print,
  err: Print,
): Promise<OperatorRunResult> {
  out(`scenario ${script.file}: started`);
  const r = await runner.run(script);
  if (r.ok) out(`scenario ${script.file}: finished`);
  else for (const i of r.issues) if (i.code === 'step-failed') err(`scenario stopped at ${i.message}`);
  return r;
}

/** The console: commands typed on stdin run one after another; a bad line is reported and skipped. */
export class OperatorConsole {
  private readonly rl: Interface;
  private readonly reader: OperatorScriptReader;
  private queue: Promise<void> = Promise.resolve();
  private readonly tty: boolean;

  constructor(
    private readonly runner: OperatorRunner,
    model: EquipmentModel,
    private readonly out: Print,
    private readonly err: Print,
  ) {
    this.tty = process.stdin.isTTY === true;
    this.reader = new OperatorScriptReader(model, 'operator');
    this.rl = createInterface({
      input: process.stdin,
      ...(this.tty ? { output: process.stdout, terminal: true } : { terminal: false }),
    });
    this.rl.on('line', (line) => this.line(line));
    this.rl.on('close', () => {
      this.queue = this.queue.then(() => {
        for (const i of this.reader.finish()) this.err(i.message);
        this.out('operator: end of input; still serving until SIGINT/SIGTERM');
      });
    });
    if (this.tty)
      this.out("operator console: type commands (e.g. 'status', 'event PairBonded'), Ctrl-D ends it");
    this.prompt();
  }

  /** Stop reading stdin. */
  close(): void {
    this.rl.removeAllListeners('close');
    this.rl.close();
  }

  private line(line: string): void {
    const r = this.reader.push(line);
    for (const i of r.issues) this.err(i.message);
    if (r.commands.length > 0) this.enqueue(r.commands);
    else this.prompt();
  }

  private enqueue(commands: OperatorCommand[]): void {
    this.queue = this.queue.then(async () => {
      const r = await this.runner.run({ file: 'operator', commands });
      if (!r.ok) for (const i of r.issues) if (i.code === 'step-failed') this.err(i.message);
      this.prompt();
    });
  }

  private prompt(): void {
    if (!this.tty) return;
    this.rl.setPrompt(this.reader.depth > 0 ? '...> ' : 'operator> ');
    this.rl.prompt();
  }
}
