// What the binding's handlers do to the equipment: set a variable, fire an event, report a problem. A
// tool event must never throw back into the controller that emitted it, so a value the model refuses
// or an event that fails becomes an issue for the binding's owner instead.

import { type Issue, issue } from '@bondline/core';
import { type GemEquipment, isProgrammerError, type Value } from '@bondline/secs';
import type { GeneratedName } from './documented.js';
import type { R2rConstantName } from './tool-constants.js';
import type { ToolDataName } from './tool-data-variables.js';
import type { ToolStatusName } from './tool-status-variables.js';

export type BindingIssueCode =
  /** A tool event named a module the configuration does not have. */
  | 'unknown-module'
  /** A trace or step record carried a value the model has no trace variable for. */
  | 'unknown-trace'
  /** An alarm event carried an ALID the model does not declare. */
  | 'unknown-alarm'
  /** A value did not fit its variable (NaN, a negative count...). */
  | 'value-refused'
  /** A collection event or alarm report could not be sent. */
  | 'event-failed'
  /** The tool refused R2R offsets a host set; the constants were put back to the tool's. */
  | 'r2r-refused'
  /** The processing state could not follow the tool's. */
  | 'processing-mirror'
  /** A lot started by a remote command failed. */
  | 'lot-failed';

/** What the binding sets: a name of the tables, or one made from a module id or trace variable. */
type VariableName = ToolStatusName | ToolDataName | R2rConstantName | GeneratedName;

export type IssueSink = (i: Issue<BindingIssueCode>) => void;

export class GemPort {
  private readonly once = new Set<string>();

  constructor(
    readonly equipment: GemEquipment,
    private readonly sink: IssueSink,
  ) {}

  /** Set a status or data variable (or an EC, as an operator change); a refused value is an issue. */
  set(name: VariableName, value: Value): void {
    try {
      this.equipment.set(name, value);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      this.report('value-refused', `${name}: ${err.message}`);
    }
  }

  /** Report a collection event (S6F11 if enabled and online, else spooled or dropped as E30 says). */
  fire(ceid: number): void {
    this.equipment.triggerEvent(ceid).catch((err: unknown) => this.failed(`event ${ceid}`, err));
  }

  /** Set or clear an alarm: S5F1 and AlarmSet / AlarmCleared. */
  alarm(alid: number, on: boolean): void {
    const done = on ? this.equipment.setAlarm(alid) : this.equipment.clearAlarm(alid);
    done.catch((err: unknown) => this.failed(`alarm ${alid}`, err));
  }

  report(code: BindingIssueCode, message: string): void {
    this.sink(issue(code, message));
  }

  /** Report `code` for `key` only the first time (an unknown trace name arrives with every sample). */
  reportOnce(code: BindingIssueCode, key: string, message: string): void {
    if (this.once.has(`${code} ${key}`)) return;
    this.once.add(`${code} ${key}`);
    this.report(code, message);
  }

  private failed(what: string, err: unknown): void {
    // A bug (an alarm the model lacks reaching here) must surface, not become an issue line.
    if (isProgrammerError(err)) throw err;
    this.report('event-failed', `${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
