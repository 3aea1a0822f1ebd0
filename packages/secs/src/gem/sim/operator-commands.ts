// The parsed form of the simulator's operator language: one command per line, names already resolved
// against the equipment model, so running a script never meets an unknown name.

import type { Value, ValueType } from '../model/value.js';
import type { ControlState } from '../state/control-state.js';

/** Where a `set` takes its value from. `${i}` is the innermost repeat counter, 1-based. */
export type ValueSource =
  | { kind: 'literal'; value: Value }
  /** Text containing `${i}`. */
  | { kind: 'template'; text: string }
  /** `${i}` as a number. */
  | { kind: 'counter' }
  /** `+N` / `-N`: added to the current value. */
  | { kind: 'relative'; delta: number }
  /** Drawn from the seeded generator; integer types get an integer in lo..hi. */
  | { kind: 'uniform'; lo: number; hi: number }
  /** Drawn from the seeded generator; integer types are rounded. */
  | { kind: 'normal'; mean: number; sd: number };

/** What a `wait` waits for. `online`/`offline` match either substate. */
export type WaitTarget =
  | { what: 'processing'; state: string }
  | { what: 'control'; state: ControlState | 'online' | 'offline' }
  | { what: 'communicating' }
  | { what: 'selected' };

export type OperatorStep =
  | { op: 'set'; vid: number; name: string; type: ValueType; value: ValueSource }
  | { op: 'event'; ceid: number; name: string }
  | { op: 'alarm'; set: boolean; alids: number[] }
  | { op: 'process'; event: string }
  | { op: 'online' }
  | { op: 'offline' }
  | { op: 'local' }
  | { op: 'remote' }
  | { op: 'drop' }
  | { op: 'sleep'; ms: number }
  | { op: 'wait'; target: WaitTarget; timeoutMs?: number }
  | { op: 'repeat'; count: number; body: OperatorCommand[] }
  /** `text` may hold `${i}`. */
  | { op: 'say'; text: string }
  | { op: 'status' };

/** A step with the line it came from (for runtime messages). */
export type OperatorCommand = OperatorStep & { line: number };

export interface OperatorScript {
  /** The name used in messages (`file:line`). */
  file: string;
  commands: OperatorCommand[];
}

/**
 * Why a script was refused before anything ran. Each is a core Issue whose message says
 * `file:line: problem` and whose path is `line` or `line:column`.
 */
export type ScriptIssueCode =
  | 'unknown-command'
  | 'syntax'
  | 'bad-number'
  | 'bad-value'
  | 'unknown-variable'
  | 'not-settable'
  | 'unknown-event'
  | 'unknown-alarm'
  | 'unknown-processing-event'
  | 'unknown-state'
  | 'counter-outside-repeat'
  | 'unbalanced'
  | 'too-deep'
  | 'empty-script';
