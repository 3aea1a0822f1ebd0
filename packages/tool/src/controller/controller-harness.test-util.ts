// A simulated tool for the controller's tests: the default module set, fake physics and scripted
// faults behind the simulated drivers, a max-speed clock, and every event recorded in order.
import { VirtualClock } from '../clock/virtual-clock.js';
import { testToolConfig } from '../config/tool-config.test-util.js';
import type { ToolConfig } from '../config/tool-config-types.js';
import type { AnyDriver } from '../drivers/module-drivers.js';
import { createSimDrivers } from '../drivers/sim/create-sim-drivers.js';
import { FakePhysics } from '../drivers/sim/fake-physics.test-util.js';
import { type FaultRule, ScriptedFaults } from '../drivers/sim/scripted-faults.test-util.js';
import type { Recipe } from '../recipe/recipe-types.js';
import { TEST_RECIPES, testBound } from '../schedule/test-recipes.test-util.js';
import type { ToolEventMap, ToolEventName } from './tool-api.js';
import { ToolController } from './tool-controller.js';
import type { OperatorMode } from './tool-runtime.js';

/**
 * The test tool for the controller: its recipes are the scheduler's (T-BOND first), and maintenance
 * never falls due unless a test asks for it.
 */
export function testConfig(change: Partial<ToolConfig> = {}): ToolConfig {
  return testToolConfig({ defaultRecipe: 'T-BOND', maintenanceEveryWafers: 10_000, ...change });
}

type RecordedEvent = { [E in ToolEventName]: { name: E; payload: ToolEventMap[E] } }[ToolEventName];

export interface Harness {
  clock: VirtualClock;
  tool: ToolController;
  physics: FakePhysics;
  faults: ScriptedFaults;
  events: RecordedEvent[];
  config: ToolConfig;
  /** Events of one name, in order. */
  of<E extends ToolEventName>(name: E): ToolEventMap[E][];
}

const NAMES: ToolEventName[] = [
  'lot-started',
  'step-started',
  'step-ended',
  'substrate-moved',
  'pair-result',
  'lot-ended',
  'module-state',
  'e10-state',
  'process-state',
  'alarm',
  'trace',
];

export function harness(
  options: {
    faults?: FaultRule[];
    physics?: FakePhysics;
    seed?: number;
    operator?: OperatorMode;
    config?: ToolConfig;
    recipes?: readonly Recipe[];
    maintenanceS?: number;
    clock?: VirtualClock;
    /** Replace or wrap drivers before the controller is built. */
    drivers?: (drivers: Map<string, AnyDriver>) => void;
  } = {},
): Harness {
  const clock = options.clock ?? new VirtualClock();
  const config = options.config ?? testConfig();
  const physics = options.physics ?? new FakePhysics();
  const faults = new ScriptedFaults(options.faults ?? []);
  const drivers = createSimDrivers(config.modules, {
    clock,
    physics,
    faults,
    twin: config.twin,
    seed: options.seed ?? 7,
  });
  options.drivers?.(drivers);
  const recipes = options.recipes ?? TEST_RECIPES;
  const tool = new ToolController({
    config,
    drivers,
    clock,
    recipes: (name) => recipes.find((r) => r.name === name),
    bound: testBound,
    ...(options.operator === undefined ? {} : { operator: options.operator }),
    ...(options.maintenanceS === undefined ? {} : { maintenanceS: options.maintenanceS }),
  });
  const events: RecordedEvent[] = [];
  for (const name of NAMES) tool.on(name, (payload) => events.push({ name, payload } as RecordedEvent));
  const of = <E extends ToolEventName>(name: E) =>
    events.filter((e) => e.name === name).map((e) => e.payload as ToolEventMap[E]);
  return { clock, tool, physics, faults, events, config, of };
}

/** Start a lot and wait for its summary (fails the test on a refusal). */
export async function runToEnd(h: Harness, lotId: string, pairs: number, recipe = 'T-BOND') {
  const started = h.tool.start({ lotId, recipe, pairs });
  if (!started.ok) throw new Error(started.issues.map((i) => i.message).join('; '));
  return started.value.done;
}
