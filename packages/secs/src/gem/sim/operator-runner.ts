// Runs parsed operator scripts against a GemEquipment through its public API, printing what happens
// (events and what became of them, alarms, link drops, waits, `say`, `status`). A command that cannot
// be carried out now (a processing event illegal in the current state, a wait that timed out, a value
// out of range) stops the script with a result naming file:line; nothing is thrown.

import { issue, type Result } from '@bondline/core';
import { type Clock, realClock } from '../../hsms/clock.js';
import type { GemEquipment } from '../equipment/gem-equipment.js';
import type { OperatorCommand, OperatorScript, OperatorStep } from './operator-commands.js';
import { alarmOutcome, eventData, eventOutcome, spoolMark, statusLine } from './operator-report.js';
import { type RandomSource, resolveValue, substitute } from './operator-values.js';
import { describeTarget, RunCancelled, reached, sleep, waitFor } from './operator-waits.js';

export interface OperatorRunnerOptions {
  equipment: GemEquipment;
  /** Receives each line the script prints (no newline). */
  print: (line: string) => void;
  /** Draws for `uniform` / `normal`: a seeded generator, so that a run repeats. */
  random: RandomSource;
  /** Time for `sleep` and `wait ... timeout` (default real time). */
  clock?: Clock;
}

/**
 * Why a run ended early: a command could not be carried out (`step-failed`), or `cancel()` was called
 * while it ran (`cancelled`). The issue's message says `file:line: problem`, its path is the line.
 */
export type RunIssueCode = 'step-failed' | 'cancelled';

/** How a run ended. */
export type OperatorRunResult = Result<undefined, RunIssueCode>;

/**
 * Commands run between two turns of the event loop at most: a `repeat` of commands that never wait
 * (`set`, `say`) would otherwise keep the simulator from serving the host until it ends.
 */
const STEPS_PER_TURN = 256;

/** A command that could not be carried out; ends the script. */
class StepFailed extends Error {
  override readonly name = 'StepFailed';
}

export class OperatorRunner {
  readonly equipment: GemEquipment;
  private readonly print: (line: string) => void;
  private readonly random: RandomSource;
  private readonly clock: Clock;
  private abort = new AbortController();
  private stepsThisTurn = 0;

  constructor(options: OperatorRunnerOptions) {
    this.equipment = options.equipment;
    this.print = options.print;
    this.random = options.random;
    this.clock = options.clock ?? realClock;
  }

  /** Run a script to its end or its first failure. Several runs may be under way at once. */
  async run(script: OperatorScript): Promise<OperatorRunResult> {
    const signal = this.abort.signal;
    const at = { line: 0 };
    try {
      await this.block(script.commands, [], signal, at);
      return { ok: true, value: undefined };
    } catch (err) {
      const code = err instanceof RunCancelled ? 'cancelled' : 'step-failed';
      const text = err instanceof Error ? err.message : String(err);
      return { ok: false, issues: [issue(code, `${script.file}:${at.line}: ${text}`, `${at.line}`)] };
    }
  }

  /** Stop every run under way (sleeps and waits end at once); later runs are not affected. */
  cancel(): void {
    this.abort.abort();
    this.abort = new AbortController();
  }

  private async block(
    commands: readonly OperatorCommand[],
    counters: readonly number[],
    signal: AbortSignal,
    at: { line: number },
  ): Promise<void> {
    for (const c of commands) {
      if (signal.aborted) throw new RunCancelled();
      if (++this.stepsThisTurn >= STEPS_PER_TURN) {
        this.stepsThisTurn = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (signal.aborted) throw new RunCancelled();
      }
      at.line = c.line;
      if (c.op === 'repeat') {
        for (let i = 1; i <= c.count; i++) await this.block(c.body, [...counters, i], signal, at);
        continue;
      }
      try {
        await this.step(c, counters[counters.length - 1], signal);
      } catch (err) {
        if (err instanceof RunCancelled || err instanceof StepFailed) throw err;
        // A RangeError of a value that does not fit, a refusal of the equipment: name the command.
        throw new StepFailed(`${c.op}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private async step(s: OperatorStep, counter: number | undefined, signal: AbortSignal): Promise<void> {
    const eq = this.equipment;
    switch (s.op) {
      case 'set': {
        const value = resolveValue(s.value, s.type, {
          current: () => eq.vars.get(s.vid),
          counter,
          random: this.random,
        });
        eq.set(s.vid, value);
        return;
      }
      case 'event': {
        const data = eventData(eq, s.ceid);
        const mark = spoolMark(eq);
        const acked = await eq.triggerEvent(s.ceid);
        const outcome = eventOutcome(eq, s.ceid, acked, mark);
        this.print(`event ${s.name} (${s.ceid}): ${outcome}${data === '' ? '' : ` [${data}]`}`);
        return;
      }
      case 'alarm':
        for (const alid of s.alids) await this.alarm(alid, s.set);
        return;
      case 'process': {
        const r = eq.processingEvent(s.event);
        if (!r.ok)
          throw new StepFailed(`process ${s.event}: not allowed in processing state ${eq.processing.state}`);
        return;
      }
      case 'online':
        return this.online();
      case 'offline': {
        const r = eq.operatorOffline();
        if (!r.ok) throw new StepFailed(`offline: not allowed in control state ${eq.control.state}`);
        return;
      }
      case 'local':
      case 'remote':
        eq.setRemote(s.op === 'remote');
        this.print(`switch: ${s.op} (control ${eq.control.state})`);
        return;
      case 'drop':
        if (eq.session.state === 'not-connected') throw new StepFailed('drop: no HSMS connection to drop');
        eq.session.close();
        this.print('link dropped: TCP connection closed without Separate.req');
        return;
      case 'sleep':
        return sleep(this.clock, s.ms, signal);
      case 'wait':
        if (reached(eq, s.target)) return;
        this.print(`waiting for ${describeTarget(s.target)}`);
        try {
          await waitFor(eq, s.target, { clock: this.clock, timeoutMs: s.timeoutMs, signal });
        } catch (err) {
          if (err instanceof RunCancelled) throw err;
          throw new StepFailed(`wait ${describeTarget(s.target)}: ${(err as Error).message}`);
        }
        return;
      case 'say':
        this.print(substitute(s.text, counter));
        return;
      case 'status':
        this.print(statusLine(eq));
        return;
      case 'repeat':
        throw new TypeError('repeat is run by block()');
    }
  }

  private async alarm(alid: number, set: boolean): Promise<void> {
    const eq = this.equipment;
    const def = eq.model.alarms.find((a) => a.id === alid)!;
    const word = set ? 'set' : 'cleared';
    if (eq.alarmSet.has(alid) === set) {
      this.print(`alarm ${alid} already ${word}: ${def.text}`);
      return;
    }
    const mark = spoolMark(eq);
    await eq[set ? 'setAlarm' : 'clearAlarm'](alid);
    this.print(`alarm ${alid} ${word}: ${def.text} (${alarmOutcome(eq, alid, mark)})`);
  }

  /** Operator ONLINE: refused unless the control state allows it; an attempt the host does not answer is printed. */
  private async online(): Promise<void> {
    const eq = this.equipment;
    const before = eq.control.state;
    let moved = false;
    const off = eq.on('control-state', () => {
      moved = true;
    });
    try {
      const state = await eq.operatorOnline();
      if (!moved) throw new StepFailed(`online: not allowed in control state ${before}`);
      if (state !== 'online-local' && state !== 'online-remote')
        this.print(`online: attempt failed (no S1F2 from the host), control state ${state}`);
    } finally {
      off();
    }
  }
}
