// One scheduling pass of the controller (docs/tool.md §2, "Scheduler"), run whenever something
// changed: work the load ports (setup, undock), start every step whose module holds what it needs,
// start scheduled maintenance of an empty module that is due, let the robot take its next
// operation, undock once every started pair is back, and notice a pause that has come to rest.
import { startScheduledMaintenance } from './fault-recovery.js';
import type { LotRun } from './lot-run.js';
import { readyForStep, startProcessStep } from './process-steps.js';
import type { RobotExecutor } from './robot-executor.js';
import type { ToolRuntime } from './tool-runtime.js';

/** What the pass found: the lot goes on, is done (carriers undocked), or cannot go on (see lot.failure). */
export type PassOutcome = 'running' | 'done' | 'failed';

export function schedulingPass(rt: ToolRuntime, lot: LotRun, robot: RobotExecutor): PassOutcome {
  const state = () => rt.process.state;
  if (state() === 'setup' || state() === 'executing' || state() === 'stopping') lot.runLoadPorts();
  if (lot.failure !== undefined) return 'failed';
  if (lot.phase !== 'setup' && state() === 'setup') rt.fireProcess('ready');
  const running = state() === 'executing' || state() === 'stopping';
  if (running && lot.phase === 'run') {
    for (const m of rt.modules) {
      if (m.state !== 'idle') continue;
      if (readyForStep(rt, m)) startProcessStep(rt, lot, m);
      else if (m.contents.length === 0 && robot.maintenanceDue(m)) startScheduledMaintenance(rt, m);
    }
    robot.advance(lot);
    if (lot.allDelivered() && rt.robot.state === 'idle') {
      lot.beginUndock();
      lot.runLoadPorts();
    }
  }
  if (running && lot.phase === 'done') return 'done';
  if (state() === 'pausing' && rt.modules.every((m) => m.state !== 'busy')) rt.fireProcess('paused');
  return 'running';
}
