// A synthetic stream of tool events for a lot, shaped like the controller's (docs/tool.md §1): each
// wafer is moved by the robot through pre-aligner, plasma and clean (the top wafer also through the
// flipper) to the bonder, the stack through inspection back to a carrier; every step has its module
// state changes, start and end, and the plasma and bond steps trace samples. For the binding's test
// and benchmark: what the controller will emit, without the controller.

import type { LotSummary } from '../controller/tool-api.js';
import type { ModuleKind } from '../module-kind.js';
import type { FakeTool } from './fake-tool.test-util.js';
import { testPair } from './gem-fixtures.test-util.js';

const TRACE: Partial<Record<ModuleKind, Record<string, number>>> = {
  plasma: { rfForwardW: 300, rfReflectedW: 4, chamberPressurePa: 20 },
  bonder: { bondForceN: 5, chamberPressurePa: 0.002, chuckTemperatureC: 23 },
};

/** Emits the events of one lot of `pairs` pairs on `tool`, pair by pair (`between` runs after each pair). */
export async function emitLot(
  tool: FakeTool,
  lotId: string,
  pairs: number,
  between: () => Promise<void> = async () => {},
): Promise<LotSummary> {
  let t = tool.state.clockS;
  const step = (moduleId: string, kind: ModuleKind, substrateIds: string[], durationS: number): void => {
    tool.emit('module-state', { moduleId, from: 'idle', to: 'busy', atS: t });
    tool.emit('step-started', { moduleId, kind, substrateIds, atS: t });
    for (const [name, value] of Object.entries(TRACE[kind] ?? {}))
      for (let k = 0; k < 3; k++) tool.emit('trace', { moduleId, name, value: value + k, atS: t + k });
    t += durationS;
    tool.emit('step-ended', { moduleId, kind, substrateIds, atS: t, durationS, trace: TRACE[kind] ?? {} });
    tool.emit('module-state', { moduleId, from: 'busy', to: 'idle', atS: t });
  };
  const move = (
    substrateId: string,
    from: string | [string, number],
    to: string | [string, number],
  ): void => {
    const loc = (l: string | [string, number]) =>
      typeof l === 'string' ? { module: l } : { carrier: l[0], slot: l[1] };
    step('TR1', 'robot', [substrateId], 4);
    tool.emit('substrate-moved', { substrateId, from: loc(from), to: loc(to), atS: t });
  };
  const started = t;
  tool.emit('lot-started', { lotId, recipe: 'BOND-STD', pairs, atS: t });
  for (let i = 1; i <= pairs; i++) {
    const pair = testPair(lotId, i);
    for (const [id, carrier, flip] of [
      [pair.topId, `${lotId}-TOP`, true],
      [pair.bottomId, `${lotId}-BOT`, false],
    ] as const) {
      move(id, [carrier, i], 'PA1');
      step('PA1', 'prealigner', [id], 10);
      move(id, 'PA1', 'PL1');
      step('PL1', 'plasma', [id], 30);
      move(id, 'PL1', 'CL1');
      step('CL1', 'clean', [id], 50);
      move(id, 'CL1', flip ? 'FL1' : 'BD1');
      if (flip) {
        step('FL1', 'flipper', [id], 8);
        move(id, 'FL1', 'BD1');
      }
    }
    step('BD1', 'bonder', [pair.topId, pair.bottomId], 70);
    move(pair.stackId, 'BD1', 'IN1');
    step('IN1', 'inspection', [pair.stackId], 48);
    move(pair.stackId, 'IN1', [`${lotId}-STACK`, i]);
    tool.emit('pair-result', { ...pair, doneS: t });
    await between();
  }
  const summary: LotSummary = {
    lotId,
    recipe: 'BOND-STD',
    pairs,
    yield: 0.875,
    pairsPerHour: 3600 / 180,
    boundPairsPerHour: 3600 / 176,
    bottleneck: 'BD1',
    modules: [],
    fillS: 400,
    drainS: 130,
    startedS: started,
    endedS: t,
    outcome: 'completed',
  };
  tool.emit('lot-ended', summary);
  tool.state.clockS = t;
  return summary;
}
