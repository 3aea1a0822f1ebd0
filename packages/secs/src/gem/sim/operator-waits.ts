// Waiting in an operator script: `sleep` on the injected clock, and `wait` for a state of the
// equipment, checked now and on every state change the equipment or its session reports. Both end
// early when the run is cancelled.

import type { Clock } from '../../hsms/clock.js';
import type { GemEquipment } from '../equipment/gem-equipment.js';
import { type ControlState, isOnline } from '../state/control-state.js';
import type { WaitTarget } from './operator-commands.js';

/** Thrown into a sleeping or waiting script when its run is cancelled. */
export class RunCancelled extends Error {
  override readonly name = 'RunCancelled';
  constructor() {
    super('cancelled');
  }
}

/** Resolves after `ms` on `clock`; rejects with RunCancelled when `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new RunCancelled());
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(new RunCancelled());
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `wait` target in words, for messages. */
export function describeTarget(t: WaitTarget): string {
  return t.what === 'processing' || t.what === 'control' ? `${t.what} ${t.state}` : t.what;
}

/** True when the equipment is where `target` wants it now. */
export function reached(eq: GemEquipment, target: WaitTarget): boolean {
  switch (target.what) {
    case 'processing':
      return eq.processing.state === target.state;
    case 'control':
      return controlMatches(eq.control.state, target.state);
    case 'communicating':
      return eq.communicationState === 'communicating';
    case 'selected':
      return eq.session.state === 'selected';
  }
}

function controlMatches(state: ControlState, wanted: ControlState | 'online' | 'offline'): boolean {
  if (wanted === 'online') return isOnline(state);
  if (wanted === 'offline') return !isOnline(state);
  return state === wanted;
}

/** Where the equipment is instead, for a timeout message. */
function current(eq: GemEquipment, target: WaitTarget): string {
  switch (target.what) {
    case 'processing':
      return `processing state is ${eq.processing.state}`;
    case 'control':
      return `control state is ${eq.control.state}`;
    case 'communicating':
      return `communication state is ${eq.communicationState}`;
    case 'selected':
      return `HSMS state is ${eq.session.state}`;
  }
}

/**
 * Resolves once `target` is reached; rejects with an Error naming the state it is in after
 * `timeoutMs` (none: no limit), or with RunCancelled.
 */
export function waitFor(
  eq: GemEquipment,
  target: WaitTarget,
  opts: { clock: Clock; timeoutMs: number | undefined; signal: AbortSignal },
): Promise<void> {
  if (reached(eq, target)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const offs: Array<() => void> = [];
    let timer: unknown;
    const finish = (err?: Error): void => {
      for (const off of offs) off();
      if (timer !== undefined) opts.clock.clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      if (err === undefined) resolve();
      else reject(err);
    };
    const check = (): void => {
      if (reached(eq, target)) finish();
    };
    const onAbort = (): void => finish(new RunCancelled());
    if (opts.signal.aborted) return finish(new RunCancelled());
    opts.signal.addEventListener('abort', onAbort, { once: true });
    offs.push(
      eq.on('control-state', check),
      eq.on('processing-state', check),
      eq.on('communication-state', check),
      eq.session.on('state', check),
    );
    if (opts.timeoutMs !== undefined) {
      const ms = opts.timeoutMs;
      timer = opts.clock.setTimeout(
        () => finish(new Error(`timed out after ${ms} ms (${current(eq, target)})`)),
        ms,
      );
    }
  });
}
