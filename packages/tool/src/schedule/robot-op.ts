// The robot's operations as the scheduler plans them: a station is a module id (a load port stands
// for its carrier), a substrate is named by id. The controller executes them one at a time.
import type { Arm } from '../drivers/module-drivers.js';

export type RobotOp =
  | { op: 'move'; station: string }
  | { op: 'pick'; arm: Arm; station: string; substrateId: string }
  | { op: 'place'; arm: Arm; station: string; substrateId: string }
  | {
      op: 'swap';
      station: string;
      pick: { arm: Arm; substrateId: string };
      place: { arm: Arm; substrateId: string };
    };
